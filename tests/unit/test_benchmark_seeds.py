"""The committed benchmark seeds: shape, national figures, suppression and neighbours.

Only the regeneration test reads ../shared/benchmarks, and it skips when that folder is absent.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cpw.seedgen import benchmarks

SEEDS = benchmarks.SEED_DIR
SEED_FILES = (
    "dfe_benchmark_values.csv",
    "dfe_benchmark_sources.csv",
    "dfe_suppression_codes.csv",
    "local_authorities.csv",
    "statistical_neighbours.csv",
    "ons_child_population.csv",
)
MEASURES = {
    "STB-01", "STB-02", "STB-03", "STB-04", "STB-05", "STB-06", "EDU-03",
    "HLT-03", "HLT-04", "HLT-05", "HLT-06", "HLT-07", "HLT-08", "HLT-09", "HLT-10", "SAF-05",
    "CL-01", "CL-02", "CL-03", "CL-04", "CL-05", "CL-06", "CTX-01", "CTX-02", "ASS-01",
}  # fmt: skip
# Checked by hand against ../shared/benchmarks/national_figures_england.csv (its measure ids
# with a/b suffixes are breakdowns here): (measure, breakdown, year, value, numerator, denominator)
NATIONAL = [
    ("CTX-01", "all", 2025, "81770", "", ""),
    ("CTX-02", "all", 2025, "67", "81770", "12183016"),
    ("STB-01", "all", 2025, "10", "8500", "81770"),
    ("STB-01", "all", 2024, "11", "8860", "83530"),
    ("STB-02", "all", 2025, "69", "19680", "28710"),
    ("STB-03", "all", 2025, "23", "13410", "59430"),
    ("STB-04", "looked after at 31 March", 2025, "18", "", ""),
    ("STB-04", "new placements during the year", 2025, "16", "14560", "90930"),
    ("EDU-03", "all", 2024, "8", "4280", "52670"),
    ("STB-06", "all", 2024, "27", "22140", "83300"),
    ("HLT-03", "all", 2025, "90", "52580", "58530"),
    ("HLT-04", "all", 2025, "84", "49160", "58530"),
    ("HLT-05", "all", 2025, "81", "47320", "58530"),
    ("HLT-06", "all", 2025, "88", "5580", "6360"),
    ("HLT-07", "all", 2025, "78", "33790", "43220"),
    ("HLT-08", "all", 2025, "14.9", "", "33790"),
    ("HLT-09", "borderline", 2025, "13", "4330", "33790"),
    ("HLT-09", "cause for concern", 2025, "42", "14320", "33790"),
    ("HLT-10", "all", 2025, "3", "1780", "58530"),
    ("SAF-05", "all", 2025, "2", "800", "40990"),
    ("CL-01", "local authority not in touch", 2025, "4", "", ""),
    ("CL-02", "19 to 21 years", 2025, "54", "20760", "38440"),
    ("CL-02", "17 to 18 years", 2025, "64", "9430", "14800"),
    ("CL-03", "19 to 21 years", 2025, "40", "15290", "38440"),
    ("CL-04", "19 to 21 years", 2025, "6", "2390", "38440"),
    ("CL-05", "19 to 21 years", 2025, "89", "33810", "38190"),
    ("CL-05", "17 to 18 years", 2025, "91", "13380", "14750"),
    ("CL-06", "all", 2025, "33", "", ""),
    ("ASS-01", "all", 2025, "85.7", "", ""),
]


def _read(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def values() -> list[dict[str, str]]:
    return _read("dfe_benchmark_values.csv")


def _england(values: list[dict[str, str]]) -> dict[tuple[str, str, int], dict[str, str]]:
    return {
        (row["measure_id"], row["breakdown"], int(row["time_period"])): row
        for row in values
        if row["geographic_level"] == "national"
    }


def test_committed_seeds_parse_with_their_columns_and_stay_small() -> None:
    for name in SEED_FILES:
        rows = _read(name)
        assert rows, name
        assert all(None not in row and None not in row.values() for row in rows), name
    assert list(_read("dfe_benchmark_values.csv")[0]) == list(benchmarks.VALUE_COLUMNS)
    total = sum((SEEDS / name).stat().st_size for name in SEED_FILES)
    assert total < 3_000_000
    assert (SEEDS / "_benchmarks.yml").is_file()


def test_every_measure_is_present_for_england_in_its_latest_year(
    values: list[dict[str, str]],
) -> None:
    england = _england(values)
    latest = {m: max(y for mid, _, y in england if mid == m) for m in MEASURES}
    assert set(latest) == MEASURES
    # school moves and social-worker changes are published a year behind (2024 is latest)
    assert {m for m, y in latest.items() if y != 2025} == {"EDU-03", "STB-06"}
    assert latest["EDU-03"] == latest["STB-06"] == 2024
    for (measure_id, _, year), row in england.items():
        if year == latest[measure_id]:
            assert row["value"], (measure_id, row["breakdown"])


@pytest.mark.parametrize(("measure_id", "breakdown", "year", "value", "num", "den"), NATIONAL)
def test_known_national_figures_match(
    values: list[dict[str, str]],
    measure_id: str,
    breakdown: str,
    year: int,
    value: str,
    num: str,
    den: str,
) -> None:
    row = _england(values)[(measure_id, breakdown, year)]
    assert (row["value"], row["numerator"], row["denominator"]) == (value, num, den)
    assert row["geography_code"] == "E92000001"


def test_suppressed_cells_are_null_with_a_reason_never_zero(
    values: list[dict[str, str]],
) -> None:
    codes = {row["suppression_reason"] for row in _read("dfe_suppression_codes.csv")}
    assert codes == {"c", "k", "z", "x", "low", "u"}
    for row in values:
        assert (row["value"] == "") == (row["suppression_reason"] != ""), row
        assert row["suppression_reason"] in codes | {""}
    by_key = {
        (r["measure_id"], r["breakdown"], r["time_period"], r["geography_code"]): r for r in values
    }
    # City of London's 2025 count of children looked after is published as c
    city = by_key[("CTX-01", "all", "2025", "E09000001")]
    assert (city["value"], city["suppression_reason"]) == ("", "c")
    # the Isles of Scilly had no new placements in 2025: z, not 0
    scilly = by_key[("STB-04", "new placements during the year", "2025", "E06000053")]
    assert (scilly["value"], scilly["suppression_reason"]) == ("", "z")


def test_every_la_has_ten_neighbours_that_are_las() -> None:
    las = _read("local_authorities.csv")
    assert len(las) == len({la["new_la_code"] for la in las}) == 153
    codes = {la["new_la_code"] for la in las}
    neighbours = _read("statistical_neighbours.csv")
    ranks: dict[str, list[int]] = {}
    for row in neighbours:
        ranks.setdefault(row["new_la_code"], []).append(int(row["neighbour_rank"]))
        assert row["neighbour_new_la_code"] in codes
        assert row["neighbour_new_la_code"] != row["new_la_code"]
    assert set(ranks) == codes
    assert all(sorted(r) == list(range(1, 11)) for r in ranks.values())


def test_rates_use_the_previous_mid_year_population(values: list[dict[str, str]]) -> None:
    population = {
        (int(r["time_period"]), r["geography_code"]): r["population_0_17"]
        for r in _read("ons_child_population.csv")
    }
    checked = 0
    for row in values:
        key = (int(row["time_period"]) - 1, row["geography_code"])
        # ONS has no row for an LA under its new code before it existed (North Yorkshire 2020)
        if row["measure_id"] == "CTX-02" and row["denominator"] and key in population:
            assert population[key] == row["denominator"], row
            checked += 1
    assert checked > 2400


def test_cells_split_into_value_or_mark() -> None:
    assert benchmarks.cell("8500") == ("8500", "")
    assert benchmarks.cell("14.9") == ("14.9", "")
    assert benchmarks.cell("c") == ("", "c")
    assert benchmarks.cell("low") == ("", "low")
    with pytest.raises(ValueError, match="unexpected"):
        benchmarks.cell("n/a")


@pytest.mark.skipif(
    not (benchmarks.DEFAULT_SHARED / "dfe").is_dir(),
    reason="../shared/benchmarks is not here; the committed seeds stand alone",
)
def test_regenerating_reproduces_the_committed_seeds_byte_for_byte() -> None:
    built = benchmarks.build(benchmarks.DEFAULT_SHARED)
    assert set(built) == set(SEED_FILES)
    for name, text in built.items():
        assert (SEEDS / name).read_bytes() == text.encode("utf-8"), name


def test_shared_path_default_is_beside_the_repository() -> None:
    assert benchmarks.DEFAULT_SHARED == Path(benchmarks.SEED_DIR).parents[2] / "shared" / (
        "benchmarks"
    )
