"""Writing a synthetic council: one folder of 903 CSVs per collection year."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cpw.errors import CpwInputError
from cpw.synth.dates import CollectionYear
from cpw.synth.model import Child
from cpw.synth.population import simulate
from cpw.synth.returns import TABLES, write_table, year_tables

SHORT_BREAKS = frozenset({"V3", "V4"})


@dataclass(frozen=True)
class SynthResult:
    """What ``generate_council`` wrote.

    Attributes:
        out_dir: The input folder written (one sub-folder per year).
        years: Collection-year labels, oldest first, e.g. ``["2022-23", "2023-24"]``.
        rows: Year label -> table name (``header``, ``episodes``, ``reviews``) -> data rows.
        looked_after_at_31_march: Year label -> children looked after on 31 March
            (short-break-only children excluded, as in DfE figures).
    """

    out_dir: Path
    years: list[str]
    rows: dict[str, dict[str, int]]
    looked_after_at_31_march: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line per year: children during the year, at 31 March, episodes and reviews."""
        lines = [f"synthetic council written to {self.out_dir}"]
        for label in self.years:
            counts = self.rows[label]
            lines.append(
                f"{label}: {counts['header']} children in the year, "
                f"{self.looked_after_at_31_march.get(label, 0)} at 31 March, "
                f"{counts['episodes']} episodes, {counts['reviews']} reviews"
            )
        return "\n".join(lines)


def _looked_after_at(children: list[Child], year: CollectionYear) -> int:
    return sum(
        any(e.decom <= year.end < e.dec and e.ls not in SHORT_BREAKS for e in child.episodes)
        for child in children
    )


def generate_council(
    out_dir: Path,
    children: int = 400,
    years: int = 3,
    seed: int = 20261124,
    last_collection_year: int = 2025,
) -> SynthResult:
    """Simulate a council's looked-after children and write their 903 returns.

    Args:
        out_dir: Folder to write; gets one ``YYYY-YY`` sub-folder per collection year holding
            ``header.csv``, ``episodes.csv`` and ``reviews.csv``.
        children: Roughly how many children are looked after during each year.
        years: How many collection years to write.
        seed: Random seed; the same seed gives byte-identical files.
        last_collection_year: Calendar year in which the last collection ends
            (2025 means 2024-25).

    Returns:
        The folder, the year labels and the row counts written.

    Raises:
        CpwInputError: If ``children`` or ``years`` is not positive.
    """
    if children < 1 or years < 1:
        raise CpwInputError("children and years must both be at least 1")
    collection_years = [CollectionYear(last_collection_year - years + 1 + i) for i in range(years)]
    population = simulate(seed, children, collection_years[0].start, collection_years[-1].end)
    rows: dict[str, dict[str, int]] = {}
    at_31_march: dict[str, int] = {}
    for year in collection_years:
        folder = out_dir / year.label
        folder.mkdir(parents=True, exist_ok=True)
        tables = year_tables(population, year)
        for name, columns in TABLES.items():
            write_table(folder / f"{name}.csv", columns, tables[name])
        rows[year.label] = {name: len(table) for name, table in tables.items()}
        at_31_march[year.label] = _looked_after_at(population, year)
    return SynthResult(out_dir, [y.label for y in collection_years], rows, at_31_march)
