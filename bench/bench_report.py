"""Benchmark `cpw report` (publish + `npm run sources` + `npm run build`) on the demo council.

Builds the demo warehouse once (synth, load, dbt build) in a temporary folder, then runs
`cpw report --compile` once (cold: sources, then the app compiled from the pages) and plain
`cpw report` --runs times (warm: the pages are unchanged, so sources and a swap of the data files
into the built site; "warm" is their median), and once with --pdf. Prints wall time and peak
memory of each cpw process. Target (issue 9): under 90 s warm; printed, not asserted.

Run: .venv/bin/python bench/bench_report.py [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _measure import measure, median

ROOT = Path(__file__).resolve().parents[1]
CPW = str(Path(sys.executable).with_name("cpw"))
TARGET_SECONDS = 90.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        warehouse = str(work / "cpw.duckdb")
        for step in (
            [CPW, "synth", "--out", str(work / "input")],
            [CPW, "load", "--input", str(work / "input"), "--warehouse", warehouse],
            [CPW, "build", "--warehouse", warehouse],
        ):
            done = measure(step)
            print(f"setup {step[1]:6} {done.wall_seconds:6.1f} s", flush=True)
            if done.returncode:
                raise SystemExit(f"{' '.join(step)} failed")
        report = [CPW, "report", "--warehouse", warehouse]
        cold = measure([*report, "--compile"])
        print(
            f"cpw report --compile (cold): wall {cold.wall_seconds:6.1f} s  "
            f"peak {cold.peak_rss_mb:6.1f} MB  exit {cold.returncode}",
            flush=True,
        )
        results = [measure(report) for _ in range(args.runs)]
        for number, result in enumerate(results, start=1):
            print(
                f"cpw report run {number} (warm): wall {result.wall_seconds:6.1f} s  "
                f"peak {result.peak_rss_mb:6.1f} MB  exit {result.returncode}",
                flush=True,
            )
        warm = median([r.wall_seconds for r in results])
        verdict = "within" if warm < TARGET_SECONDS else "OVER"
        print(
            f"cpw report warm (median of {args.runs} runs): {warm:.1f} s; "
            f"cold {cold.wall_seconds:.1f} s; {verdict} the {TARGET_SECONDS:.0f} s target"
        )
        pdf = measure([*report, "--pdf", "--out", str(work / "board_pack.pdf")])
        size = (work / "board_pack.pdf").stat().st_size if pdf.returncode == 0 else 0
        print(
            f"cpw report --pdf: wall {pdf.wall_seconds:.1f} s, PDF {size:,} bytes, "
            f"exit {pdf.returncode}"
        )


if __name__ == "__main__":
    main()
