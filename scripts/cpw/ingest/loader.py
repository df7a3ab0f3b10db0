"""`cpw load`: recognise 903 files by their columns and load them into a fresh warehouse.

Every value is kept as text exactly as read (typing happens in dbt staging, where a bad value is
flagged, not lost). A row the loader cannot place in its table is quarantined verbatim with its
file, line and reason. The new warehouse is built beside the live one and replaces it only when
the whole load has finished.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import polars as pl

from cpw import warehouse
from cpw.errors import CpwInputError
from cpw.ingest.csv_reader import read_csv
from cpw.ingest.tables import LINEAGE_COLUMNS, TABLES, TableSpec, recognise

YEAR_FOLDER = re.compile(r"^(?P<start>\d{4})-(?P<end>\d{2})$")


@dataclass(frozen=True)
class FileAudit:
    """What happened to one input file."""

    source_file: str
    table_name: str | None
    collection_year: int | None
    rows_in: int
    rows_loaded: int
    rows_quarantined: int
    status: str
    message: str


@dataclass(frozen=True)
class QuarantinedRow:
    """A row kept aside verbatim, with where it came from and why."""

    source_file: str
    table_name: str | None
    collection_year: int | None
    line_number: int
    column_name: str | None
    value: str | None
    reason: str
    raw_line: str


@dataclass
class LoadResult:
    """The outcome of a load: the warehouse written and an audit line per file."""

    warehouse: Path
    files: list[FileAudit] = field(default_factory=list)
    quarantine: list[QuarantinedRow] = field(default_factory=list)

    def rows_loaded(self, table: str) -> int:
        """Rows loaded into one raw table across all files."""
        return sum(f.rows_loaded for f in self.files if f.table_name == table)


def parse_year_label(label: str) -> int | None:
    """Turn `2024-25` (or `2025`) into the year the collection ends, 2025; None if not a year."""
    match = YEAR_FOLDER.match(label)
    if match:
        start, end = int(match["start"]), int(match["end"])
        if (start + 1) % 100 != end:
            return None
        return start + 1
    if re.fullmatch(r"\d{4}", label):
        return int(label)
    return None


def find_year_folders(input_dir: Path, year: str | None) -> list[tuple[int, Path]]:
    """List (collection year, folder) pairs to load; a year must come from a folder or `year`."""
    if not input_dir.is_dir():
        raise CpwInputError("input folder not found", file=input_dir)
    if year is not None:
        collection_year = parse_year_label(year)
        if collection_year is None:
            raise CpwInputError(f"--year {year!r} is not a collection year such as 2024-25")
        return [(collection_year, input_dir)]
    subfolders = sorted(p for p in input_dir.iterdir() if p.is_dir())
    found = [(parse_year_label(p.name), p) for p in subfolders]
    years = [(y, p) for y, p in found if y is not None]
    if years:
        return sorted(years)
    own_year = parse_year_label(input_dir.name)
    if own_year is not None:
        return [(own_year, input_dir)]
    raise CpwInputError(
        "cannot tell the collection year: name sub-folders like 2024-25, or give --year 2024-25",
        file=input_dir,
    )


def _load_file(
    path: Path, relative: str, collection_year: int, result: LoadResult
) -> tuple[TableSpec, list[tuple[int, list[str]]]] | None:
    try:
        content = read_csv(path)
    except CpwInputError as err:
        result.files.append(FileAudit(relative, None, collection_year, 0, 0, 0, "error", str(err)))
        return None
    spec = recognise(content.header)
    if spec is None:
        message = "columns match no SSDA903 table: " + ",".join(content.header)
        result.files.append(
            FileAudit(relative, None, collection_year, len(content.rows), 0, 0, "skipped", message)
        )
        return None
    header_upper = [name.strip().upper() for name in content.header]
    order = [header_upper.index(column) for column in spec.columns]
    good: list[tuple[int, list[str]]] = []
    for line_number, record in content.rows:
        if len(record) != len(header_upper):
            result.quarantine.append(
                QuarantinedRow(
                    relative,
                    spec.name,
                    collection_year,
                    line_number,
                    None,
                    None,
                    f"expected {len(header_upper)} fields, found {len(record)}",
                    ",".join(record),
                )
            )
            continue
        good.append((line_number, [record[i] for i in order]))
    result.files.append(
        FileAudit(
            relative,
            spec.name,
            collection_year,
            len(content.rows),
            len(good),
            len(content.rows) - len(good),
            "loaded",
            f"read as {content.encoding}",
        )
    )
    return spec, good


def _frame(
    spec: TableSpec, rows: list[tuple[int, list[str], str, int]], loaded_at: datetime
) -> pl.DataFrame:
    data: dict[str, list[object]] = {column.lower(): [] for column in spec.columns}
    for _, values, _, _ in rows:
        for column, value in zip(spec.columns, values, strict=True):
            data[column.lower()].append(value)
    frame = pl.DataFrame(data, schema={c.lower(): pl.String for c in spec.columns})
    return frame.with_columns(
        pl.Series("_collection_year", [r[3] for r in rows], dtype=pl.Int16),
        pl.Series("_source_file", [r[2] for r in rows], dtype=pl.String),
        pl.Series("_source_line", [r[0] for r in rows], dtype=pl.Int32),
        pl.lit(loaded_at, dtype=pl.Datetime("us")).alias("_loaded_at"),
    )


def load_folder(input_dir: Path, warehouse_path: Path, year: str | None = None) -> LoadResult:
    """Load every 903 CSV under `input_dir` into a new warehouse that replaces `warehouse_path`."""
    result = LoadResult(warehouse=warehouse_path)
    collected: dict[str, list[tuple[int, list[str], str, int]]] = {t.name: [] for t in TABLES}
    for collection_year, folder in find_year_folders(input_dir, year):
        for path in sorted(
            p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
        ):
            relative = str(path.relative_to(input_dir)) if path != input_dir else path.name
            if path.suffix.lower() != ".csv":
                result.files.append(
                    FileAudit(relative, None, collection_year, 0, 0, 0, "skipped", "not a CSV file")
                )
                continue
            loaded = _load_file(path, relative, collection_year, result)
            if loaded is not None:
                spec, rows = loaded
                collected[spec.name].extend(
                    (line, values, relative, collection_year) for line, values in rows
                )
    if not any(f.status == "loaded" for f in result.files):
        raise CpwInputError("no SSDA903 table found in the input", file=input_dir)
    _write(result, collected)
    return result


def _write(result: LoadResult, collected: dict[str, list[tuple[int, list[str], str, int]]]) -> None:
    loaded_at = datetime.now().replace(microsecond=0)
    audit = pl.DataFrame(
        [f.__dict__ for f in result.files],
        schema={
            "source_file": pl.String,
            "table_name": pl.String,
            "collection_year": pl.Int16,
            "rows_in": pl.Int64,
            "rows_loaded": pl.Int64,
            "rows_quarantined": pl.Int64,
            "status": pl.String,
            "message": pl.String,
        },
    )
    quarantine = pl.DataFrame(
        [q.__dict__ for q in result.quarantine],
        schema={
            "source_file": pl.String,
            "table_name": pl.String,
            "collection_year": pl.Int16,
            "line_number": pl.Int32,
            "column_name": pl.String,
            "value": pl.String,
            "reason": pl.String,
            "raw_line": pl.String,
        },
    )
    with warehouse.staged_file(result.warehouse, start_from_live=False) as work:
        con = warehouse.connect(work)
        try:
            con.execute("create schema raw")
            for spec in TABLES:
                columns = ", ".join(f"{c.lower()} varchar" for c in spec.columns)
                lineage = ", ".join(f"{name} {kind}" for name, kind in LINEAGE_COLUMNS)
                con.execute(f"create table raw.{spec.name} ({columns}, {lineage})")
                con.register("frame", _frame(spec, collected[spec.name], loaded_at))
                con.execute(f"insert into raw.{spec.name} select * from frame")
                con.unregister("frame")
            con.register("audit_frame", audit)
            con.execute("create table raw.load_audit as select * from audit_frame")
            con.register("quarantine_frame", quarantine)
            con.execute("create table raw.quarantine as select * from quarantine_frame")
        finally:
            con.close()
