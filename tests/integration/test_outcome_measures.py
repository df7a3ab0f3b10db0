"""OC2 health and offending, OC3 care leaver and missing measures against a hand-worked council.

The right answers are derived by hand in tests/fixtures/outcomes_council/README.md from the
definitions in the measures catalogue; the test checks the real dbt build agrees row by row.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from cpw.build import run_dbt
from cpw.ingest import load_folder

FIXTURE = Path(__file__).parents[1] / "fixtures" / "outcomes_council"

pytestmark = pytest.mark.slow

MEASURES = (
    "HLT-03",
    "HLT-04",
    "HLT-05",
    "HLT-06",
    "HLT-07",
    "HLT-08",
    "HLT-09",
    "HLT-10",
    "SAF-05",
    "CL-01",
    "CL-02",
    "CL-03",
    "CL-04",
    "CL-05",
    "SAF-01",
    "SAF-02",
    "SAF-03",
)


@pytest.fixture(scope="session")
def outcomes_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-worked outcomes fixture council, loaded and built."""
    workdir = tmp_path_factory.mktemp("outcomes_council")
    warehouse = workdir / "cpw.duckdb"
    load_folder(FIXTURE, warehouse)
    result = run_dbt(
        warehouse,
        target_path=workdir / "dbt_target",
        # what the test reads and everything upstream, with the data tests whose inputs were built
        extra=["--select", *"+mart_measure_values".split(), "--indirect-selection", "cautious"],
    )
    assert not result.failures, result.failures
    return warehouse


def _read(name: str) -> list[dict[str, str]]:
    with (FIXTURE / name).open() as handle:
        return list(csv.DictReader(handle))


def test_child_level_rows_match_the_hand_worked_answers(outcomes_warehouse: Path) -> None:
    expected = {
        (
            row["measure_id"],
            int(row["collection_year"]),
            row["child_id"],
            row["is_in_denominator"] == "true",
            row["is_in_numerator"] == "true",
            float(row["observed_value"]) if row["observed_value"] else None,
            row["age_band"],
        )
        for row in _read("expected.csv")
    }
    with duckdb.connect(str(outcomes_warehouse), read_only=True) as con:
        actual = set(
            con.execute(
                """
                select measure_id, collection_year, child_id, is_in_denominator,
                       is_in_numerator, observed_value, age_band
                from marts.fct_child_measure
                where list_contains(?, measure_id)
                """,
                [list(MEASURES)],
            ).fetchall()
        )
    assert actual - expected == set(), "rows cpw produced that the derivation does not have"
    assert expected - actual == set(), "rows the derivation has that cpw did not produce"


def test_measure_values_match_the_hand_worked_answers(outcomes_warehouse: Path) -> None:
    expected = {
        (r["measure_id"], int(r["collection_year"]), r["breakdown_type"], r["breakdown_value"]): (
            int(r["numerator"]),
            int(r["denominator"]),
            float(r["value"]),
        )
        for r in _read("expected_totals.csv")
    }
    with duckdb.connect(str(outcomes_warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select measure_id, collection_year, breakdown_type, breakdown_value,
                   numerator, denominator, value
            from marts.mart_measure_values
            where list_contains(?, measure_id)
                and (breakdown_type = 'all'
                    or (measure_id like 'CL-%' and breakdown_type = 'age_band'))
            """,
            [list(MEASURES)],
        ).fetchall()
    actual = {(m, y, t, b): (n, d, v) for m, y, t, b, n, d, v in rows}
    assert set(actual) == set(expected)
    for key, (numerator, denominator, value) in expected.items():
        assert actual[key][:2] == (numerator, denominator), key
        assert actual[key][2] == pytest.approx(value, abs=1e-6), key


def test_value_units_follow_the_catalogue(outcomes_warehouse: Path) -> None:
    """HLT-08 and SAF-03 are means (sums over the children counted), the rest percentages."""
    with duckdb.connect(str(outcomes_warehouse), read_only=True) as con:
        units = dict(
            con.execute(
                "select distinct measure_id, value_unit from marts.mart_measure_values"
            ).fetchall()
        )
    assert units["HLT-08"] == units["SAF-03"] == "mean"
    assert {units[m] for m in MEASURES if m not in ("HLT-08", "SAF-03")} == {"percent"}


def test_a_year_without_the_tables_has_no_rows(outcomes_warehouse: Path) -> None:
    """2023-24 returned only a header: no OC2, OC3 or missing table, so no 0-of-0 rows."""
    with duckdb.connect(str(outcomes_warehouse), read_only=True) as con:
        counts = con.execute(
            """
            select
                (select count(*) from marts.mart_measure_values
                 where collection_year = 2024 and list_contains(?, measure_id)),
                (select count(*) from marts.fct_child_measure
                 where collection_year = 2024 and list_contains(?, measure_id)),
                (select count(*) from intermediate.int_collection_years
                 where collection_year = 2024)
            """,
            [list(MEASURES), list(MEASURES)],
        ).fetchone()
    assert counts == (0, 0, 1)


def test_sdq_bands_share_one_denominator(outcomes_warehouse: Path) -> None:
    """HLT-09 bands: H2 12 normal, H6 15 borderline, H3 20 concern, each 1 of the 3 scored."""
    with duckdb.connect(str(outcomes_warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select breakdown_value, numerator, denominator from marts.mart_measure_values
            where measure_id = 'HLT-09' and breakdown_type = 'category'
            """
        ).fetchall()
    assert sorted(rows) == [("borderline", 1, 3), ("cause for concern", 1, 3), ("normal", 1, 3)]
