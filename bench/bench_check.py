"""Benchmark `cpw check` at national scale: every English LA's synthetic 903, one warehouse.

`cpw synth --national` writes one folder per LA; their tables are stacked into one return per
year (CHILD prefixed with the LA code, so keys stay unique), then loaded, built with dbt and
checked. Each step runs in its own process; wall time and peak resident memory are printed per
step, and `cpw check`'s own phase times (GX import and suite preparation, DuckDB export to
Parquet, the checkpoint run, storing results, publishing Data Docs) from its output.

Run: .venv/bin/python bench/bench_check.py [--children 115000] [--years 1] [--skip-docs]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

CPW = str(Path(sys.executable).with_name("cpw"))


def _run(name: str, command: list[str], log: Path) -> str:
    """Run one step in its own process; print wall time and its own peak RSS; return stdout."""
    started = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    text = log.read_text()
    # `cpw check` exits 1 when a critical expectation fails: a finished run all the same
    failed = "" if code in (0, 1) else f"  FAILED {code}: {text[-500:]}"
    # ru_maxrss is in KiB on Linux
    print(
        f"{name:28} wall {wall:7.1f} s  peak {usage.ru_maxrss / 1024:7.0f} MB{failed}", flush=True
    )
    return text


def _stack_national(national: Path, out: Path) -> dict[str, int]:
    """One folder per year holding every LA's rows of each table; returns rows per table."""
    rows: dict[str, int] = {}
    for year_dir in sorted({p.name for p in national.glob("*/*") if p.is_dir()}):
        target = out / year_dir
        target.mkdir(parents=True)
        names = sorted({p.name for p in national.glob(f"*/{year_dir}/*.csv")})
        for name in names:
            frames = [
                pl.read_csv(path, infer_schema=False).with_columns(
                    (pl.lit(path.parents[1].name + "-") + pl.col("CHILD")).alias("CHILD")
                )
                for path in sorted(national.glob(f"*/{year_dir}/{name}"))
            ]
            stacked = pl.concat(frames, how="diagonal")
            stacked.write_csv(target / name)
            rows[name] = rows.get(name, 0) + stacked.height
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--children", type=int, default=115_000)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--skip-docs", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cpw-bench-check-") as tmp:
        work = Path(tmp)
        warehouse = work / "w" / "cpw.duckdb"
        print(f"cpw check at national scale: {args.children:,} children, {args.years} year(s)")
        log = work / "step.log"
        _run(
            "synth --national",
            [CPW, "synth", "--national", "--out", str(work / "la"),
             "--children", str(args.children), "--years", str(args.years)],
            log,
        )  # fmt: skip
        rows = _stack_national(work / "la", work / "national")
        print("rows: " + ", ".join(f"{n.removesuffix('.csv')} {r:,}" for n, r in rows.items()))
        _run("load", [CPW, "load", "--input", str(work / "national"), "-w", str(warehouse)], log)
        _run("build (dbt)", [CPW, "build", "-w", str(warehouse)], log)
        size = warehouse.stat().st_size / 1e6
        print(f"warehouse {size:,.0f} MB", flush=True)
        for label, extra in (("check --no-docs", ["--no-docs"]), ("check (with Data Docs)", [])):
            if args.skip_docs and not extra:
                continue
            out = _run(
                label,
                [CPW, "check", "-w", str(warehouse), "--docs-dir", str(work / "docs"), *extra],
                log,
            )
            for line in out.splitlines():
                if line.startswith(("checks:", "check times:")):
                    print(f"    {line}", flush=True)
        print(f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
