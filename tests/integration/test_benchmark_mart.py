"""mart_measure_benchmarks against an independent reading of the committed benchmark seeds.

The fixture council borrows Derby's code (E06000015, old code 831, East Midlands). Its STB-01
for 2024-25 is 2 of 11 (tests/fixtures/measures_council/README.md), so 18.18...%.
"""

from __future__ import annotations

import csv
from pathlib import Path
from statistics import mean

import duckdb
import pytest

from cpw.settings import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "seeds" / "benchmarks"
pytestmark = pytest.mark.slow


def _published(measure: str, year: int) -> dict[str, float]:
    with (SEEDS / "dfe_benchmark_values.csv").open() as handle:
        return {
            r["geography_code"]: float(r["value"])
            for r in csv.DictReader(handle)
            if r["measure_id"] == measure
            and int(r["time_period"]) == year
            and r["breakdown"] == "all"
            and r["value"]
        }


def test_stb_01_beside_england_region_neighbours_and_quartile(measures_warehouse: Path) -> None:
    with duckdb.connect(str(measures_warehouse), read_only=True) as con:
        row = con.execute("""
            select local_value, england_value, region_name, region_value, neighbours_average,
                   neighbours_with_value, national_quartile
            from marts.mart_measure_benchmarks
            where measure_id = 'STB-01' and collection_year = 2025
              and breakdown_type = 'all'""").fetchone()
    assert row is not None
    local, england, region_name, region, neighbours_average, neighbours_count, quartile = row
    assert local == pytest.approx(200 / 11)
    published = _published("STB-01", 2025)
    assert england == published["E92000001"] == 10  # DfE: 8,500 of 81,770
    assert region_name == "East Midlands" and region == published["E12000004"]
    with (SEEDS / "statistical_neighbours.csv").open() as handle:
        derby_neighbours = [
            r["neighbour_new_la_code"]
            for r in csv.DictReader(handle)
            if r["new_la_code"] == "E06000015"
        ]
    values = [published[code] for code in derby_neighbours if code in published]
    assert (neighbours_average, neighbours_count) == (pytest.approx(mean(values)), len(values))
    # lower is better: the quartile counts the authorities with a lower published figure
    authorities = [
        v for code, v in published.items() if code.startswith(("E06", "E07", "E08", "E09", "E10"))
    ]
    better = sum(1 for v in authorities if v < local)
    assert quartile == min(4, 1 + (4 * better) // len(authorities))


def test_measures_with_no_published_figure_have_no_benchmark(measures_warehouse: Path) -> None:
    with duckdb.connect(str(measures_warehouse), read_only=True) as con:
        rows = con.execute("""
            select england_value, national_quartile from marts.mart_measure_benchmarks
            where measure_id like 'REV-%'""").fetchall()
    assert rows and all(r == (None, None) for r in rows)
