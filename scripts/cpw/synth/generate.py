"""Writing a synthetic council: one folder of 903 CSVs per collection year."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from cpw.errors import CpwInputError
from cpw.synth import errors
from cpw.synth.dates import CollectionYear
from cpw.synth.model import Child
from cpw.synth.population import LOCAL_UNTIL_AGE, RETURN_UNTIL_AGE, simulate
from cpw.synth.postcodes import PostcodeArea
from cpw.synth.returns import SHORT_BREAKS, tables_for, write_table, year_tables
from cpw.synth.xml_return import CSV_ONLY, write_xml
from cpw.synth.xml_return import FILE_NAME as XML_FILE

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class SynthResult:
    """What ``generate_council`` wrote.

    Attributes:
        out_dir: The input folder written (one sub-folder per year).
        years: Collection-year labels, oldest first, e.g. ``["2022-23", "2023-24"]``.
        rows: Year label -> table name (``header``, ``episodes``, ``reviews``, ``oc2``, ...)
            -> data rows written (including any injected duplicates).
        looked_after_at_31_march: Year label -> children looked after on 31 March
            (short-break-only children excluded, as in DfE figures).
        looked_after_during_year: Year label -> children with an episode in the year (the
            Header also holds care leavers who are there only for OC3).
        errors: The injected errors (empty unless ``inject_errors`` was set).
        local_rows: Year label -> local extract table -> rows (empty unless written).
    """

    out_dir: Path
    years: list[str]
    rows: dict[str, dict[str, int]]
    looked_after_at_31_march: dict[str, int] = field(default_factory=dict)
    looked_after_during_year: dict[str, int] = field(default_factory=dict)
    errors: list[errors.InjectedError] = field(default_factory=list)
    local_rows: dict[str, dict[str, int]] = field(default_factory=dict)

    def summary(self) -> str:
        """One line per year: children during the year, at 31 March, episodes and reviews."""
        lines = [f"synthetic council written to {self.out_dir}"]
        for label in self.years:
            counts = self.rows[label]
            during = self.looked_after_during_year.get(label, counts["header"])
            lines.append(
                f"{label}: {during} children in the year, "
                f"{self.looked_after_at_31_march.get(label, 0)} at 31 March, "
                f"{counts['episodes']} episodes, {counts['reviews']} reviews"
            )
        if self.errors:
            lines.append(f"{len(self.errors)} injected errors listed in {MANIFEST}")
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
    inject_errors: bool | int | dict[str, int] = False,
    local_extracts: bool = False,
    id_prefix: str = "C",
    xml: bool = False,
    postcode_area: PostcodeArea | None = None,
) -> SynthResult:
    """Simulate a council's looked-after children and write their 903 returns.

    Args:
        out_dir: Folder to write; gets one ``YYYY-YY`` sub-folder per collection year holding
            one CSV per 903 table of that year (``header.csv``, ``episodes.csv``, ...).
        children: Roughly how many children are looked after during each year.
        years: How many collection years to write.
        seed: Random seed; the same seed gives byte-identical files.
        last_collection_year: Calendar year in which the last collection ends
            (2025 means 2024-25).
        inject_errors: Off by default. ``True`` makes 5 errors of each kind per year, an int
            that many of each kind, a dict a count per kind (see ``cpw.synth.errors``); the
            errors are listed in ``manifest.json`` beside the year folders.
        local_extracts: Also write the local (SSD-aligned) extracts, in ``local/`` inside each
            year folder (see docs/local_extracts.md).
        id_prefix: Text that starts every child id.
        xml: Write each year's return as 903 XML (``<year>/return.xml``) instead of CSVs;
            SWEpisodes and DoLo, which have no XML tags, stay CSV beside it.
        postcode_area: Real postcodes for a council that borrows a real LA's code
            (``PostcodeArea.from_directory``); without it postcodes are fake (``CP`` area) and
            placement distances read as unknown.

    Returns:
        The folder, the year labels and the row counts written.

    Raises:
        CpwInputError: If ``children`` or ``years`` is not positive, or errors are asked for
            in XML (the manifest points at CSV lines).
    """
    if children < 1 or years < 1:
        raise CpwInputError("children and years must both be at least 1")
    if xml and inject_errors:
        raise CpwInputError("error injection is only available for CSV output")
    try:
        counts = errors.counts_for(inject_errors)
    except ValueError as err:
        raise CpwInputError(str(err)) from err
    collection_years = [CollectionYear(last_collection_year - years + 1 + i) for i in range(years)]
    population = simulate(
        seed,
        children,
        collection_years[0].start,
        collection_years[-1].end,
        id_prefix,
        LOCAL_UNTIL_AGE if local_extracts else RETURN_UNTIL_AGE,
        postcode_area,
    )
    population.sort(key=lambda c: c.child_id)
    rows: dict[str, dict[str, int]] = {}
    at_31_march: dict[str, int] = {}
    during: dict[str, int] = {}
    injected: list[errors.InjectedError] = []
    local_rows: dict[str, dict[str, int]] = {}
    error_rng = random.Random(f"{seed}/errors")
    for year in collection_years:
        folder = out_dir / year.label
        folder.mkdir(parents=True, exist_ok=True)
        tables = year_tables(population, year, seed)
        during[year.label] = len({r[0] for r in tables["episodes"]})
        if any(counts.values()):
            injected += errors.inject(error_rng, year.label, year.end_year, tables, counts)
        if xml:
            write_xml(folder / XML_FILE, tables)
        for name, columns in tables_for(year).items():
            if not xml or name in CSV_ONLY:
                write_table(folder / f"{name}.csv", columns, tables[name])
        rows[year.label] = {name: len(table) for name, table in tables.items()}
        at_31_march[year.label] = _looked_after_at(population, year)
        if local_extracts:
            from cpw.synth.local import write_local

            local_rows[year.label] = write_local(population, year, seed, folder / "local", children)
    if any(counts.values()):
        (out_dir / MANIFEST).write_text(
            json.dumps(errors.manifest_records(injected), indent=1) + "\n", encoding="utf-8"
        )
    return SynthResult(
        out_dir,
        [y.label for y in collection_years],
        rows,
        at_31_march,
        during,
        injected,
        local_rows,
    )
