"""The synthetic council's 903 files go through the real loader: clean when error injection is
off, and exactly the manifest's errors when it is on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cpw.ingest import load_folder
from cpw.synth import SynthResult, generate_council
from cpw.warehouse import connect

YEAR_TABLES = {
    "2022-23": {
        "header",
        "episodes",
        "uasc",
        "reviews",
        "oc2",
        "oc3",
        "ad1",
        "placed_adoption",
        "prev_perm",
        "missing",
    },
}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[SynthResult, Path]:
    work = tmp_path_factory.mktemp("synth_clean")
    result = generate_council(work / "in", 400, 3)
    warehouse = work / "cpw.duckdb"
    load_folder(work / "in", warehouse)
    return result, warehouse


def _audit(warehouse: Path) -> dict[str, tuple[str, int, int, int, int]]:
    con = connect(warehouse)
    try:
        rows = con.execute(
            "select source_file, table_name, rows_in, rows_loaded, rows_quarantined, rows_flagged"
            " from raw.load_audit"
        ).fetchall()
    finally:
        con.close()
    return {r[0]: (r[1], r[2], r[3], r[4], r[5]) for r in rows}


def _quarantine(warehouse: Path) -> list[tuple[str, int, str, str]]:
    con = connect(warehouse)
    try:
        return con.execute(
            "select source_file, line_number, column_name, disposition from raw.quarantine"
        ).fetchall()
    finally:
        con.close()


def test_default_demo_loads_with_nothing_quarantined_or_flagged(
    clean: tuple[SynthResult, Path],
) -> None:
    result, warehouse = clean
    assert _quarantine(warehouse) == []
    audit = _audit(warehouse)
    written = {
        f"{year}/{table}.csv": n
        for year, tables in result.rows.items()
        for table, n in tables.items()
    }
    assert set(audit) == set(written)
    for source, (table, rows_in, loaded, quarantined, flagged) in audit.items():
        assert source.endswith(f"/{table}.csv")
        assert (rows_in, loaded, quarantined, flagged) == (written[source], written[source], 0, 0)


def test_every_table_of_each_year_is_written(clean: tuple[SynthResult, Path]) -> None:
    result, _ = clean
    for year, tables in result.rows.items():
        expected = set(YEAR_TABLES["2022-23"])
        if year >= "2023-24":
            expected.add("sw_episodes")
        assert set(tables) == expected, year
        for table in expected - {"ad1"}:
            assert tables[table] > 0, (year, table)


def test_dolo_only_from_2026_27(tmp_path: Path) -> None:
    result = generate_council(tmp_path / "in", 300, 2, last_collection_year=2027)
    assert "dolo" not in result.rows["2025-26"]
    assert "dolo" in result.rows["2026-27"]
    load = load_folder(tmp_path / "in", tmp_path / "w.duckdb")
    assert load.issues == []


@pytest.mark.parametrize("seed", [1, 2])
def test_injected_errors_are_exactly_what_the_loader_reports(tmp_path: Path, seed: int) -> None:
    result = generate_council(tmp_path / "in", 250, 3, seed=seed, inject_errors=True)
    manifest = json.loads((tmp_path / "in" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == [vars(e) for e in result.errors]
    kinds = {e["kind"] for e in manifest}
    assert kinds == {"bad_date", "unknown_code", "duplicate_key", "broken_episode_chain"}
    load_folder(tmp_path / "in", tmp_path / "w.duckdb")
    reported = {(f, line, col, how) for f, line, col, how in _quarantine(tmp_path / "w.duckdb")}
    expected = {
        (e["file"], e["line"], e["column"], e["expected_disposition"])
        for e in manifest
        if e["expected_disposition"] in ("rejected", "flagged")
    }
    assert reported == expected
    assert len(_quarantine(tmp_path / "w.duckdb")) == len(expected)
