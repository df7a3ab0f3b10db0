"""`cpw export errors`: the validation error list as CSV and XLSX, from a real DuckDB file.

`marts.fct_validation_errors` is built by dbt from the DfE rules; here a small hand-made table
stands in as input, so the export is checked against rows whose order and counts are known.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cpw.cli import app
from cpw.errors import CpwInputError
from cpw.exports import errors as export
from cpw.warehouse import connect

# Deliberately out of order: the export sorts by LA, year, child, table, row, rule.
ROWS = [
    ("e3", "E06000015", 2025, "355", "Episode starts and ends on the same day", "episodes",
     "C2", 7, "DECOM, DEC"),
    ("e1", "E06000015", 2025, "103", "ETHNIC is not a valid code", "header", "C1", 2, "ETHNIC"),
    ("e2", "E06000015", 2025, "103", "ETHNIC is not a valid code", "header", "C2", 3, "ETHNIC"),
    ("e4", "E06000015", 2024, "103", "ETHNIC is not a valid code", "header", "C9", 4, "ETHNIC"),
]  # fmt: skip


def _warehouse(path: Path, rows: list[tuple[object, ...]] | None) -> Path:
    con = connect(path)
    try:
        con.execute("create schema marts")
        if rows is not None:
            con.execute(
                "create table marts.fct_validation_errors (validation_error_id varchar,"
                " la_code varchar, collection_year integer, rule_code varchar,"
                " rule_message varchar, table_name varchar, child_id varchar,"
                " row_number integer, columns_affected varchar)"
            )
            for row in rows:
                con.execute(
                    "insert into marts.fct_validation_errors values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    list(row),
                )
    finally:
        con.close()
    return path


def test_csv_lists_every_error_one_child_together(tmp_path: Path) -> None:
    result = export.export_errors(_warehouse(tmp_path / "cpw.duckdb", ROWS), tmp_path / "out")
    with result.csv.open(newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == list(export.COLUMNS)
    # 2024 first; then in 2025 child C1 (e1), then C2's episodes row (e3) before its header (e2)
    assert [line[0] for line in lines[1:]] == ["e4", "e1", "e3", "e2"]
    assert lines[2] == ["e1", "E06000015", "2025", "103", "ETHNIC is not a valid code",
                        "header", "C1", "2", "ETHNIC"]  # fmt: skip
    assert (result.errors, result.rules) == (4, 2)


def test_workbook_has_frozen_filterable_list_and_summary_by_rule(tmp_path: Path) -> None:
    result = export.export_errors(_warehouse(tmp_path / "cpw.duckdb", ROWS), tmp_path / "out")
    book = load_workbook(result.xlsx)
    assert book.sheetnames == ["errors", "summary by rule"]
    errors = book["errors"]
    assert [cell.value for cell in errors[1]] == list(export.COLUMNS)
    assert errors[1][0].font.bold
    assert errors.freeze_panes == "A2"
    assert errors.auto_filter.ref == "A1:I5"  # 9 columns, header + 4 rows
    assert [row[0] for row in errors.iter_rows(min_row=2, values_only=True)] == [
        "e4", "e1", "e3", "e2"
    ]  # fmt: skip
    summary = book["summary by rule"]
    assert summary.freeze_panes == "A2"
    # 103: e1, e2, e4 = 3 errors of children C1, C2, C9; 355: e3, child C2
    assert list(summary.iter_rows(values_only=True)) == [
        export.SUMMARY_COLUMNS,
        ("103", "ETHNIC is not a valid code", 3, 3, "header"),
        ("355", "Episode starts and ends on the same day", 1, 1, "episodes"),
    ]


def test_a_long_list_continues_on_further_sheets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "SHEET_ROWS", 3)
    result = export.export_errors(_warehouse(tmp_path / "cpw.duckdb", ROWS), tmp_path / "out")
    book = load_workbook(result.xlsx)
    assert book.sheetnames == ["errors", "errors 2", "summary by rule"]
    assert book["errors"].max_row == 4  # header + 3
    assert [row[0] for row in book["errors 2"].iter_rows(values_only=True)] == [
        "validation_error_id", "e2"
    ]  # fmt: skip
    assert book["errors 2"].auto_filter.ref == "A1:I2"


def test_no_errors_gives_header_only_files(tmp_path: Path) -> None:
    result = export.export_errors(_warehouse(tmp_path / "cpw.duckdb", []), tmp_path / "out")
    assert result.csv.read_text(encoding="utf-8").splitlines() == [",".join(export.COLUMNS)]
    book = load_workbook(result.xlsx)
    assert book["errors"].max_row == 1
    assert (result.errors, result.rules) == (0, 0)


def test_without_validation_results_it_says_so_and_exits_2(tmp_path: Path) -> None:
    warehouse = _warehouse(tmp_path / "cpw.duckdb", None)
    with pytest.raises(CpwInputError, match="no validation results: run `cpw build`"):
        export.export_errors(warehouse, tmp_path / "out")
    outcome = CliRunner().invoke(
        app, ["export", "errors", "--warehouse", str(warehouse), "--out", str(tmp_path / "o")]
    )
    assert outcome.exit_code == 2
    assert "no validation results: run `cpw build`" in outcome.output
    assert not (tmp_path / "o" / export.CSV_NAME).exists()


def test_cli_writes_both_files(tmp_path: Path) -> None:
    warehouse = _warehouse(tmp_path / "cpw.duckdb", ROWS)
    outcome = CliRunner().invoke(
        app, ["export", "errors", "-w", str(warehouse), "-o", str(tmp_path / "o")]
    )
    assert outcome.exit_code == 0, outcome.output
    assert "4 errors of 2 rules" in outcome.output
    assert (tmp_path / "o" / "validation_errors.csv").is_file()
    assert (tmp_path / "o" / "validation_errors.xlsx").is_file()
