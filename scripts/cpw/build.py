"""`cpw build`: run `dbt build` (seeds, models, tests) on a staged copy of the warehouse.

dbt runs in its own process: dbt-duckdb keeps its DuckDB handle open for the life of the
process, so only a finished process guarantees the copy is fully written before it is swapped
in as the live warehouse.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from cpw import warehouse
from cpw.errors import CpwInputError, CpwStepError
from cpw.reference import load_postcode_centroids
from cpw.settings import PROJECT_ROOT

DBT_TIMEOUT_SECONDS = 3600


@dataclass(frozen=True)
class BuildResult:
    """What dbt did: counts by resource type and status, and the failures' messages."""

    counts: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: how many seeds, models and tests ran, and how they ended."""
        return ", ".join(f"{n} {kind}" for kind, n in sorted(self.counts.items()))


def _dbt_executable() -> str:
    return str(Path(sys.executable).with_name("dbt"))


def run_dbt(
    warehouse_path: Path,
    command: str = "build",
    target_path: Path | None = None,
    extra: list[str] | None = None,
) -> BuildResult:
    """Run a dbt command against a copy of the warehouse and swap it in only if dbt succeeded."""
    if not warehouse_path.exists():
        raise CpwInputError("warehouse not found: run `cpw load` first", file=warehouse_path)
    target = target_path or PROJECT_ROOT / "target"
    args = [
        _dbt_executable(),
        command,
        "--project-dir",
        str(PROJECT_ROOT),
        "--profiles-dir",
        str(PROJECT_ROOT),
        "--target-path",
        str(target),
        "--log-path",
        str(target / "logs"),
        *(extra or []),
    ]
    with warehouse.staged_file(warehouse_path, start_from_live=True) as work:
        _refresh_reference_data(work)
        env = {**os.environ, "CPW_WAREHOUSE": str(work), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
        try:
            completed = subprocess.run(
                args,
                cwd=PROJECT_ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=DBT_TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as err:
            raise CpwStepError(f"dbt {command} timed out after {DBT_TIMEOUT_SECONDS} s") from err
        result = _summarise(target / "run_results.json")
        if completed.returncode != 0:
            detail = "; ".join(result.failures[:5]) or _tail(completed.stdout + completed.stderr)
            raise CpwStepError(f"dbt {command} failed: {detail}")
    return result


def _refresh_reference_data(work: Path) -> None:
    """Copy in the reference data dbt reads as sources (postcode centroids) before it runs."""
    con = warehouse.connect(work)
    try:
        load_postcode_centroids(con)
    finally:
        con.close()


def _tail(text: str, lines: int = 8) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:])


def _summarise(run_results: Path) -> BuildResult:
    counts: Counter[str] = Counter()
    failures: list[str] = []
    warnings: list[str] = []
    if not run_results.exists():
        return BuildResult(counts, failures, warnings)
    for node in json.loads(run_results.read_text())["results"]:
        kind = node["unique_id"].split(".")[0]
        status = node["status"]
        counts[f"{kind}s {status}"] += 1
        name = node["unique_id"].split(".")[2]
        if status in ("error", "fail"):
            failures.append(f"{name}: {(node.get('message') or '').strip()}")
        elif status == "warn":
            warnings.append(f"{name}: {(node.get('message') or '').strip()}")
    return BuildResult(counts, failures, warnings)
