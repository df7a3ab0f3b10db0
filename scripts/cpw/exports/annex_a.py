"""Ofsted ILACS Annex A lists 8, 9 and 10 as an XLSX workbook (one sheet per list) and CSVs.

The rows come from the dbt models `mart_ofsted_annex_a_list_N`; the column order and the
template headings come from the seed `annex_a_columns` (the one source of truth, shared with the
site). Nothing is derived here: the export only renames, orders and formats.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from cpw.errors import CpwInputError, CpwStepError
from cpw.warehouse import connect

LISTS: dict[int, str] = {8: "children in care", 9: "care leavers", 10: "adoption"}
WORKBOOK_NAME = "annex_a.xlsx"
DATE_FORMAT = "%d/%m/%Y"  # the template's dates: dd/mm/yyyy
EXCEL_DATE_FORMAT = "dd/mm/yyyy"

Cell = str | int | float | dt.date | None


@dataclass
class AnnexAList:
    """One list as exported: its headings (template order) and rows."""

    number: int
    headings: list[str]
    rows: list[tuple[Cell, ...]]

    @property
    def sheet_name(self) -> str:
        """The workbook sheet holding this list."""
        return f"List {self.number}"

    @property
    def csv_name(self) -> str:
        """The CSV file holding this list."""
        return f"annex_a_list_{self.number}.csv"


@dataclass
class AnnexAExport:
    """What `export_annex_a` wrote."""

    workbook: Path
    csv_files: list[Path] = field(default_factory=list)
    rows: dict[int, int] = field(default_factory=dict)


def _columns(con: duckdb.DuckDBPyConnection, warehouse: Path) -> dict[int, list[tuple[str, str]]]:
    found = con.execute(
        "select table_schema from information_schema.tables where table_name = 'annex_a_columns'"
    ).fetchone()
    if found is None:
        raise CpwInputError("the warehouse has no annex_a_columns seed; run `cpw build`", warehouse)
    rows = con.execute(
        f'select list_number, column_name, heading from "{found[0]}".annex_a_columns '
        "order by list_number, column_order"
    ).fetchall()
    columns: dict[int, list[tuple[str, str]]] = {number: [] for number in LISTS}
    for number, name, heading in rows:
        columns.setdefault(int(number), []).append((str(name), str(heading)))
    return columns


def read_lists(warehouse: Path) -> list[AnnexAList]:
    """Read the three lists from the warehouse, columns in template order under their headings.

    Raises:
        CpwInputError: the warehouse, a list model or the column seed is missing, or a model
            lacks a column the seed names.
    """
    if not warehouse.is_file():
        raise CpwInputError("warehouse file not found; run `cpw build` first", file=warehouse)
    con = connect(warehouse, read_only=True)
    try:
        columns = _columns(con, warehouse)
        lists = []
        for number in LISTS:
            names = [name for name, _ in columns[number]]
            select = ", ".join(f'"{name}"' for name in names)
            try:
                rows = con.execute(
                    f"select {select} from marts.mart_ofsted_annex_a_list_{number} "
                    "order by child_unique_id"
                ).fetchall()
            except duckdb.Error as err:
                raise CpwInputError(
                    f"cannot read Annex A list {number} ({err}); run `cpw build`", file=warehouse
                ) from err
            headings = [heading for _, heading in columns[number]]
            lists.append(AnnexAList(number, headings, [tuple(row) for row in rows]))
    finally:
        con.close()
    return lists


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    return str(value)


def _write_csv(annex_list: AnnexAList, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(annex_list.headings)
        for row in annex_list.rows:
            writer.writerow([_csv_cell(value) for value in row])


def _write_workbook(lists: list[AnnexAList], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    for annex_list in lists:
        sheet = workbook.create_sheet(annex_list.sheet_name)
        header = []
        for heading in annex_list.headings:
            cell = WriteOnlyCell(sheet, value=heading)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in annex_list.rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, dt.date):
                    cell.number_format = EXCEL_DATE_FORMAT
                cells.append(cell)
            sheet.append(cells)
    workbook.save(path)


def export_annex_a(warehouse: Path, out_dir: Path) -> AnnexAExport:
    """Write annex_a.xlsx (sheets "List 8", "List 9", "List 10") and one CSV per list.

    Files are written under temporary names and renamed into place only when all are written,
    so a failed export never leaves a half-written workbook beside the old one.

    Args:
        warehouse: the built warehouse (opened read-only).
        out_dir: folder for the files; created when missing.

    Returns:
        The paths written and the row count per list.

    Raises:
        CpwInputError: the warehouse lacks the lists (see `read_lists`).
        CpwStepError: a file could not be written.
    """
    lists = read_lists(warehouse)
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = f".{os.getpid()}.part"
    targets = [out_dir / WORKBOOK_NAME, *(out_dir / item.csv_name for item in lists)]
    parts = [target.with_name(target.name + suffix) for target in targets]
    try:
        _write_workbook(lists, parts[0])
        for annex_list, part in zip(lists, parts[1:], strict=True):
            _write_csv(annex_list, part)
        for part, target in zip(parts, targets, strict=True):
            os.replace(part, target)
    except OSError as err:
        raise CpwStepError(f"writing the Annex A export to {out_dir} failed: {err}") from err
    finally:
        for part in parts:
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
    return AnnexAExport(
        workbook=targets[0],
        csv_files=targets[1:],
        rows={item.number: len(item.rows) for item in lists},
    )
