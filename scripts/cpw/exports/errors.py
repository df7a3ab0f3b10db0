"""Export the child-level DfE validation error list for the case-recording teams.

`marts.fct_validation_errors` (one row per error: rule, table, child, row) goes out as
`validation_errors.csv` and `validation_errors.xlsx`. The workbook has the list (header row
frozen, autofilter on, so a team can filter to its own children or rules) and a summary sheet
counting errors and children by rule. Both files are written under temporary names and renamed
into place only when complete.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cpw import warehouse as wh
from cpw.errors import CpwInputError, CpwStepError

SOURCE = "marts.fct_validation_errors"
COLUMNS = (
    "validation_error_id",
    "la_code",
    "collection_year",
    "rule_code",
    "rule_message",
    "table_name",
    "child_id",
    "row_number",
    "columns_affected",
)
SUMMARY_COLUMNS = ("rule_code", "rule_message", "errors", "children", "tables")
CSV_NAME, XLSX_NAME = "validation_errors.csv", "validation_errors.xlsx"
# An Excel sheet holds 1,048,576 rows; a longer list continues on "errors 2", "errors 3", ...
SHEET_ROWS = 1_048_575
_BATCH = 50_000
_WIDTHS = {"rule_message": 60, "columns_affected": 24, "validation_error_id": 24}


@dataclass(frozen=True)
class ErrorExport:
    """What `export_errors` wrote.

    Attributes:
        csv: the CSV file.
        xlsx: the workbook.
        errors: rows of the list.
        rules: rows of the summary (distinct rules).
    """

    csv: Path
    xlsx: Path
    errors: int
    rules: int


def export_errors(warehouse: Path, out: Path) -> ErrorExport:
    """Write the validation error list as CSV and XLSX into `out`.

    Args:
        warehouse: the built warehouse (read-only).
        out: folder for `validation_errors.csv` and `validation_errors.xlsx` (created).

    Returns:
        The files written and their row counts.

    Raises:
        CpwInputError: no warehouse, or dbt has not built `marts.fct_validation_errors`.
        CpwStepError: DuckDB could not read the table.
    """
    if not warehouse.is_file():
        raise CpwInputError("warehouse not found; run `cpw load` and `cpw build`", file=warehouse)
    out.mkdir(parents=True, exist_ok=True)
    con = wh.connect(warehouse, read_only=True)
    try:
        found = con.execute(
            "select count(*) from information_schema.tables"
            " where table_schema = 'marts' and table_name = 'fct_validation_errors'"
        ).fetchone()
        if not found or found[0] == 0:
            raise CpwInputError("no validation results: run `cpw build`", file=warehouse)
        csv_path, xlsx_path = out / CSV_NAME, out / XLSX_NAME
        with _replaced(csv_path) as work:
            con.execute(
                f"copy ({_list_query()}) to '{_sql_text(str(work))}' (header, delimiter ',')"
            )
        summary = con.execute(_summary_query()).fetchall()
        with _replaced(xlsx_path) as work:
            errors = _write_workbook(con, summary, work)
    except duckdb.Error as err:
        raise CpwStepError(f"could not export {SOURCE} from {warehouse}: {err}") from err
    finally:
        con.close()
    return ErrorExport(csv_path, xlsx_path, errors, len(summary))


def _list_query() -> str:
    # One child's errors together, in the order a case worker would fix them.
    return (
        f"select {', '.join(COLUMNS)} from {SOURCE}"
        " order by la_code, collection_year, child_id, table_name, row_number, rule_code"
    )


def _summary_query() -> str:
    return f"""
        select
            rule_code,
            min(rule_message),
            count(*),
            count(distinct child_id),
            string_agg(distinct table_name, ', ' order by table_name)
        from {SOURCE}
        group by rule_code
        order by count(*) desc, rule_code
    """


def _write_workbook(
    con: duckdb.DuckDBPyConnection, summary: list[tuple[object, ...]], path: Path
) -> int:
    # Write-only mode streams rows to disk: a national list does not sit in memory as cells.
    book = Workbook(write_only=True)
    cursor = con.execute(_list_query())
    written, sheet_rows, sheets = 0, SHEET_ROWS, 0
    sheet: Any = None
    while batch := cursor.fetchmany(_BATCH):
        for row in batch:
            if sheet_rows == SHEET_ROWS:
                if sheet is not None:
                    _finish(sheet, len(COLUMNS), SHEET_ROWS)
                sheets += 1
                sheet = _new_sheet(book, "errors" if sheets == 1 else f"errors {sheets}", COLUMNS)
                sheet_rows = 0
            sheet.append(list(row))
            sheet_rows += 1
            written += 1
    if sheet is None:
        sheet = _new_sheet(book, "errors", COLUMNS)
        sheet_rows = 0
    _finish(sheet, len(COLUMNS), sheet_rows)
    by_rule = _new_sheet(book, "summary by rule", SUMMARY_COLUMNS)
    for row in summary:
        by_rule.append(list(row))
    _finish(by_rule, len(SUMMARY_COLUMNS), len(summary))
    book.save(path)
    return written


def _new_sheet(book: Any, title: str, columns: tuple[str, ...]) -> Any:
    sheet = book.create_sheet(title)
    # Frozen panes and column widths must be set before the first row in write-only mode.
    sheet.freeze_panes = "A2"
    for index, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(name, 14)
    bold = Font(bold=True)
    header = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    return sheet


def _finish(sheet: Any, columns: int, rows: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


@contextlib.contextmanager
def _replaced(target: Path) -> Iterator[Path]:
    work = target.with_name(f".{target.name}.{os.getpid()}.work")
    try:
        yield work
        os.replace(work, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            work.unlink()


def _sql_text(text: str) -> str:
    return text.replace("'", "''")
