"""int_episodes reconciles several returns into one history by its three documented rules.

The expected rows are derived in tests/fixtures/episode_history/README.md.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from cpw.build import run_dbt
from cpw.ingest import load_folder

FIXTURE = Path(__file__).parents[1] / "fixtures" / "episode_history"

pytestmark = pytest.mark.slow


def test_episodes_are_reconciled_across_returns(tmp_path: Path) -> None:
    warehouse = tmp_path / "cpw.duckdb"
    load_folder(FIXTURE, warehouse)
    run_dbt(
        warehouse,
        target_path=tmp_path / "target",
        extra=["--select", "+int_episodes", "--indirect-selection", "cautious"],
    )
    with duckdb.connect(str(warehouse), read_only=True) as con:
        actual = con.execute("""
            select child_id, strftime(episode_start_date, '%Y-%m-%d'),
                   coalesce(strftime(episode_end_date, '%Y-%m-%d'), ''), coalesce(rec_code, ''),
                   ls_code, period_of_care_seq, coalesce(reconciliation_note, ''),
                   first_return_year, source_collection_year
            from intermediate.int_episodes order by 1, 2
        """).fetchall()
    with (FIXTURE / "expected.csv").open() as handle:
        expected = [
            (
                r["child_id"],
                r["episode_start_date"],
                r["episode_end_date"],
                r["rec_code"],
                r["ls_code"],
                int(r["period_of_care_seq"]),
                r["reconciliation_note"],
                int(r["first_return_year"]),
                int(r["source_collection_year"]),
            )
            for r in csv.DictReader(handle)
        ]
    assert actual == expected
