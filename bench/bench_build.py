"""Benchmark `dbt build` of every model on a national-scale synthetic council, layer by layer.

The input is one synthetic council the size of England (115,000 children looked after during
each year) over 10 collection years, written by `cpw synth` and loaded with `cpw load`. dbt then
builds the project one layer at a time, each step in its own process so each line's peak memory
is that step's dbt-and-DuckDB process: seeds, the staging, intermediate and marts models, then
every data test. The steps add up to one `dbt build`. Target (issue 6): under 3 minutes and
under 4 GB on 2 cores.
Run: .venv/bin/python bench/bench_build.py [--children 115000] [--years 10] [--data DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from _measure import Measurement, measure

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# (name, dbt command, selector); tests run last, once every model they read exists
LAYERS: tuple[tuple[str, str, str], ...] = (
    ("seeds", "seed", "resource_type:seed"),
    ("staging models", "run", "path:models/staging"),
    ("intermediate models", "run", "path:models/intermediate"),
    ("marts models", "run", "path:models/marts"),
    ("data tests (all)", "test", "resource_type:test"),
)


def _dbt(warehouse: Path, target: Path, command_name: str, select: str) -> Measurement:
    command = [
        str(BIN / "dbt"),
        command_name,
        "--select",
        select,
        "--project-dir",
        str(ROOT),
        "--profiles-dir",
        str(ROOT),
        "--target-path",
        str(target),
        "--log-path",
        str(target / "logs"),
    ]
    return measure(
        command, env={"CPW_WAREHOUSE": str(warehouse), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    )


_REFERENCE_SCRIPT = (
    "import sys; from pathlib import Path; from cpw.build import _refresh_reference_data; "
    "_refresh_reference_data(Path(sys.argv[1]))"
)


def _line(name: str, result: Measurement) -> str:
    failed = "" if result.returncode == 0 else f"  FAILED (exit {result.returncode})"
    return f"{name:28} wall {result.wall_seconds:7.1f} s  peak {result.peak_rss_mb:7.0f} MB{failed}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--children", type=int, default=115_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--data", type=Path, help="reuse (or keep) the synthetic input here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = args.data or work / "input"
        if not (data.exists() and any(data.iterdir())):
            # in a child process, so this process stays small: a child started by fork keeps
            # its parent's peak memory as its own starting figure
            synth = measure(
                [str(BIN / "cpw"), "synth", "--out", str(data), "--children", str(args.children)]
                + ["--years", str(args.years), "--seed", "11"]
            )
            print(_line("cpw synth (input)", synth), flush=True)
        warehouse = work / "cpw.duckdb"
        load = measure(
            [str(BIN / "cpw"), "load", "--input", str(data), "--warehouse", str(warehouse)]
        )
        print(_line("cpw load", load), flush=True)
        size_mb = warehouse.stat().st_size / 1e6 if warehouse.exists() else 0.0
        print(f"warehouse after load: {size_mb:,.0f} MB", flush=True)
        # the reference data (postcode centroids) `cpw build` copies in before dbt runs
        reference = measure([str(BIN / "python"), "-c", _REFERENCE_SCRIPT, str(warehouse)])
        print(_line("postcode centroids", reference), flush=True)
        total, peak = reference.wall_seconds, reference.peak_rss_mb
        for name, command_name, select in LAYERS:
            result = _dbt(warehouse, work / "target", command_name, select)
            print(_line(name, result), flush=True)
            total += result.wall_seconds
            peak = max(peak, result.peak_rss_mb)
            if result.returncode != 0:
                log = (work / "target" / "logs" / "dbt.log").read_text().splitlines()
                print("\n".join(line for line in log if "ERROR" in line or "FAIL" in line)[-3000:])
                break
        print(f"{'build, all steps':28} wall {total:7.1f} s  peak {peak:7.0f} MB", flush=True)
        print(f"cpus: {os.cpu_count()}  target: under 180 s and 4,096 MB", flush=True)


if __name__ == "__main__":
    main()
