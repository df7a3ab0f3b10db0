"""Extract DfE published benchmark figures into compact seeds under seeds/benchmarks/.

The source is the copy of DfE's Explore Education Statistics files, the LAIT long data set and
the 2025 statistical-neighbour model kept in ``../shared/benchmarks`` (see its README). That
folder is a source, never a runtime dependency: this script writes the few rows the warehouse
needs into the repository, and ``docs/benchmarks.md`` says which file and filter each measure
comes from. Run: ``python -m cpw.seedgen.benchmarks [--shared PATH]``.

DfE suppression marks (c, k, z, x, low, u) become a NULL value with the mark kept in
``suppression_reason``; they never become zero. Published figures are copied as published.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import polars as pl

from cpw.settings import PROJECT_ROOT

SEED_DIR = PROJECT_ROOT / "seeds" / "benchmarks"
DEFAULT_SHARED = PROJECT_ROOT.parent / "shared" / "benchmarks"
# DfE's symbols (EES footnotes); LAIT's "-" (not shown, reason not given) is stored as x.
MARKS = {
    "c": "suppressed to protect confidentiality (small numbers)",
    "k": "below 0.5%: rounds to 0 but is not zero",
    "z": "not applicable (e.g. the LA did not exist, or has no children in the base)",
    "x": "not available (also LAIT's '-', which does not say why a figure is not shown)",
    "low": "low reliability",
    "u": "low reliability",
}
NUMBER = re.compile(r"-?\d+(\.\d+)?")
LAIT_FILE = "bds_long_0.parquet"
CLA_FILE = "cla_number_and_rate_per_10k_children.csv"
ONS_FILE = "ons_mid-year_population_estimates_2012_to_2024.csv"
SN_FILE = "sn_model_2025_wide.csv"
CLA_31_MARCH = "Children looked after on 31 March each year"
LEVELS = {"National": "national", "Regional": "regional", "Local authority": "la"}
LEVEL_ORDER = {"national": 0, "regional": 1, "la": 2}
LONDON = ("E12000007", "London")
# Dorset, Poole and Bournemouth before the 2019 reorganisation: LAIT keeps them, the EES files
# (2020 on) do not, so they have no code to map to and are left out.
LAIT_LAS_LEFT_OUT = frozenset({835, 836, 837})
VALUE_COLUMNS = (
    "measure_id",
    "time_period",
    "geographic_level",
    "geography_code",
    "old_la_code",
    "geography_name",
    "breakdown",
    "numerator",
    "denominator",
    "value",
    "value_unit",
    "suppression_reason",
)
SOURCE_COLUMNS = ("measure_id", "breakdown", "value_unit", "source_file", "source_filter")
GEO_COLUMNS = ("geographic_level", "geography_code", "old_la_code", "geography_name")
Row = dict[str, str]
Filters = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Spec:
    """Where one measure and breakdown sits in a DfE EES file.

    Attributes:
        measure_id: Id from measures.md.
        breakdown: Sub-group label, ``all`` when there is none.
        file: File name under ``dfe/``.
        filters: Column and value pairs that every row of the measure shares.
        item_col: Column whose value tells the numerator, value and denominator rows apart.
        value_item: Row holding the published value.
        value_col: Column holding the published value.
        unit: percent, count, rate or mean.
        numerator_items: Rows summed for the numerator (empty: no numerator).
        count_col: Column holding the counts.
        denominator_item: Row holding the denominator (None: no denominator).
        denominator_col: Column holding the denominator; defaults to ``count_col``.
        derived: Value is 100 * numerator / denominator, rounded half up (not published).
    """

    measure_id: str
    breakdown: str
    file: str
    filters: Filters
    item_col: str
    value_item: str
    value_col: str
    unit: str
    numerator_items: tuple[str, ...] = ()
    count_col: str = "children_count"
    denominator_item: str | None = None
    denominator_col: str | None = None
    derived: bool = False

    def source_filter(self) -> str:
        """The filter, in words a reader can re-apply to the source file."""
        where = [f"{col}='{val}'" for col, val in self.filters]
        den_col = self.denominator_col or self.count_col
        if self.derived:
            parts = " + ".join(f"'{item}'" for item in self.numerator_items)
            where.append(f"{self.item_col} in numerator ({parts})")
            return " & ".join(where) + (
                f" -> value derived: 100 * sum({self.count_col}) / {den_col} of "
                f"'{self.denominator_item}', rounded half up"
            )
        where.append(f"{self.item_col}='{self.value_item}'")
        text = " & ".join(where) + f" -> value {self.value_col}"
        if self.numerator_items:
            text += f"; numerator {self.count_col}"
        if self.denominator_item == self.value_item:
            text += f"; denominator {den_col}"
        elif self.denominator_item is not None:
            text += f"; denominator {den_col} of '{self.denominator_item}'"
        return text


STABILITY = "la_cla_placement_stability.csv"
NEW_PLACEMENTS = "la_cla_during_year_new_placements.csv"
SW_COUNT = "la_cla_swcount.csv"
SCHOOL_MOVES = "la_cla_school_moves.csv"
HEALTH = "la_conviction_health_outcome_cla.csv"
ACTIVITY = "la_care_leavers_activity.csv"
ACCOMMODATION = "la_care_leavers_accommodation_suitability.csv"
# Each file's item column (numerator, value and base rows), count column and percent column.
LAYOUTS = {
    STABILITY: ("placement_stability", "children_count", "children_percent"),
    NEW_PLACEMENTS: ("breakdown", "children_count", "children_percent"),
    SW_COUNT: ("sw_stability", "number", "percentage"),
    SCHOOL_MOVES: ("school_stability", "number", "percentage"),
    HEALTH: ("breakdown", "children_count", "children_percent"),
    ACTIVITY: ("breakdown", "care_leaver_count", "care_leaver_percent"),
    ACCOMMODATION: ("breakdown", "care_leaver_count", "care_leaver_percent"),
}
CLA_GROUP = "cla_group"
CHARACTERISTIC = "characteristic"
HEALTH_CHECKS = "Health assessments: Children looked after all ages"
SDQ = "Ages 5 to 16 years with SDQ score"
SUBSTANCE = "Substance misuse: Children looked after all ages"
LOCATION = "Location of new placements during the year"
OUTSIDE_FAR = "Placed outside LA boundary more than 20 miles from home"
OUTSIDE_NEAR = "Placed outside LA boundary less than 20 miles from home"
IDENTIFIED = "Identified as having a substance misuse problem"
# measure_id, breakdown, file, (filter column, value), numerator/value row, base row
PERCENTS = (
    ("STB-01", "all", STABILITY, (CLA_GROUP, "CLA on 31 March"),
     "With 3 or more placements during the year", "Total children"),
    ("STB-02", "all", STABILITY, (CLA_GROUP, "Children looked after continuously for at least "
     "2.5 years on 31 March aged under 16 years"),
     "Living with the same carer for at least 2 years", "Total children"),
    ("STB-03", "all", STABILITY, (CLA_GROUP, "CLA 2 years on 31 March"),
     "With 3 or more placements during the previous 2 years", "Total children"),
    ("STB-04", "new placements during the year", NEW_PLACEMENTS, (CHARACTERISTIC, LOCATION),
     OUTSIDE_FAR, "Total new placements"),
    ("STB-06", "all", SW_COUNT, (CLA_GROUP, "CLA on 31 March"),
     "3 or more social workers during the year", "Total children"),
    ("HLT-03", "all", HEALTH, (CHARACTERISTIC, HEALTH_CHECKS),
     "Had their annual health assessment", "Total all ages"),
    ("HLT-04", "all", HEALTH, (CHARACTERISTIC, HEALTH_CHECKS),
     "Had their immunisations up to date", "Total all ages"),
    ("HLT-05", "all", HEALTH, (CHARACTERISTIC, HEALTH_CHECKS),
     "Had their teeth checked by a dentist", "Total all ages"),
    ("HLT-06", "all", HEALTH,
     (CHARACTERISTIC, "Development assessments: Children looked after ages 0 to 4 years"),
     "Development assessments up to date", "Total ages 0 to 4 years"),
    ("HLT-07", "all", HEALTH, (CHARACTERISTIC, SDQ),
     "SDQ score was received", "Total ages 5 to 16 years"),
    ("HLT-09", "normal", HEALTH, (CHARACTERISTIC, SDQ),
     "SDQ score is normal", "SDQ score was received"),
    ("HLT-09", "borderline", HEALTH, (CHARACTERISTIC, SDQ),
     "SDQ score is borderline", "SDQ score was received"),
    ("HLT-09", "cause for concern", HEALTH, (CHARACTERISTIC, SDQ),
     "SDQ score is a cause for concern", "SDQ score was received"),
    ("HLT-10", "all", HEALTH, (CHARACTERISTIC, SUBSTANCE), IDENTIFIED, "Total all ages"),
    ("HLT-10", "received an intervention", HEALTH, (CHARACTERISTIC, SUBSTANCE),
     "Received an intervention for their substance misuse problem", IDENTIFIED),
    ("HLT-10", "offered an intervention but refused it", HEALTH, (CHARACTERISTIC, SUBSTANCE),
     "Offered intervention but refused it", IDENTIFIED),
    ("SAF-05", "all", HEALTH,
     (CHARACTERISTIC, "Convictions: Children looked after Ages 10 to 17 years"),
     "Convicted or subject to youth cautions, or youth conditional cautions during the year",
     "Total ages 10 to 17 years"),
)  # fmt: skip
CARE_LEAVER_PERCENTS = (
    ("CL-02", ACTIVITY, "Total in education, employment or training", "Total"),
    ("CL-03", ACTIVITY, "Total not in education, employment or training", "Total"),
    ("CL-04", ACTIVITY, "Higher education i.e. studies beyond A level", "Total"),
    ("CL-05", ACCOMMODATION, "Accommodation considered suitable", "Suitability total"),
)
CLA_POPULATIONS = (
    ("all", CLA_31_MARCH),
    ("started during the year", "Children starting to be looked after each year"),
    ("ceased during the year", "Children ceasing to be looked after each year"),
)


def _pct(
    measure_id: str, breakdown: str, file: str, filters: Filters, item: str, base: str
) -> Spec:
    """A published percentage with its count and the count of its base row."""
    item_col, count, percent = LAYOUTS[file]
    return Spec(measure_id, breakdown, file, filters, item_col, item, percent, "percent",
                (item,), count, base)  # fmt: skip


def _specs() -> list[Spec]:
    """Every EES measure the seeds carry."""
    specs = [_pct(m, b, f, (flt,), item, base) for m, b, f, flt, item, base in PERCENTS]
    mid_year = ((CLA_GROUP, "CLA on 31 March"), ("move_measure", "Mid-year moves"))
    moved = "With one or more mid-year moves during the year"
    specs.append(_pct("EDU-03", "all", SCHOOL_MOVES, mid_year, moved, "Total children"))
    specs += [
        Spec("STB-05", "new placements during the year", NEW_PLACEMENTS,
             ((CHARACTERISTIC, LOCATION),), "breakdown", OUTSIDE_FAR, "children_percent",
             "percent", (OUTSIDE_NEAR, OUTSIDE_FAR), denominator_item="Total new placements",
             derived=True),
        Spec("HLT-08", "all", HEALTH, ((CHARACTERISTIC, SDQ),), "breakdown", "SDQ average score",
             "children_count", "mean", denominator_item="SDQ score was received"),
    ]  # fmt: skip
    for age in ("17 to 18 years", "19 to 21 years"):
        for measure_id, file, item, base in CARE_LEAVER_PERCENTS:
            specs.append(_pct(measure_id, age, file, (("care_leaver_age", age),), item, base))
    for breakdown, item in CLA_POPULATIONS:
        specs += [
            Spec("CTX-01", breakdown, CLA_FILE, (), "population_type", item, "children_count",
                 "count"),
            Spec("CTX-02", breakdown, CLA_FILE, (), "population_type", item, "rate_per_10000",
                 "rate", (item,), "children_count", item, "population_estimate"),
        ]  # fmt: skip
    return specs


@dataclass(frozen=True)
class LaitSpec:
    """A measure found only in the LAIT long data set (``Short Desc`` = ``short_desc``)."""

    measure_id: str
    breakdown: str
    short_desc: str
    lait_code: str
    unit: str = "percent"

    def source_filter(self) -> str:
        """The filter, in words a reader can re-apply to the LAIT file."""
        return f"Short Desc='{self.short_desc}' (LAIT measure {self.lait_code}) -> Values"


LAIT_SPECS = (
    LaitSpec("STB-04", "looked after at 31 March", "LACDistance", "87"),
    LaitSpec("CL-01", "local authority not in touch", "CareLeavers_LA_NotInTouch", "317"),
    LaitSpec("CL-06", "all", "StayingPut", "354"),
    LaitSpec("ASS-01", "all", "Continue_Assess_Comp", "304"),
)


def cell(text: str | None) -> tuple[str, str]:
    """Split a published cell into (value, suppression mark); exactly one is non-empty.

    Raises:
        ValueError: if the cell is neither a number nor a known DfE mark.
    """
    text = (text or "").strip()
    if text in MARKS:
        return "", text
    if not NUMBER.fullmatch(text):
        raise ValueError(f"unexpected published cell {text!r}")
    return text, ""


def geography(row: Row) -> Row:
    """Level, code, old code and name of an EES row."""
    level = LEVELS[row["geographic_level"]]
    if level == "national":
        values = (level, row["country_code"], "", row["country_name"])
    elif level == "regional":
        values = (level, row["region_code"], "", row["region_name"])
    else:
        values = (level, row["new_la_code"], row["old_la_code"], row["la_name"])
    return dict(zip(GEO_COLUMNS, values, strict=True))


def value_row(spec: Spec | LaitSpec, year: str, geo: Row, *cells: str) -> Row:
    """An output row: numerator, denominator, value and suppression mark in ``cells``."""
    numerator, denominator, value, mark = cells
    return {"measure_id": spec.measure_id, "time_period": year, **geo,
            "breakdown": spec.breakdown, "numerator": numerator, "denominator": denominator,
            "value": value, "value_unit": spec.unit, "suppression_reason": mark}  # fmt: skip


def read_ees(path: Path) -> pl.DataFrame:
    """An EES CSV with every column as text (the BOM some files carry is dropped)."""
    return pl.read_csv(path, infer_schema=False)


def extract_spec(frame: pl.DataFrame, spec: Spec) -> list[Row]:
    """One output row per geography and year for one spec."""
    for col, val in spec.filters:
        frame = frame.filter(pl.col(col) == val)
    keys = ("time_period", "geographic_level", "country_code", "region_code", "new_la_code")
    by_key: dict[tuple[str, ...], dict[str, Row]] = {}
    for row in frame.iter_rows(named=True):
        by_key.setdefault(tuple(row[k] or "" for k in keys), {})[row[spec.item_col]] = row
    out = []
    for items in by_key.values():
        first = items[spec.value_item]
        value, mark = cell(first[spec.value_col])
        parts = [cell(items[i][spec.count_col]) for i in spec.numerator_items]
        numerator = ""
        if parts and all(v for v, _ in parts):
            numerator = str(sum(Decimal(v) for v, _ in parts))
        denominator, den_mark = "", ""
        if spec.denominator_item is not None:
            den_col = spec.denominator_col or spec.count_col
            denominator, den_mark = cell(items[spec.denominator_item][den_col])
        if spec.derived:
            mark = next((m for _, m in parts if m), den_mark)
            value = ""
            if not mark and Decimal(denominator) == 0:
                mark = "z"
            elif not mark:
                ratio = Decimal(100) * Decimal(numerator) / Decimal(denominator)
                value = str(ratio.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        geo = geography(first)
        out.append(value_row(spec, first["time_period"], geo, numerator, denominator, value, mark))
    return out


def code_lookups(frames: Iterable[pl.DataFrame]) -> tuple[dict[str, Row], dict[str, Row]]:
    """Old LA code -> LA geography, and lower-case region name -> region geography."""
    las: dict[str, Row] = {}
    regions: dict[str, Row] = {}
    for frame in frames:
        for row in frame.sort("time_period").iter_rows(named=True):
            geo = geography(row)
            if geo["geographic_level"] == "la":
                las[geo["old_la_code"]] = geo
            elif geo["geographic_level"] == "regional":
                regions[geo["geography_name"].lower()] = geo
    regions["london (inner)"], regions["london (outer)"] = (
        regions["inner london"],
        regions["outer london"],
    )
    return las, regions


def extract_lait(path: Path, las: dict[str, Row], regions: dict[str, Row]) -> list[Row]:
    """LAIT-only measures; LAIT's ``-`` (not shown) becomes NULL with reason ``x``.

    Raises:
        ValueError: if a LAIT geography has no code in the EES files.
    """
    wanted = {spec.short_desc: spec for spec in LAIT_SPECS}
    frame = pl.read_parquet(path).filter(pl.col("Short Desc").is_in(list(wanted)))
    out = []
    for row in frame.iter_rows(named=True):
        spec, number = wanted[row["Short Desc"]], int(row["LA Number"])
        if number in LAIT_LAS_LEFT_OUT:
            continue
        if number == 970:
            geo = dict(zip(GEO_COLUMNS, ("national", "E92000001", "", "England"), strict=True))
        elif number >= 980:
            geo = regions[row["LA and Regions"].lower()]
        elif str(number) in las:
            geo = las[str(number)]
        else:
            raise ValueError(f"LAIT LA {number} {row['LA and Regions']} has no EES code")
        raw = row["Values"].strip()
        value, mark = ("", "x") if raw == "-" else (f"{float(raw):.10g}", "")
        out.append(value_row(spec, row["Years"], geo, "", "", value, mark))
    return out


def benchmark_values(shared: Path) -> list[Row]:
    """Every benchmark row, sorted by measure, breakdown, year and geography."""
    frames = {spec.file: read_ees(shared / "dfe" / spec.file) for spec in _specs()}
    rows = [row for spec in _specs() for row in extract_spec(frames[spec.file], spec)]
    las, regions = code_lookups(frames.values())
    rows += extract_lait(shared / "dfe" / LAIT_FILE, las, regions)
    return sorted(
        rows,
        key=lambda r: (
            r["measure_id"],
            r["breakdown"],
            int(r["time_period"]),
            LEVEL_ORDER[r["geographic_level"]],
            r["geography_code"],
            r["old_la_code"],
        ),
    )


def benchmark_sources() -> list[Row]:
    """One row per measure and breakdown: the file and filter its values come from."""
    specs: list[Spec | LaitSpec] = [*_specs(), *LAIT_SPECS]
    rows = [
        dict(zip(SOURCE_COLUMNS, (spec.measure_id, spec.breakdown, spec.unit,
                                  spec.file if isinstance(spec, Spec) else LAIT_FILE,
                                  spec.source_filter()), strict=True))
        for spec in specs
    ]  # fmt: skip
    return sorted(rows, key=lambda r: (r["measure_id"], r["breakdown"]))


def local_authorities(shared: Path) -> list[Row]:
    """The LAs in the latest year of the CLA file.

    Abolished LAs (Cumbria, Northamptonshire) stay in the file with no population (``x``) and
    drop out; the Isles of Scilly, with no children looked after (``z``), stays in.
    """
    frame = read_ees(shared / "dfe" / CLA_FILE).filter(
        (pl.col("geographic_level") == "Local authority")
        & (pl.col("population_type") == CLA_31_MARCH)
        & (pl.col("population_estimate") != "x")
    )
    latest = frame.filter(pl.col("time_period") == frame["time_period"].max())
    out = []
    for row in latest.iter_rows(named=True):
        # LA rows carry Inner/Outer London (E13); the LA list uses the nine regions.
        region = (
            LONDON
            if row["region_code"].startswith("E13")
            else (row["region_code"], row["region_name"])
        )
        out.append(
            {
                "new_la_code": row["new_la_code"],
                "old_la_code": row["old_la_code"],
                "la_name": row["la_name"],
                "region_code": region[0],
                "region_name": region[1],
            }
        )
    return sorted(out, key=lambda r: r["new_la_code"])


def statistical_neighbours(shared: Path, las: Sequence[Row]) -> list[Row]:
    """Long form of the 2025 model: ten rows per LA, with new codes from ``las``.

    Raises:
        ValueError: if an LA or neighbour in the model is not in ``las``.
    """
    by_old = {la["old_la_code"]: la for la in las}
    out = []
    for row in read_ees(shared / "dfe" / SN_FILE).iter_rows(named=True):
        la = by_old.get(row["old_la_code"])
        if la is None:
            raise ValueError(f"SN model LA {row['old_la_code']} is not in {CLA_FILE}")
        for rank in range(1, 11):
            neighbour = by_old.get(row[f"SN_{rank}"])
            if neighbour is None:
                raise ValueError(f"SN neighbour {row[f'SN_{rank}']} is not in {CLA_FILE}")
            out.append(
                {
                    "old_la_code": la["old_la_code"],
                    "new_la_code": la["new_la_code"],
                    "la_name": la["la_name"],
                    "region_name": la["region_name"],
                    "neighbour_rank": str(rank),
                    "neighbour_old_la_code": neighbour["old_la_code"],
                    "neighbour_new_la_code": neighbour["new_la_code"],
                    "closeness": row[f"SN_{rank}P"].strip(),
                }
            )
    return sorted(out, key=lambda r: (r["new_la_code"], int(r["neighbour_rank"])))


def child_population(shared: Path) -> list[Row]:
    """ONS mid-year estimates of children aged 0-17; ``x`` rows (no such LA then) drop out."""
    out = []
    for row in read_ees(shared / "dfe" / ONS_FILE).iter_rows(named=True):
        population, mark = cell(row["population_estimate"])
        if mark:
            continue
        geo = geography(row)
        out.append(
            {
                "time_period": row["time_period"],
                "geography_code": geo["geography_code"],
                "geographic_level": geo["geographic_level"],
                "population_0_17": population,
                "source_file": ONS_FILE,
            }
        )
    return sorted(
        out,
        key=lambda r: (
            int(r["time_period"]),
            LEVEL_ORDER[r["geographic_level"]],
            r["geography_code"],
        ),
    )


def render(rows: Sequence[Row], columns: Sequence[str]) -> str:
    """CSV text with a header, LF line ends and empty cells for NULL."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def build(shared: Path) -> dict[str, str]:
    """Seed file name -> CSV text, for every benchmark seed."""
    las = local_authorities(shared)
    return {
        "dfe_benchmark_values.csv": render(benchmark_values(shared), VALUE_COLUMNS),
        "dfe_benchmark_sources.csv": render(benchmark_sources(), SOURCE_COLUMNS),
        "dfe_suppression_codes.csv": render(
            [{"suppression_reason": k, "meaning": v} for k, v in MARKS.items()],
            ("suppression_reason", "meaning"),
        ),
        "local_authorities.csv": render(las, list(las[0])),
        "statistical_neighbours.csv": render(
            sn := statistical_neighbours(shared, las), list(sn[0])
        ),
        "ons_child_population.csv": render(pop := child_population(shared), list(pop[0])),
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Write the seeds from the shared folder (``--shared``, default ``../shared/benchmarks``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    SEED_DIR.mkdir(parents=True, exist_ok=True)
    for name, text in build(args.shared).items():
        (SEED_DIR / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
