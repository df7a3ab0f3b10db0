"""Build the Evidence site offline: extract the publish file to parquet, then build the app.

The site is a single-page app whose pages query the parquet files in the browser (docs/reports.md,
"Why the pages render in the browser"). So the compiled app depends only on the pages and the
Evidence project, not on the data: when those are unchanged since the last build, a report run
only swaps the data files into the built site instead of compiling the app again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cpw import settings
from cpw.errors import CpwStepError
from cpw.reports.server import APP_SHELL

SETTINGS_FILE = "evidence.settings.json"
# What the compiled app is made from; a change to any of them means compiling it again.
APP_INPUTS = (
    "pages",
    "components",
    "partials",
    "svelte.config.js",
    "evidence.config.yaml",
    SETTINGS_FILE,
    "package.json",
    "package-lock.json",
    "app.css",
    "scripts",
)
FINGERPRINT_FILE = ".cpw-app-fingerprint"
# Where `npm run sources` writes the parquet files and their manifest.
SOURCES_DATA = Path(".evidence") / "template" / "static" / "data"
STATIC_DIR = "static"
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
    # Every page renders in the browser (Evidence's SPA mode; the fallback page is set in
    # svelte.config.js), so no page holds data baked in at build time.
    env = {**os.environ, "VITE_EVIDENCE_SPA": "true"}
    # A session of its own, so a timeout stops npm's children (vite, node) as well as npm.
    with subprocess.Popen(
        [npm, "run", script],
        cwd=reports_dir,
        env=env,
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


@dataclass(frozen=True)
class SiteBuild:
    """Where the site was written, and whether its app was compiled or only given new data."""

    build_dir: Path
    app_compiled: bool


def app_fingerprint(reports_dir: Path) -> str:
    """A hash of every file the compiled app is made from (see APP_INPUTS)."""
    digest = hashlib.sha256()
    for name in APP_INPUTS:
        root = reports_dir / name
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file():
                digest.update(path.relative_to(reports_dir).as_posix().encode())
                digest.update(b"\0")
                digest.update(path.read_bytes())
                digest.update(b"\0")
    return digest.hexdigest()


def _app_is_current(build_dir: Path, fingerprint: str) -> bool:
    stamp = build_dir / FINGERPRINT_FILE
    return (
        (build_dir / APP_SHELL).is_file()
        and stamp.is_file()
        and stamp.read_text(encoding="utf-8").strip() == fingerprint
    )


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def refresh_data(reports_dir: Path, build_dir: Path) -> None:
    """Put the parquet files of the last `npm run sources` into an already compiled site.

    Does what `evidence build` does to the data after compiling: each parquet file moves into a
    folder named by the MD5 of its content (so a browser never serves a stale cached copy) and
    the manifest points at the new places. The site's static files (Data Docs) are copied again.
    """
    source = reports_dir / SOURCES_DATA
    manifest_path = source / "manifest.json"
    if not manifest_path.is_file():
        raise CpwStepError(f"{manifest_path} is missing; `npm run sources` wrote no data")
    data_dir = build_dir / "data"
    staging = build_dir / ".data-incoming"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging)
    manifest = json.loads((staging / "manifest.json").read_text(encoding="utf-8"))
    for files in manifest.get("renderedFiles", {}).values():
        for index, url in enumerate(files):
            # <url prefix>/<source>/<table>/<table>.parquet: the last three parts are on disk.
            disk = Path(*url.split("/")[-3:])
            path = staging / disk
            if not path.is_file():
                continue
            hashed = disk.parent / _md5(path) / disk.name
            (staging / hashed).parent.mkdir(parents=True, exist_ok=True)
            path.replace(staging / hashed)
            files[index] = url.replace(disk.as_posix(), hashed.as_posix())
    (staging / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    # Swap the folder in one rename so the site never holds half old, half new data.
    retired = build_dir / ".data-retired"
    shutil.rmtree(retired, ignore_errors=True)
    if data_dir.exists():
        data_dir.replace(retired)
    staging.replace(data_dir)
    shutil.rmtree(retired, ignore_errors=True)
    static = reports_dir / STATIC_DIR
    if static.is_dir():
        for entry in static.iterdir():
            target = build_dir / entry.name
            if entry.is_dir():
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(entry, target)
            else:
                shutil.copy2(entry, target)


def build_site(reports_dir: Path = settings.REPORTS_DIR, *, compile_app: bool = False) -> SiteBuild:
    """Run `npm run sources`, then compile the app (`npm run build`) or only refresh its data.

    The app is compiled when `compile_app` is set, when there is no built site, or when any file
    it is made from changed since it was last compiled (`app_fingerprint`); otherwise the new
    parquet files replace the old ones in the built site (`refresh_data`). Nothing here enables
    telemetry: the project's `evidence.settings.json` turns it off and the build refuses to start
    without it. The build makes no network connections (see docs/reports.md for the offline
    recipe).

    Args:
        reports_dir: the Evidence project folder (holding package.json and node_modules).
        compile_app: compile the app even when it looks current.

    Returns:
        The folder holding the static site, and whether the app was compiled.

    Raises:
        CpwStepError: the project is not ready, or a step failed or timed out; the message
            carries the last lines of its output.
    """
    npm = _check_project(reports_dir)
    build_dir = reports_dir / "build"
    _run(npm, "sources", reports_dir, SOURCES_TIMEOUT_S)
    fingerprint = app_fingerprint(reports_dir)
    if not compile_app and _app_is_current(build_dir, fingerprint):
        refresh_data(reports_dir, build_dir)
        return SiteBuild(build_dir, app_compiled=False)
    # Evidence copies its output over the old folder; start empty so no retired page survives.
    shutil.rmtree(build_dir, ignore_errors=True)
    _run(npm, "build", reports_dir, BUILD_TIMEOUT_S)
    if not (build_dir / APP_SHELL).is_file():
        raise CpwStepError(f"`npm run build` finished but {build_dir}/{APP_SHELL} is missing")
    (build_dir / FINGERPRINT_FILE).write_text(fingerprint + "\n", encoding="utf-8")
    return SiteBuild(build_dir, app_compiled=True)
