"""The loader on small files written by each test: every bad-input case the loader promises
to handle, and the invariant rows in = rows loaded + rows quarantined for every file."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from cpw.errors import CpwInputError
from cpw.ingest import LoadResult, load_folder
from cpw.ingest.loader import parse_year_label
from cpw.ingest.tables import recognise

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN\n"
)
REVIEWS = "CHILD,DOB,REVIEW,REVIEW_CODE\n"


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def _load(tmp_path: Path, files: dict[str, str]) -> LoadResult:
    for name, text in files.items():
        _write(tmp_path / "in" / "2024-25" / name, text)
    return load_folder(tmp_path / "in", tmp_path / "wh.duckdb")


def _rows(warehouse: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def _issues(result: LoadResult) -> set[tuple[object, ...]]:
    return {
        (i["line_number"], i["column_name"], i["value"], i["reason"], i["disposition"])
        for i in result.issues
    }


def _assert_accounted(result: LoadResult) -> None:
    for audit in result.files:
        assert audit.rows_in == audit.rows_loaded + audit.rows_quarantined, audit


@pytest.mark.parametrize(
    ("label", "year"),
    [("2024-25", 2025), ("1999-00", 2000), ("2025", 2025), ("2024-26", None), ("final", None)],
)
def test_year_labels(label: str, year: int | None) -> None:
    assert parse_year_label(label) == year


def test_tables_are_recognised_by_column_set_in_any_order_and_case() -> None:
    exact = recognise([" review_code", "Review", "DOB", "\ufeffchild "])
    assert exact is not None and exact.spec.name == "reviews" and not exact.extra
    extra = recognise(["CHILD", "DOB", "REVIEW", "REVIEW_CODE", "TEST_COLUMN"])
    assert extra is not None and extra.spec.name == "reviews" and extra.extra == ("TEST_COLUMN",)
    missing = recognise(
        [
            "CHILD",
            "DECOM",
            "RNE",
            "LS",
            "CIN",
            "PLACE",
            "PLACE_PROVIDER",
            "DEC",
            "REC",
            "HOME_POST",
            "PL_POST",
            "URN",
        ]
    )
    assert missing is not None and missing.missing == ("REASON_PLACE_CHANGE",)
    assert recognise(["CHILD", "DOB"]) is None
    assert recognise(["NAME", "ADDRESS", "PHONE"]) is None


def test_values_are_kept_verbatim_with_lineage(tmp_path: Path) -> None:
    result = _load(
        tmp_path,
        {
            "whatever.csv": HEADER + "C1,M,01/02/2010,WBRI, UN3 ,,\r\n"
            "C2,f,01/03/2011,wbri,UN1,0,\r\n"
        },
    )
    assert result.rows_loaded("header") == 2
    rows = _rows(
        tmp_path / "wh.duckdb",
        "select child, sex, ethnic, upn, _collection_year, _source_file, _source_line "
        "from raw.header order by _source_line",
    )
    # nothing is trimmed or upper-cased at load: staging does that and keeps the original too
    assert rows == [
        ("C1", "M", "WBRI", " UN3 ", 2025, "2024-25/whatever.csv", 2),
        ("C2", "f", "wbri", "UN1", 2025, "2024-25/whatever.csv", 3),
    ]
    assert _issues(result) == set(), "lower-case codes and stray spaces are not errors"


def test_bom_windows_1252_crlf_and_blank_trailing_rows(tmp_path: Path) -> None:
    _write(
        tmp_path / "in" / "2024-25" / "a.csv",
        "\ufeff" + REVIEWS + "C1,01/01/2010,01/05/2024,PN1\r\n\r\n,,,\r\n   \r\n",
    )
    _write(
        tmp_path / "in" / "2024-25" / "b.csv",
        HEADER + "Cé1,M,01/02/2010,WBRI,UN3,,\n",
        encoding="cp1252",
    )
    result = load_folder(tmp_path / "in", tmp_path / "wh.duckdb")
    messages = {f.source_file: f.message for f in result.files}
    assert messages == {"2024-25/a.csv": "read as utf-8-sig", "2024-25/b.csv": "read as cp1252"}
    assert _rows(tmp_path / "wh.duckdb", "select child from raw.header") == [("Cé1",)]
    assert [(f.rows_in, f.rows_loaded) for f in result.files] == [(1, 1), (1, 1)]


def test_excel_mangled_dates_are_accepted_and_bad_dates_are_reported(tmp_path: Path) -> None:
    result = _load(
        tmp_path,
        {
            "episodes.csv": EPISODES
            + "C1,2024-03-31 00:00:00,S,C2,N1,U6,PR1,31/02/2025,X1,,,,\n"  # Excel date; bad DEC
            + "C2,02/01/20251,S,C2,N1,U6,PR1,,,,,,\n"  # bad DECOM: the key
            + "C3,01/04/24,S,C2,N1,U6,PR1,,,,,,\n"
        },
    )  # two-digit year
    assert _issues(result) == {
        (2, "DEC", "31/02/2025", "not a valid date (dd/mm/yyyy)", "flagged"),
        (3, "DECOM", "02/01/20251", "not a valid date (dd/mm/yyyy)", "rejected"),
        (4, "DECOM", "01/04/24", "not a valid date (dd/mm/yyyy)", "rejected"),
    }
    (audit,) = result.files
    assert (audit.rows_in, audit.rows_loaded, audit.rows_quarantined, audit.rows_flagged) == (
        3,
        1,
        2,
        1,
    )
    assert _rows(tmp_path / "wh.duckdb", "select child, decom, dec from raw.episodes") == [
        ("C1", "2024-03-31 00:00:00", "31/02/2025")
    ]


def test_codes_types_required_values_and_duplicate_keys(tmp_path: Path) -> None:
    result = _load(
        tmp_path,
        {
            "header.csv": HEADER
            + "C1,1,01/02/2010,WBRI,UN3,1.0,\n"  # SEX 1 is not valid in 2024-25; MOTHER not 0/1
            + ",M,01/02/2010,WBRI,UN3,,\n"  # no child id: the key
            + "C1,M,01/02/2010,XXXX,UN3,,\n",  # duplicate child: rejected
            "reviews.csv": REVIEWS + "C1,01/02/2010,01/05/2024,\n",  # required code missing
        },
    )
    assert _issues(result) == {
        (2, "SEX", "1", "not a valid code in this collection year", "flagged"),
        (2, "MOTHER", "1.0", "not 0 or 1", "flagged"),
        (3, "CHILD", "", "missing required value", "rejected"),
        (4, "CHILD", "C1", "duplicate key: same CHILD as line 2 of 2024-25/header.csv", "rejected"),
        (4, "ETHNIC", "XXXX", "not a valid code in this collection year", "flagged"),
        (2, "REVIEW_CODE", "", "missing required value", "flagged"),
    }
    _assert_accounted(result)
    quarantine = _rows(
        tmp_path / "wh.duckdb",
        "select raw_line from raw.quarantine where column_name = 'CHILD' order by line_number",
    )
    assert quarantine == [(",M,01/02/2010,WBRI,UN3,,",), ("C1,M,01/02/2010,XXXX,UN3,,",)]


def test_a_code_is_checked_against_the_list_of_its_own_year(tmp_path: Path) -> None:
    text = HEADER + "C1,1,01/02/2010,WBRI,UN3,,\n"
    _write(tmp_path / "in" / "2023-24" / "header.csv", text)
    _write(tmp_path / "in" / "2024-25" / "header.csv", text)
    result = load_folder(tmp_path / "in", tmp_path / "wh.duckdb")
    flagged = {(i["source_file"], i["column_name"]) for i in result.issues}
    assert flagged == {("2024-25/header.csv", "SEX")}, "SEX 1 is valid only until 2023-24"


def test_extra_and_missing_columns_are_reported_not_fatal(tmp_path: Path) -> None:
    result = _load(
        tmp_path,
        {
            "reviews.csv": "CHILD,DOB,REVIEW,REVIEW_CODE,TEST_COLUMN\n"
            "C1,01/01/2010,01/05/2024,PN1,hello\n",
            "header.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\nC1,M,01/01/2010,WBRI,UN3,\n",
        },
    )
    messages = {f.table_name: f.message for f in result.files}
    assert "extra columns kept in _extra_columns: TEST_COLUMN" in messages["reviews"]
    assert "missing columns loaded as blank: MC_DOB" in messages["header"]
    (extra,) = _rows(tmp_path / "wh.duckdb", "select _extra_columns from raw.reviews")
    assert json.loads(str(extra[0])) == {"TEST_COLUMN": "hello"}


def test_ragged_rows_are_quarantined_verbatim(tmp_path: Path) -> None:
    result = _load(
        tmp_path,
        {
            "reviews.csv": REVIEWS + "C1,01/01/2010,01/05/2024,PN1\n"
            "C2,01/01/2010\n"
            "C3,01/01/2010,01/06/2024,PN1,extra\n"
            "C4,01/01/2010,01/07/2024,PN1,,\n"
        },
    )
    (audit,) = result.files
    assert (audit.rows_in, audit.rows_loaded, audit.rows_quarantined) == (4, 2, 2)
    assert _issues(result) == {
        (3, None, None, "expected 4 fields, found 2", "rejected"),
        (4, None, None, "expected 4 fields, found 5", "rejected"),
    }


def test_empty_header_only_unknown_and_unreadable_files(tmp_path: Path) -> None:
    folder = tmp_path / "in" / "2024-25"
    _write(folder / "reviews.csv", REVIEWS + "C1,01/01/2010,01/05/2024,PN1\n")
    _write(folder / "header.csv", HEADER)
    _write(folder / "notes.csv", "A,B\n1,2\n")
    _write(folder / "empty.csv", "")
    _write(folder / "readme.txt", "hello")
    (folder / "utf16.csv").write_bytes("CHILD\n".encode("utf-16"))
    result = load_folder(tmp_path / "in", tmp_path / "wh.duckdb")
    status = {f.source_file.split("/")[-1]: (f.status, f.rows_in) for f in result.files}
    assert status == {
        "reviews.csv": ("loaded", 1),
        "header.csv": ("loaded", 0),
        "notes.csv": ("skipped", 0),
        "empty.csv": ("error", 0),
        "readme.txt": ("skipped", 0),
        "utf16.csv": ("error", 0),
    }
    audit = _rows(tmp_path / "wh.duckdb", "select count(*) from raw.load_audit")
    assert audit == [(6,)]


def test_a_folder_without_a_year_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    _write(tmp_path / "returns" / "reviews.csv", REVIEWS)
    with pytest.raises(CpwInputError, match="cannot tell the collection year"):
        load_folder(tmp_path / "returns", tmp_path / "wh.duckdb")
    result = load_folder(tmp_path / "returns", tmp_path / "wh.duckdb", year="2023-24")
    assert result.files[0].collection_year == 2024


def test_a_failed_load_leaves_the_previous_warehouse_untouched(tmp_path: Path) -> None:
    _write(tmp_path / "good" / "2024-25" / "r.csv", REVIEWS + "C1,01/01/2010,01/05/2024,PN1\n")
    warehouse = tmp_path / "wh.duckdb"
    load_folder(tmp_path / "good", warehouse)
    before = warehouse.read_bytes()
    _write(tmp_path / "bad" / "2024-25" / "notes.csv", "A,B\n1,2\n")
    with pytest.raises(CpwInputError, match="no SSDA903 table"):
        load_folder(tmp_path / "bad", warehouse)
    assert warehouse.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "good", "wh.duckdb"]
