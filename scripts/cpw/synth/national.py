"""National scale: every English local authority, sized by its children looked after.

The LAs (real ONS code, old DfE number, name) and their children looked after at 31 March 2025
come from the committed benchmark seeds (``seeds/benchmarks/local_authorities.csv`` and the
CTX-01 rows of ``dfe_benchmark_values.csv``, extracted from DfE's files). A national run
shares ``children`` between the LAs in proportion to that count (suppressed counts, ``c`` and
``z``, count as 5) and writes each LA's returns to ``OUT/<ONS code>/<YYYY-YY>/``. LAs are
simulated in parallel worker processes; each LA has its own seed derived from the master seed
and its position, so the output does not depend on the number of workers.
"""

from __future__ import annotations

import csv
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from cpw.settings import PROJECT_ROOT
from cpw.synth.generate import SynthResult, generate_council

BENCHMARKS = PROJECT_ROOT / "seeds" / "benchmarks"
SUPPRESSED_AS = 5


@dataclass(frozen=True)
class LocalAuthority:
    """One English LA: real codes and name, and its relative size."""

    code: str
    old_code: str
    name: str
    looked_after: int


def local_authorities(benchmarks: Path = BENCHMARKS) -> list[LocalAuthority]:
    """The LAs in seed order, each with its 2025 count of children looked after at 31 March."""
    with (benchmarks / "dfe_benchmark_values.csv").open(encoding="utf-8", newline="") as handle:
        counts = {
            r["geography_code"]: r["numerator"] or r["value"]
            for r in csv.DictReader(handle)
            if r["measure_id"] == "CTX-01"
            and r["time_period"] == "2025"
            and r["geographic_level"] == "la"
            and r["breakdown"] == "all"
        }
    with (benchmarks / "local_authorities.csv").open(encoding="utf-8", newline="") as handle:
        return [
            LocalAuthority(
                r["new_la_code"],
                r["old_la_code"],
                r["la_name"],
                # a suppressed count (City of London c, Isles of Scilly z) counts as a few children
                int(float(counts[r["new_la_code"]]))
                if counts.get(r["new_la_code"])
                else SUPPRESSED_AS,
            )
            for r in csv.DictReader(handle)
        ]


def _one(job: tuple[Path, int, int, int, int]) -> SynthResult:
    out, children, years, seed, last = job
    return generate_council(
        out, children=children, years=years, seed=seed, last_collection_year=last
    )


def generate_national(
    out_dir: Path,
    children: int = 115_000,
    years: int = 1,
    seed: int = 20261124,
    last_collection_year: int = 2025,
    workers: int | None = None,
) -> dict[str, SynthResult]:
    """Write one synthetic council per English LA.

    Args:
        out_dir: Folder to write; gets one sub-folder per LA (its ONS code).
        children: Children looked after during a year, across England.
        years: Collection years per LA.
        seed: Master seed.
        last_collection_year: Calendar year the last collection ends.
        workers: Worker processes (default: one per CPU).

    Returns:
        LA code -> what was written for it.
    """
    las = local_authorities()
    total = sum(la.looked_after for la in las)
    jobs = [
        (
            out_dir / la.code,
            max(1, round(children * la.looked_after / total)),
            years,
            seed * 1000 + index,
            last_collection_year,
        )
        for index, la in enumerate(las)
    ]
    # largest first, so the slowest LAs do not start last
    order = sorted(range(len(jobs)), key=lambda i: -jobs[i][1])
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        results = list(pool.map(_one, [jobs[i] for i in order]))
    return {las[i].code: result for i, result in zip(order, results, strict=True)}
