"""Benchmark the synthetic council generator: wall time and peak memory of each run, each in
its own child process (peak RSS read from that process's rusage).

Targets: the demo council (400 children, 3 years) in under 5 s; national scale (about 115,000
children looked after during a year, every English LA) for one year in under 60 s and 2 GB;
ten years in under 5 minutes.
Run: .venv/bin/python bench/bench_synth.py [--runs 1] [--skip-national] [--ten-years]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _measure import measure, median


def _report(name: str, command: list[str], runs: int) -> None:
    results = [measure(command) for _ in range(runs)]
    failed = [r.returncode for r in results if r.returncode != 0]
    wall = median([r.wall_seconds for r in results])
    peak = median([r.peak_rss_mb for r in results])
    print(
        f"{name:44} wall {wall:7.2f} s  peak {peak:8.1f} MB"
        + (f"  FAILED {failed}" if failed else ""),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument("--ten-years", action="store_true")
    args = parser.parse_args()
    cpw_synth = [str(Path(sys.executable).with_name("cpw")), "synth"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _report(
            "demo council (400 children, 3 years)",
            [*cpw_synth, "--out", str(work / "demo")],
            args.runs,
        )
        _report(
            "demo council with local extracts",
            [*cpw_synth, "--out", str(work / "demo_local"), "--local-extracts"],
            args.runs,
        )
        _report(
            "demo council as 903 XML",
            [
                sys.executable,
                "-c",
                "import sys; from pathlib import Path; from cpw.synth import generate_council; "
                "generate_council(Path(sys.argv[1]), xml=True)",
                str(work / "demo_xml"),
            ],
            args.runs,
        )
        if not args.skip_national:
            _report(
                "national, 115,000 children, 1 year",
                [
                    *cpw_synth,
                    "--out",
                    str(work / "n1"),
                    "--children",
                    "115000",
                    "--years",
                    "1",
                    "--national",
                ],
                args.runs,
            )
        if args.ten_years:
            _report(
                "national, 115,000 children, 10 years",
                [
                    *cpw_synth,
                    "--out",
                    str(work / "n10"),
                    "--children",
                    "115000",
                    "--years",
                    "10",
                    "--national",
                ],
                args.runs,
            )


if __name__ == "__main__":
    main()
