"""The synthetic council written as 903 XML loads to exactly the rows of the same council as CSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpw.errors import CpwInputError
from cpw.ingest import load_folder
from cpw.ingest.tables import TABLES, TableSpec
from cpw.synth import generate_council
from cpw.warehouse import connect

SEED = 11
# compared: every 903 column and the collection year; lineage (_source_file, _source_line,
# _extra_columns, _loaded_at) differs by design


def _rows(warehouse: Path, table: str, columns: tuple[str, ...]) -> list[tuple[object, ...]]:
    con = connect(warehouse)
    try:
        names = ", ".join([c.lower() for c in columns] + ["_collection_year"])
        return con.execute(f"select {names} from raw.{table} order by all").fetchall()
    finally:
        con.close()


def _quarantined(warehouse: Path) -> int:
    con = connect(warehouse)
    try:
        row = con.execute("select count(*) from raw.quarantine").fetchone()
    finally:
        con.close()
    return int(row[0]) if row else -1


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    work = tmp_path_factory.mktemp("synth_xml")
    # four years ending 2026-27, so DoLo (CSV only) is written too
    for kind in ("csv", "xml"):
        generate_council(
            work / kind, 300, 4, seed=SEED, last_collection_year=2027, xml=kind == "xml"
        )
        load_folder(work / kind, work / f"{kind}.duckdb")
    return work, work / "csv.duckdb", work / "xml.duckdb"


def test_xml_replaces_the_csvs_except_swepisodes_and_dolo(
    loaded: tuple[Path, Path, Path],
) -> None:
    work, _, _ = loaded
    assert sorted(p.name for p in (work / "xml" / "2023-24").iterdir()) == [
        "return.xml",
        "sw_episodes.csv",
    ]
    assert sorted(p.name for p in (work / "xml" / "2026-27").iterdir()) == [
        "dolo.csv",
        "return.xml",
        "sw_episodes.csv",
    ]
    head = (work / "xml" / "2024-25" / "return.xml").read_text(encoding="utf-8")[:200]
    assert "<EXPSSDA903>" in head and "<CHILDID>" in head


@pytest.mark.parametrize("spec", TABLES, ids=[t.name for t in TABLES])
def test_every_raw_table_has_the_same_rows(
    loaded: tuple[Path, Path, Path], spec: TableSpec
) -> None:
    _, csv_db, xml_db = loaded
    columns, name = spec.column_names, spec.name
    from_csv = _rows(csv_db, name, columns)
    assert from_csv or name == "ad1", name
    assert _rows(xml_db, name, columns) == from_csv


def test_nothing_quarantined(loaded: tuple[Path, Path, Path]) -> None:
    _, csv_db, xml_db = loaded
    assert _quarantined(csv_db) == 0
    assert _quarantined(xml_db) == 0


def test_xml_with_error_injection_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CpwInputError):
        generate_council(tmp_path, 50, 1, xml=True, inject_errors=True)
