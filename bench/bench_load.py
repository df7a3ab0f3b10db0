"""Benchmark `cpw load`: the DfE validator's fake set, a 10x synthetic council, and a large
episodes file for throughput. Prints wall time and peak memory (median of --runs runs).

Targets (issue 4): the fake set in under 2 s; at least 200,000 episode rows a second.
Run: .venv/bin/python bench/bench_load.py [--runs 3] [--episodes 1000000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import polars as pl

from _measure import measure, median

ROOT = Path(__file__).resolve().parents[1]
FAKE = ROOT.parent / "shared" / "samples" / "ssda903_validator_fake"
CPW = str(Path(sys.executable).with_name("cpw"))


def _synth(out: Path, children: int, years: int) -> None:
    from cpw.synth import generate_council

    generate_council(out, children=children, years=years, seed=7)


def _big_episodes(source: Path, out: Path, rows: int) -> int:
    """One year's folder holding `rows` episode rows: the synthetic episodes repeated with new
    child ids, so keys stay unique and every row passes the checks."""
    episodes = pl.read_csv(source, infer_schema=False)
    copies = rows // episodes.height + 1
    big = pl.concat([episodes.with_columns(pl.col("CHILD") + f"_{k}") for k in range(copies)]).head(
        rows
    )
    out.mkdir(parents=True)
    big.write_csv(out / "episodes.csv")
    return big.height


def _report(name: str, command: list[str], runs: int, rows: int | None = None) -> None:
    results = [measure(command) for _ in range(runs)]
    failed = [r.returncode for r in results if r.returncode != 0]
    wall = median([r.wall_seconds for r in results])
    peak = median([r.peak_rss_mb for r in results])
    line = (
        f"{name:38} wall {wall:6.2f} s  (min {min(r.wall_seconds for r in results):.2f}, "
        f"max {max(r.wall_seconds for r in results):.2f})  peak {peak:7.1f} MB"
    )
    if rows:
        line += f"  {rows:,} rows  {rows / wall:,.0f} rows/s"
    print(line + (f"  FAILED {failed}" if failed else ""), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--episodes", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(f"cpw load, median of {args.runs} runs, whole process (includes start-up)")
        _report(
            "validator fake set (2,675 children)",
            [
                CPW,
                "load",
                "--input",
                str(FAKE),
                "--year",
                "2017-18",
                "--warehouse",
                str(work / "fake.duckdb"),
            ],
            args.runs,
            rows=sum(
                len(p.read_text(encoding="utf-8-sig").splitlines()) - 1 for p in FAKE.glob("*.csv")
            ),
        )
        _synth(work / "ten_x", children=4000, years=3)
        ten_x_rows = sum(len(p.read_text().splitlines()) - 1 for p in work.glob("ten_x/*/*.csv"))
        _report(
            "synthetic 10x demo (4,000 a year, 3 y)",
            [
                CPW,
                "load",
                "--input",
                str(work / "ten_x"),
                "--warehouse",
                str(work / "ten_x.duckdb"),
            ],
            args.runs,
            rows=ten_x_rows,
        )
        rows = _big_episodes(
            work / "ten_x" / "2024-25" / "episodes.csv", work / "big" / "2024-25", args.episodes
        )
        _report(
            "episodes only (throughput)",
            [CPW, "load", "--input", str(work / "big"), "--warehouse", str(work / "big.duckdb")],
            args.runs,
            rows=rows,
        )


if __name__ == "__main__":
    main()
