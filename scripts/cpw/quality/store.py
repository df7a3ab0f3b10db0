"""Warehouse I/O for the checks: guarded tables out to Parquet, results in atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from cpw import warehouse as wh
from cpw.errors import CpwInputError, CpwStepError
from cpw.quality.results import CheckReport
from cpw.quality.summaries import write_summaries
from cpw.quality.validation_errors import COUNTS_TABLE

RESULTS_TABLE = "quality.expectation_results"

_CREATE_RESULTS = f"""
create table if not exists {RESULTS_TABLE} (
    run_id varchar not null,
    run_at timestamp not null,
    suite_name varchar not null,
    table_name varchar not null,
    expectation_type varchar not null,
    column_name varchar,
    is_critical boolean not null,
    success boolean not null,
    element_count bigint,
    unexpected_count bigint,
    unexpected_examples varchar,
    rule varchar not null
)
"""
_CREATE_COUNTS = f"""
create table if not exists {COUNTS_TABLE} (
    run_id varchar not null,
    run_at timestamp not null,
    la_code varchar not null,
    collection_year integer not null,
    rule_code varchar not null,
    rule_message varchar,
    errors_count bigint not null,
    children_count bigint not null
)
"""
_RESULT_COLUMNS = (
    "run_id, run_at, suite_name, table_name, expectation_type, column_name, is_critical, "
    "success, element_count, unexpected_count, unexpected_examples, rule"
)


def open_warehouse(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse read-only after checking it holds a `raw` schema.

    Args:
        warehouse: the DuckDB file.

    Returns:
        A read-only connection; the caller closes it.

    Raises:
        CpwInputError: the file does not exist, is not a DuckDB database, or has no `raw` schema.
    """
    if not warehouse.is_file():
        raise CpwInputError("warehouse not found; run `cpw load` first", file=warehouse)
    try:
        con = wh.connect(warehouse, read_only=True)
    except duckdb.Error as err:
        raise CpwInputError(f"cannot open warehouse: {err}", file=warehouse) from err
    found = con.execute(
        "select count(*) from information_schema.schemata where schema_name = 'raw'"
    ).fetchone()
    if not found or found[0] == 0:
        con.close()
        raise CpwInputError("warehouse has no raw schema; run `cpw load` first", file=warehouse)
    return con


def table_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> dict[str, str]:
    """Column name to DuckDB type for a table, in table order; empty if there is no such table."""
    rows = con.execute(
        "select column_name, data_type from information_schema.columns"
        " where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    return {str(name): str(data_type) for name, data_type in rows}


def write_parquet(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    table: str,
    wanted: Sequence[str] | None,
    out: Path,
) -> int:
    """Write a table's checked columns to a Parquet file for GX, blank text as null.

    In the 903 a blank field means "not applicable / not known"; a loader may store it as an
    empty string, so text that is empty or only spaces becomes null here and null checks see it.
    DuckDB streams the copy, so the table is never held in Python memory here.

    Args:
        con: an open connection.
        schema: the table's schema.
        table: the table's name.
        wanted: the columns to write (those missing from the table are left out, so GX reports
            them); None writes every column.
        out: the Parquet file to write.

    Returns:
        The table's row count.
    """
    types = table_columns(con, schema, table)
    names = [name for name in (types if wanted is None else wanted) if name in types]
    # A file with no columns would lose the row count, so keep a marker column.
    select = ", ".join(_blank_as_null(name, types[name]) for name in names) or "1 as _cpw_row"
    query = f"select {select} from {_quote(schema)}.{_quote(table)}"
    copied = con.execute(f"copy ({query}) to {_literal(str(out))} (format parquet)").fetchone()
    return int(copied[0]) if copied else 0


def append_results(warehouse: Path, report: CheckReport) -> None:
    """Append a run's results to `quality.expectation_results`, atomically.

    The run's validation error counts, when there are any, go to
    `quality.validation_error_counts` in the same write.

    The rows are written to a copy of the warehouse that replaces the live file only when the
    write succeeded, so a failure leaves the warehouse byte for byte as it was. Earlier runs'
    rows are kept.

    Args:
        warehouse: the live DuckDB file.
        report: the run to record.

    Raises:
        CpwStepError: DuckDB could not write the results.
    """
    rows = [
        (
            report.run_id,
            report.run_at,
            result.suite_name,
            result.table_name,
            result.expectation_type,
            result.column_name,
            result.is_critical,
            result.success,
            result.element_count,
            result.unexpected_count,
            result.unexpected_examples,
            result.rule,
        )
        for result in report.results
    ]
    try:
        with wh.staged_file(warehouse, start_from_live=True) as work:
            con = wh.connect(work)
            try:
                con.execute("create schema if not exists quality")
                con.execute(_CREATE_RESULTS)
                if rows:
                    con.executemany(
                        f"insert into {RESULTS_TABLE} ({_RESULT_COLUMNS})"
                        " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        rows,
                    )
                if report.rule_counts is not None:
                    con.execute(_CREATE_COUNTS)
                if report.rule_counts:
                    con.executemany(
                        f"insert into {COUNTS_TABLE} values (?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            (
                                report.run_id,
                                report.run_at,
                                count.la_code,
                                count.collection_year,
                                count.rule_code,
                                count.rule_message,
                                count.errors_count,
                                count.children_count,
                            )
                            for count in report.rule_counts
                        ],
                    )
                write_summaries(con, report.run_id, report.run_at, report.rule_counts is not None)
                con.execute("checkpoint")
            finally:
                con.close()
    except duckdb.Error as err:
        raise CpwStepError(f"could not write {RESULTS_TABLE} in {warehouse}: {err}") from err


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _blank_as_null(name: str, data_type: str) -> str:
    column = _quote(name)
    if data_type.upper() != "VARCHAR":
        return column
    return f"case when trim({column}) = '' then null else {column} end as {column}"
