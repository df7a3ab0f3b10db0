"""A folder of deliberately broken files (tests/fixtures/broken_903): each problem is named with
its file, line and column, nothing is lost, and the good rows still load."""

from __future__ import annotations

from pathlib import Path

import duckdb

from cpw.ingest import load_folder

BROKEN = Path(__file__).parents[1] / "fixtures" / "broken_903"


def test_every_broken_file_is_accounted_for(tmp_path: Path) -> None:
    result = load_folder(BROKEN, tmp_path / "cpw.duckdb")
    audit = {
        a.source_file.split("/")[-1]: (
            a.status,
            a.rows_in,
            a.rows_loaded,
            a.rows_quarantined,
            a.rows_flagged,
        )
        for a in result.files
    }
    assert audit == {
        "empty.csv": ("error", 0, 0, 0, 0),
        "episodes_bom_excel_dates.csv": ("loaded", 5, 3, 2, 2),
        "header_only_missing.csv": ("loaded", 0, 0, 0, 0),
        "header_windows1252_crlf.csv": ("loaded", 2, 2, 0, 0),
        "return_truncated.xml": ("error", 0, 0, 0, 0),
        "reviews_duplicates_ragged.csv": ("loaded", 4, 2, 2, 1),
        "staff_list.csv": ("skipped", 0, 0, 0, 0),
    }
    for _status, rows_in, loaded, quarantined, _ in audit.values():
        assert rows_in == loaded + quarantined
    messages = {a.source_file.split("/")[-1]: a.message for a in result.files}
    assert "empty file" in messages["empty.csv"]
    assert "malformed XML" in messages["return_truncated.xml"]
    assert "line 2" in messages["return_truncated.xml"]
    assert messages["staff_list.csv"].startswith("columns match no SSDA903 table (1 data rows")
    assert messages["header_windows1252_crlf.csv"] == "read as cp1252"


def test_each_problem_is_named_by_file_line_and_column(tmp_path: Path) -> None:
    load_folder(BROKEN, tmp_path / "cpw.duckdb")
    with duckdb.connect(str(tmp_path / "cpw.duckdb"), read_only=True) as con:
        issues = con.execute("""
            select split_part(source_file, '/', 2), line_number, column_name, value, reason,
                   disposition
            from raw.quarantine order by 1, 2, 3""").fetchall()
        episodes = con.execute("select child, decom from raw.episodes order by 1").fetchall()
        header = con.execute("select child, sex, ethnic from raw.header order by 1").fetchall()
    episodes_file, reviews_file = "episodes_bom_excel_dates.csv", "reviews_duplicates_ragged.csv"
    assert issues == [
        (episodes_file, 3, "DECOM", "02/01/20251", "not a valid date (dd/mm/yyyy)", "rejected"),
        (episodes_file, 4, "DECOM", "01/04/24", "not a valid date (dd/mm/yyyy)", "rejected"),
        (episodes_file, 5, "DEC", "31/02/2025", "not a valid date (dd/mm/yyyy)", "flagged"),
        (episodes_file, 6, "PLACE", "QQ", "not a valid code in this collection year", "flagged"),
        (
            reviews_file,
            3,
            "CHILD,REVIEW",
            "B1,01/05/2024",
            f"duplicate key: same CHILD,REVIEW as line 2 of 2024-25/{reviews_file}",
            "rejected",
        ),
        (reviews_file, 4, "REVIEW_CODE", "", "missing required value", "flagged"),
        (reviews_file, 5, None, None, "expected 4 fields, found 2", "rejected"),
    ]
    # the Excel-mangled date loads as written; lower-case codes and spaces are not errors
    assert episodes == [("B1", "2024-04-01 00:00:00"), ("B4", "01/05/2024"), ("B5", "01/05/2024")]
    assert header == [("B1", "m", "wbri "), ("Bé2", "F", "WBRI")]
