"""The loader on small files it writes itself: recognition, encodings, quarantine, atomicity."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from cpw.errors import CpwInputError
from cpw.ingest import load_folder
from cpw.ingest.loader import parse_year_label
from cpw.ingest.tables import recognise

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
REVIEWS = "CHILD,DOB,REVIEW,REVIEW_CODE\n"


def _write(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


def _rows(warehouse: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.parametrize(
    ("label", "year"),
    [("2024-25", 2025), ("1999-00", 2000), ("2025", 2025), ("2024-26", None), ("final", None)],
)
def test_year_labels(label: str, year: int | None) -> None:
    assert parse_year_label(label) == year


def test_tables_are_recognised_by_column_set_in_any_order_and_case() -> None:
    spec = recognise([" review_code", "Review", "DOB", "child "])
    assert spec is not None and spec.name == "reviews"
    assert recognise(["CHILD", "DOB", "REVIEW"]) is None
    assert recognise(["CHILD", "DOB", "REVIEW", "REVIEW_CODE", "TEST_COLUMN"]) is None


def test_values_are_kept_verbatim_with_lineage(tmp_path: Path) -> None:
    _write(
        tmp_path / "in" / "2024-25" / "whatever.csv",
        HEADER + "C1,M,01/02/2010,WBRI, UN3 ,,\r\nC2,f,31/02/2011,wbri,UN1,0,\r\n",
    )
    result = load_folder(tmp_path / "in", tmp_path / "wh.duckdb")
    assert result.rows_loaded("header") == 2
    rows = _rows(
        tmp_path / "wh.duckdb",
        "select child, sex, dob, upn, _collection_year, _source_file, _source_line "
        "from raw.header order by _source_line",
    )
    # nothing is trimmed, upper-cased or parsed at load: staging does that, keeping the original
    assert rows == [
        ("C1", "M", "01/02/2010", " UN3 ", 2025, "2024-25/whatever.csv", 2),
        ("C2", "f", "31/02/2011", "UN1", 2025, "2024-25/whatever.csv", 3),
    ]


def test_bom_and_windows_1252_are_read(tmp_path: Path) -> None:
    _write(
        tmp_path / "in" / "2024-25" / "a.csv", "\ufeff" + REVIEWS + "C1,01/01/2010,01/05/2024,PN1\n"
    )
    _write(
        tmp_path / "in" / "2024-25" / "b.csv",
        HEADER + "Cé1,M,01/02/2010,WBRI,UN3,,\n",
        encoding="cp1252",
    )
    result = load_folder(tmp_path / "in", tmp_path / "wh.duckdb")
    assert {f.source_file: f.message for f in result.files} == {
        "2024-25/a.csv": "read as utf-8-sig",
        "2024-25/b.csv": "read as cp1252",
    }
    assert _rows(tmp_path / "wh.duckdb", "select child from raw.header") == [("Cé1",)]


def test_rows_in_equal_rows_loaded_plus_quarantined(tmp_path: Path) -> None:
    _write(
        tmp_path / "in" / "2024-25" / "reviews.csv",
        REVIEWS
        + "C1,01/01/2010,01/05/2024,PN1\nC2,01/01/2010\n\nC3,01/01/2010,01/06/2024,PN1,extra\n",
    )
    result = load_folder(tmp_path / "in", tmp_path / "wh.duckdb")
    (audit,) = result.files
    assert (audit.rows_in, audit.rows_loaded, audit.rows_quarantined) == (3, 1, 2)
    quarantined = _rows(
        tmp_path / "wh.duckdb",
        "select line_number, reason, raw_line from raw.quarantine order by 1",
    )
    assert quarantined == [
        (3, "expected 4 fields, found 2", "C2,01/01/2010"),
        (5, "expected 4 fields, found 5", "C3,01/01/2010,01/06/2024,PN1,extra"),
    ]


def test_unknown_and_unreadable_files_are_reported_and_the_rest_loads(tmp_path: Path) -> None:
    folder = tmp_path / "in" / "2024-25"
    _write(folder / "reviews.csv", REVIEWS + "C1,01/01/2010,01/05/2024,PN1\n")
    _write(folder / "notes.csv", "A,B\n1,2\n")
    _write(folder / "empty.csv", "")
    (folder / "utf16.csv").write_bytes("CHILD\n".encode("utf-16"))
    result = load_folder(tmp_path / "in", tmp_path / "wh.duckdb")
    status = {f.source_file: f.status for f in result.files}
    assert status == {
        "2024-25/reviews.csv": "loaded",
        "2024-25/notes.csv": "skipped",
        "2024-25/empty.csv": "error",
        "2024-25/utf16.csv": "error",
    }
    audit = _rows(tmp_path / "wh.duckdb", "select count(*) from raw.load_audit")
    assert audit == [(4,)]


def test_a_folder_without_a_year_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    _write(tmp_path / "returns" / "reviews.csv", REVIEWS)
    with pytest.raises(CpwInputError, match="cannot tell the collection year"):
        load_folder(tmp_path / "returns", tmp_path / "wh.duckdb")
    result = load_folder(tmp_path / "returns", tmp_path / "wh.duckdb", year="2023-24")
    assert result.files[0].collection_year == 2024


def test_a_failed_load_leaves_the_previous_warehouse_untouched(tmp_path: Path) -> None:
    _write(
        tmp_path / "good" / "2024-25" / "reviews.csv", REVIEWS + "C1,01/01/2010,01/05/2024,PN1\n"
    )
    warehouse = tmp_path / "wh.duckdb"
    load_folder(tmp_path / "good", warehouse)
    before = warehouse.read_bytes()
    _write(tmp_path / "bad" / "2024-25" / "notes.csv", "A,B\n1,2\n")
    with pytest.raises(CpwInputError, match="no SSDA903 table"):
        load_folder(tmp_path / "bad", warehouse)
    assert warehouse.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "good", "wh.duckdb"]
