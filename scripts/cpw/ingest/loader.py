"""`cpw load`: read every 903 file (CSV or XML) of every collection year into a new warehouse.

Every value is kept as text exactly as read; typing happens in dbt staging. Rows are checked in
DuckDB (cpw.ingest.validate): a row with a bad key is quarantined, any other problem is loaded
and flagged, and both are recorded with file, line, column, value and reason. For every file,
rows in = rows loaded + rows quarantined. The new warehouse is built beside the live one and
replaces it only when the whole load has finished.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from cpw import warehouse
from cpw.errors import CpwInputError
from cpw.ingest.csv_reader import CsvContent, read_csv
from cpw.ingest.local_tables import LOCAL_SCHEMA, LOCAL_TABLES, LOCAL_TABLES_BY_NAME
from cpw.ingest.tables import LINEAGE_COLUMNS, TABLES, TableSpec, normalise_header, recognise
from cpw.ingest.validate import REJECTED, issues_sql
from cpw.ingest.xml_reader import read_xml

LOCAL_FOLDER = "local"  # local extracts sit in this sub-folder of each collection year
YEAR_FOLDER = re.compile(r"^(?P<start>\d{4})-(?P<end>\d{2})$")


@dataclass
class FileAudit:
    """What happened to one input file (one line per table an XML file feeds)."""

    source_file: str
    table_name: str | None
    collection_year: int | None
    rows_in: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_flagged: int = 0
    status: str = "loaded"
    message: str = ""


@dataclass
class LoadResult:
    """The outcome of a load: the warehouse written, an audit line per file, the issues found."""

    warehouse: Path
    files: list[FileAudit] = field(default_factory=list)
    issues: list[dict[str, object]] = field(default_factory=list)

    def rows_loaded(self, table: str) -> int:
        """Rows loaded into one raw table across all files."""
        return sum(f.rows_loaded for f in self.files if f.table_name == table)

    def totals(self) -> dict[str, tuple[int, int, int, int]]:
        """Per table: rows in, loaded, quarantined, flagged."""
        out: dict[str, tuple[int, int, int, int]] = {}
        for audit in self.files:
            if audit.table_name is None:
                continue
            rows_in, loaded, quarantined, flagged = out.get(audit.table_name, (0, 0, 0, 0))
            out[audit.table_name] = (
                rows_in + audit.rows_in,
                loaded + audit.rows_loaded,
                quarantined + audit.rows_quarantined,
                flagged + audit.rows_flagged,
            )
        return out


@dataclass
class _Batch:
    """Rows of one table from one file.

    The frame holds the table's columns in lower case, `_extra_columns` and `_source_line`.
    """

    spec: TableSpec
    audit: FileAudit
    frame: pl.DataFrame


def parse_year_label(label: str) -> int | None:
    """Turn `2024-25` (or `2025`) into the year the collection ends, 2025; None if not a year."""
    match = YEAR_FOLDER.match(label)
    if match:
        start, end = int(match["start"]), int(match["end"])
        return start + 1 if (start + 1) % 100 == end else None
    if re.fullmatch(r"(19|20)\d{2}", label):
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
    found = [(parse_year_label(p.name), p) for p in sorted(input_dir.iterdir()) if p.is_dir()]
    years = sorted((y, p) for y, p in found if y is not None)
    if years:
        return years
    own_year = parse_year_label(input_dir.name)
    if own_year is not None:
        return [(own_year, input_dir)]
    raise CpwInputError(
        "cannot tell the collection year: name sub-folders like 2024-25, or give --year 2024-25",
        file=input_dir,
    )


def _csv_batches(path: Path, relative: str, year: int, result: LoadResult) -> list[_Batch]:
    try:
        content = read_csv(path)
    except CpwInputError as err:
        result.files.append(FileAudit(relative, None, year, status="error", message=str(err)))
        return []
    recognition = recognise(content.header)
    if recognition is None:
        found = content.rows.height + len(content.ragged)
        result.files.append(
            FileAudit(
                relative,
                None,
                year,
                status="skipped",
                message=f"columns match no SSDA903 table ({found} data rows not read): "
                + ",".join(content.header),
            )
        )
        return []
    names = normalise_header(content.header)
    return [_content_batch(content, recognition.spec, names, relative, year, result)]


def _local_csv_batches(path: Path, relative: str, year: int, result: LoadResult) -> list[_Batch]:
    """A local extract is known by its file name (the SSD table name), not its columns."""
    spec = LOCAL_TABLES_BY_NAME.get(path.stem.strip().lower())
    if spec is None:
        result.files.append(
            FileAudit(
                relative,
                None,
                year,
                status="skipped",
                message="not a local extract named in docs/local_extracts.md",
            )
        )
        return []
    try:
        content = read_csv(path)
    except CpwInputError as err:
        result.files.append(FileAudit(relative, None, year, status="error", message=str(err)))
        return []
    names = [name.strip().lstrip("\ufeff").lower() for name in content.header]
    return [_content_batch(content, spec, names, relative, year, result)]


def _content_batch(
    content: CsvContent,
    spec: TableSpec,
    names: list[str],
    relative: str,
    year: int,
    result: LoadResult,
) -> _Batch:
    """One file's rows as the table's columns; ragged rows go straight to quarantine.

    `names` is the header normalised to the case of the spec's column names.
    """
    notes = [f"read as {content.encoding}"]
    extra_names = [n for n in names if n not in spec.column_set]
    missing = [c for c in spec.column_names if c not in names]
    if extra_names:
        notes.append("extra columns kept in _extra_columns: " + ",".join(extra_names))
    if missing:
        notes.append("missing columns loaded as blank: " + ",".join(missing))
    audit = FileAudit(
        relative,
        spec.name,
        year,
        content.rows.height + len(content.ragged),
        message="; ".join(notes),
    )
    result.files.append(audit)
    columns = [
        pl.col(f"f{names.index(c)}").alias(c.lower())
        if c in names
        else pl.lit(None, dtype=pl.String).alias(c.lower())
        for c in spec.column_names
    ]
    extras = [pl.col(f"f{i}").alias(n) for i, n in enumerate(names) if n not in spec.column_set]
    extra = (
        pl.struct(extras).struct.json_encode() if extras else pl.lit(None, dtype=pl.String)
    ).alias("_extra_columns")
    frame = content.rows.select(*columns, extra, pl.col("_source_line"))
    for line, text, found in content.ragged:
        audit.rows_quarantined += 1
        result.issues.append(
            {
                "source_file": relative,
                "table_name": spec.name,
                "collection_year": year,
                "line_number": line,
                "column_name": None,
                "value": None,
                "reason": f"expected {len(names)} fields, found {found}",
                "disposition": REJECTED,
                "raw_line": text,
            }
        )
    return _Batch(spec, audit, frame)


def _xml_batches(path: Path, relative: str, year: int, result: LoadResult) -> list[_Batch]:
    try:
        parsed = read_xml(path)
    except CpwInputError as err:
        result.files.append(
            FileAudit(
                relative,
                None,
                year,
                status="error",
                message=f"nothing loaded from this file: {err}",
            )
        )
        return []
    batches = []
    for spec in TABLES:
        rows = parsed.tables.get(spec.name, [])
        if not rows:
            continue
        audit = FileAudit(relative, spec.name, year, len(rows), message="read as XML")
        result.files.append(audit)
        data: dict[str, list[str | None]] = {
            c.lower(): [values.get(c) for _, values, _ in rows] for c in spec.column_names
        }
        data["_extra_columns"] = [extra for _, _, extra in rows]
        frame = pl.DataFrame(data, schema={name: pl.String for name in data}).with_columns(
            pl.Series("_source_line", [line for line, _, _ in rows], dtype=pl.Int32)
        )
        batches.append(_Batch(spec, audit, frame))
    return batches


def _read_folder(input_dir: Path, year: str | None, result: LoadResult) -> list[_Batch]:
    batches: list[_Batch] = []
    for collection_year, folder in find_year_folders(input_dir, year):
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            if path.name.startswith("."):
                continue
            relative = str(path.relative_to(input_dir))
            suffix = path.suffix.lower()
            if suffix == ".csv":
                batches += _csv_batches(path, relative, collection_year, result)
            elif suffix == ".xml":
                batches += _xml_batches(path, relative, collection_year, result)
            else:
                result.files.append(
                    FileAudit(
                        relative,
                        None,
                        collection_year,
                        status="skipped",
                        message="not a CSV or XML file",
                    )
                )
        batches += _read_local(input_dir, folder / LOCAL_FOLDER, collection_year, result)
    return batches


def _read_local(input_dir: Path, folder: Path, year: int, result: LoadResult) -> list[_Batch]:
    """The year's local extracts, if the council sends any (a 903-only council has none)."""
    if not folder.is_dir():
        return []
    batches: list[_Batch] = []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        if path.name.startswith("."):
            continue
        relative = str(path.relative_to(input_dir))
        if path.suffix.lower() == ".csv":
            batches += _local_csv_batches(path, relative, year, result)
        else:
            result.files.append(
                FileAudit(relative, None, year, status="skipped", message="not a CSV file")
            )
    return batches


def _frame(batches: list[_Batch], loaded_at: datetime) -> pl.DataFrame:
    return pl.concat(
        [
            batch.frame.with_columns(
                pl.lit(batch.audit.collection_year, dtype=pl.Int16).alias("_collection_year"),
                pl.lit(batch.audit.source_file, dtype=pl.String).alias("_source_file"),
            )
            for batch in batches
        ]
    ).select(
        *[pl.col(c.lower()) for c in batches[0].spec.column_names],
        "_extra_columns",
        "_collection_year",
        "_source_file",
        pl.col("_source_line").cast(pl.Int32),
        pl.lit(loaded_at, dtype=pl.Datetime("us")).alias("_loaded_at"),
    )


def load_folder(input_dir: Path, warehouse_path: Path, year: str | None = None) -> LoadResult:
    """Load every 903 CSV or XML under `input_dir` into a new warehouse at `warehouse_path`."""
    result = LoadResult(warehouse=warehouse_path)
    batches = _read_folder(input_dir, year, result)
    if not any(batch.spec.schema == "raw" for batch in batches):
        raise CpwInputError("no SSDA903 table found in the input", file=input_dir)
    loaded_at = datetime.now().replace(microsecond=0)
    with warehouse.staged_file(warehouse_path, start_from_live=False) as work:
        con = warehouse.connect(work)
        try:
            with tempfile.TemporaryDirectory(dir=work.parent, prefix=".cpw-load-") as handoff:
                _write(con, batches, result, loaded_at, Path(handoff))
        finally:
            con.close()
    return result


ISSUE_FIELDS = (
    "source_file",
    "table_name",
    "collection_year",
    "line_number",
    "column_name",
    "value",
    "reason",
    "disposition",
    "raw_line",
)
AUDIT_TABLE = """
    create table raw.load_audit (source_file varchar, table_name varchar, collection_year smallint,
        rows_in bigint, rows_loaded bigint, rows_quarantined bigint, rows_flagged bigint,
        status varchar, message varchar)"""
QUARANTINE_TABLE = """
    create table raw.quarantine (source_file varchar, table_name varchar, collection_year smallint,
        line_number integer, column_name varchar, value varchar, reason varchar,
        disposition varchar, raw_line varchar)"""


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, handoff: Path) -> None:
    """Append a frame to a table through a Parquet file.

    DuckDB reads Parquet natively; a registered frame goes through pyarrow instead, whose first
    use costs half a second of imports.
    """
    path = handoff / f"{table}.parquet"
    frame.write_parquet(path, compression="uncompressed")
    con.execute(f"insert into {table} select * from read_parquet('{path}')")
    path.unlink()


def _record_issues(
    con: duckdb.DuckDBPyConnection,
    spec: TableSpec,
    result: LoadResult,
    audits: dict[tuple[str, str], FileAudit],
) -> None:
    """Count rejected and flagged rows per file, and keep every issue with its row's text."""
    counts = con.execute(f"""
        select _source_file,
            count(*) filter (where is_rejected),
            count(*) filter (where not is_rejected)
        from (
            select _source_file, _source_line, bool_or(disposition = '{REJECTED}') as is_rejected
            from issues group by _source_file, _source_line
        )
        group by _source_file""").fetchall()
    for source_file, rejected, flagged in counts:
        audit = audits[(source_file, spec.name)]
        audit.rows_quarantined += rejected
        audit.rows_flagged += flagged
    names = ", ".join(spec.column_names).lower()
    rows = con.execute(f"""
        select issues._source_file, '{spec.name}', loaded._collection_year,
            issues._source_line, issues.column_name, issues.value, issues.reason,
            issues.disposition, concat_ws(',', {names})
        from issues
        inner join {spec.raw_table} as loaded using (_source_file, _source_line)
        order by 1, 4, 5""").fetchall()
    result.issues += [dict(zip(ISSUE_FIELDS, row, strict=True)) for row in rows]


def _load_table(
    con: duckdb.DuckDBPyConnection,
    spec: TableSpec,
    batches: list[_Batch],
    result: LoadResult,
    loaded_at: datetime,
    handoff: Path,
) -> None:
    """Write one table's rows once, check them where they lie, then delete the rejected few."""
    _insert(con, spec.raw_table, _frame(batches, loaded_at), handoff)
    con.execute(f"create temp table issues as {issues_sql(spec, spec.raw_table)}")
    _record_issues(con, spec, result, {(b.audit.source_file, spec.name): b.audit for b in batches})
    con.execute(f"""
        delete from {spec.raw_table}
        where (_source_file, _source_line) in (
            select (_source_file, _source_line) from issues where disposition = '{REJECTED}')""")
    con.execute("drop table issues")


def _write(
    con: duckdb.DuckDBPyConnection,
    batches: list[_Batch],
    result: LoadResult,
    loaded_at: datetime,
    handoff: Path,
) -> None:
    # raw rows carry their file and line, and everything that reads them orders explicitly, so
    # DuckDB may write them in parallel (1,000,000 episodes: 1.3 s instead of 3.0 s)
    con.execute("set preserve_insertion_order = false")
    con.execute("create schema raw")
    con.execute(f"create schema {LOCAL_SCHEMA}")
    # every table exists even when no file fed it, so dbt's sources always resolve
    for spec in (*TABLES, *LOCAL_TABLES):
        columns = ", ".join(f"{c.lower()} varchar" for c in spec.column_names)
        lineage = ", ".join(f"{name} {kind}" for name, kind in LINEAGE_COLUMNS)
        con.execute(f"create table {spec.raw_table} ({columns}, {lineage})")
        mine = [b for b in batches if b.spec is spec]
        if mine:
            _load_table(con, spec, mine, result, loaded_at, handoff)
    for audit in result.files:
        if audit.status == "loaded":
            audit.rows_loaded = audit.rows_in - audit.rows_quarantined
    con.execute(AUDIT_TABLE)
    con.execute(QUARANTINE_TABLE)
    if result.files:
        _insert(con, "raw.load_audit", pl.DataFrame([asdict(a) for a in result.files]), handoff)
    if result.issues:
        issues = pl.DataFrame(result.issues, infer_schema_length=None)
        _insert(con, "raw.quarantine", issues, handoff)
