"""Stability, location, context, permanence, adoption and Staying Put against hand-worked answers.

Every expected figure is derived in tests/fixtures/stability_council/README.md.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from cpw.build import run_dbt
from cpw.ingest import load_folder

FIXTURE = Path(__file__).parents[1] / "fixtures" / "stability_council"

pytestmark = pytest.mark.slow

# (measure, breakdown_type, breakdown_value) -> (numerator, denominator, value)
EXPECTED: dict[tuple[str, str, str], tuple[int, int, float]] = {
    ("CTX-01", "all", "All"): (6, 6, 6),
    ("CTX-01", "population", "started during the year"): (1, 1, 1),
    ("CTX-01", "population", "ceased during the year"): (4, 4, 4),
    ("CTX-01", "population", "looked after during the year"): (10, 10, 10),
    ("CTX-01", "population", "UASC at 31 March"): (1, 1, 1),
    ("CTX-02", "all", "All"): (6, 62113, 6 * 10000 / 62113),
    ("CTX-02", "population", "ceased during the year"): (4, 62113, 4 * 10000 / 62113),
    ("STB-02", "all", "All"): (2, 4, 50),
    ("STB-03", "all", "All"): (2, 5, 40),
    ("STB-04", "all", "All"): (1, 6, 100 / 6),
    ("STB-04", "population", "new placements during the year"): (1, 6, 100 / 6),
    ("STB-05", "all", "All"): (3, 6, 50),
    ("STB-05", "population", "new placements during the year"): (4, 6, 400 / 6),
    ("STB-06", "all", "All"): (1, 6, 100 / 6),
    ("STB-07", "all", "All"): (1, 5, 20),
    ("STB-10", "all", "All"): (3, 6, 50),
    ("STB-10", "category", "Foster placements"): (3, 6, 50),
    ("STB-10", "category", "Placed for adoption"): (2, 6, 100 / 3),
    ("STB-10", "category", "Secure units and children's homes"): (1, 6, 100 / 6),
    ("PRM-02", "all", "All"): (3, 4, 75),
    ("PRM-02", "category", "Adopted"): (2, 4, 50),
    ("PRM-02", "category", "Special guardianship order"): (1, 4, 25),
    ("PRM-02", "category", "Aged 18 and remained with carers"): (1, 4, 25),
    ("ADP-01", "all", "All"): (485, 2, 242.5),
    ("ADP-02", "all", "All"): (75, 2, 37.5),
    ("CL-06", "all", "All"): (1, 2, 50),
}


@pytest.fixture(scope="module")
def stability_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workdir = tmp_path_factory.mktemp("stability_council")
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


def test_measure_values_match_the_hand_worked_answers(stability_warehouse: Path) -> None:
    with duckdb.connect(str(stability_warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select measure_id, breakdown_type, breakdown_value, numerator, denominator, value
            from marts.mart_measure_values
            where collection_year = 2025
            """
        ).fetchall()
    actual = {(m, t, b): (n, d, v) for m, t, b, n, d, v in rows}
    for key, (numerator, denominator, value) in EXPECTED.items():
        assert key in actual, key
        assert actual[key][:2] == (numerator, denominator), key
        assert actual[key][2] == pytest.approx(value), key


def test_categories_and_populations_are_complete(stability_warehouse: Path) -> None:
    """No category or population the derivation does not name (e.g. no short-break ceasing)."""
    measures = sorted({m for m, _, _ in EXPECTED})
    with duckdb.connect(str(stability_warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select measure_id, breakdown_type, breakdown_value
            from marts.mart_measure_values
            where collection_year = 2025 and breakdown_type in ('category', 'population')
                and list_contains(?, measure_id) and measure_id <> 'CTX-02'
            """,
            [measures],
        ).fetchall()
    named = {k for k in EXPECTED if k[1] in ("category", "population") and k[0] != "CTX-02"}
    assert set(rows) == named


def test_distances_follow_dfe_rules(stability_warehouse: Path) -> None:
    """32.3 miles to Sheffield, 999.9 with no home postcode, blank for UASC and short breaks."""
    with duckdb.connect(str(stability_warehouse), read_only=True) as con:
        rows = dict(
            con.execute(
                """
                select episode_id, placement_distance_miles
                from intermediate.int_placement_locations
                where episode_id in ('S2:2024-09-01', 'S2:2024-05-01', 'S3:2024-02-01',
                    'S6:2024-09-01', 'S10:2024-05-01', 'S1:2020-01-01')
                """
            ).fetchall()
        )
    assert rows == {
        "S2:2024-09-01": 32.3,
        "S2:2024-05-01": 13.8,
        "S3:2024-02-01": 999.9,
        "S6:2024-09-01": None,
        "S10:2024-05-01": None,
        "S1:2020-01-01": 0.0,
    }


def test_child_level_adoption_days(stability_warehouse: Path) -> None:
    with duckdb.connect(str(stability_warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select measure_id, child_id, observed_value from marts.fct_child_measure
            where measure_id in ('ADP-01', 'ADP-02') order by 1, 2
            """
        ).fetchall()
    assert rows == [
        ("ADP-01", "S8", 485.0),
        ("ADP-01", "S9", 0.0),
        ("ADP-02", "S8", 75.0),
        ("ADP-02", "S9", 0.0),
    ]
