"""Build the Evidence site offline: extract the publish file to parquet, then build static pages."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
from pathlib import Path

from cpw import settings
from cpw.errors import CpwStepError

SETTINGS_FILE = "evidence.settings.json"
SOURCES_TIMEOUT_S = 300
BUILD_TIMEOUT_S = 900
# Where connection.yaml expects the publish file, relative to the project folder.
SOURCE_DB = settings.REPORTS_SOURCE_DB.relative_to(settings.REPORTS_DIR)
TAIL_LINES = 40


def _tail(text: str, lines: int = TAIL_LINES) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _check_project(reports_dir: Path) -> str:
    """Return the npm executable once the project is ready to build offline, or raise."""
    npm = shutil.which("npm")
    if npm is None:
        raise CpwStepError("npm not found on PATH; the site build needs Node 18+ and npm")
    if not (reports_dir / "node_modules" / "@evidence-dev" / "evidence").is_dir():
        raise CpwStepError(f"{reports_dir}/node_modules is missing; run `npm ci` in {reports_dir}")
    settings_path = reports_dir / SETTINGS_FILE
    try:
        evidence_settings = json.loads(settings_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise CpwStepError(f"{settings_path} is missing or unreadable: {err}") from err
    # Evidence's CLI ignores SEND_ANONYMOUS_USAGE_STATS; only this file turns its telemetry off.
    if evidence_settings.get("send_anonymous_usage_stats") != "no":
        raise CpwStepError(f'{settings_path} must set "send_anonymous_usage_stats": "no"')
    if not (reports_dir / SOURCE_DB).is_file():
        raise CpwStepError(f"{reports_dir / SOURCE_DB} not found; publish the marts first")
    return npm


def _run(npm: str, script: str, reports_dir: Path, timeout_s: int) -> None:
    # A session of its own, so a timeout stops npm's children (vite, node) as well as npm.
    with subprocess.Popen(
        [npm, "run", script],
        cwd=reports_dir,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    ) as proc:
        try:
            output, _ = proc.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired as err:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            output, _ = proc.communicate()
            raise CpwStepError(
                f"`npm run {script}` timed out after {timeout_s} s in {reports_dir}\n"
                f"{_tail(output)}"
            ) from err
    if proc.returncode != 0:
        raise CpwStepError(
            f"`npm run {script}` failed (exit {proc.returncode}) in {reports_dir}\n{_tail(output)}"
        )


def build_site(reports_dir: Path = settings.REPORTS_DIR) -> Path:
    """Run `npm run sources` then `npm run build` in the Evidence project.

    Nothing here enables telemetry: the project's `evidence.settings.json` turns it off and the
    build refuses to start without it. The build makes no network connections (see
    docs/reports.md for the offline recipe).

    Args:
        reports_dir: the Evidence project folder (holding package.json and node_modules).

    Returns:
        The folder holding the static site.

    Raises:
        CpwStepError: the project is not ready, or a step failed or timed out; the message
            carries the last lines of its output.
    """
    npm = _check_project(reports_dir)
    _run(npm, "sources", reports_dir, SOURCES_TIMEOUT_S)
    _run(npm, "build", reports_dir, BUILD_TIMEOUT_S)
    build_dir = reports_dir / "build"
    if not (build_dir / "index.html").is_file():
        raise CpwStepError(f"`npm run build` finished but {build_dir}/index.html is missing")
    return build_dir
