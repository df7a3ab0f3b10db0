"""``python -m cpw.synth``: write a synthetic council, or every English LA with ``--national``."""

from __future__ import annotations

import argparse
from pathlib import Path

from cpw.synth.generate import generate_council
from cpw.synth.national import generate_national


def main() -> None:
    """Parse arguments and write the returns."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--children", type=int, default=400)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--last-year", type=int, default=2025)
    parser.add_argument("--national", action="store_true", help="all English LAs")
    parser.add_argument("--inject-errors", type=int, default=0, help="errors of each kind")
    parser.add_argument("--local", action="store_true", help="also write the local extracts")
    args = parser.parse_args()
    if args.national:
        results = generate_national(args.out, args.children, args.years, args.seed, args.last_year)
        rows = sum(sum(t.values()) for r in results.values() for t in r.rows.values())
        print(f"{len(results)} local authorities, {rows:,} rows written to {args.out}")
        return
    result = generate_council(
        args.out,
        args.children,
        args.years,
        args.seed,
        args.last_year,
        inject_errors=args.inject_errors,
        local_extracts=args.local,
    )
    print(result.summary())


if __name__ == "__main__":
    main()
