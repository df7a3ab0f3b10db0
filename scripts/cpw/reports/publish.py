"""Copy the marts the Evidence site reads into a small DuckDB file of their own.

Only marts reach the site: the publish file never holds raw, staging or intermediate tables, so
the Evidence source connector cannot see anything a page was not meant to show.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import duckdb

from cpw import settings
from cpw.errors import CpwInputError, CpwStepError
from cpw.quality.site_tables import DATA_TEAM_TABLES
from cpw.warehouse import connect

# Marts every page build needs, read from the warehouse's `marts` schema.
SITE_MARTS: tuple[str, ...] = (
    "mart_board_scorecard",
    "mart_iro_review_timeliness",
    "mart_measure_values",
)
# Copied when the warehouse has it (a dbt seed, so it may sit in `seeds` rather than `marts`).
OPTIONAL_TABLE = "measure_catalogue"
OPTIONAL_SCHEMAS: tuple[str, ...] = ("marts", "seeds")
_SOURCE_ALIAS = "cpw_warehouse"


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _tables_by_schema(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    rows = con.execute(
        "select table_schema, table_name from information_schema.tables where table_catalog = ?",
        [_SOURCE_ALIAS],
    ).fetchall()
    return {(str(schema), str(name)) for schema, name in rows}


def _plan(available: set[tuple[str, str]], warehouse_path: Path) -> dict[str, str]:
    """Map each table to publish to the schema it is copied from; fail on a missing mart."""
    missing = [mart for mart in SITE_MARTS if ("marts", mart) not in available]
    if missing:
        raise CpwInputError(
            f"the warehouse has no marts.{', marts.'.join(missing)}; run `cpw build` first",
            file=warehouse_path,
        )
    plan = {mart: "marts" for mart in SITE_MARTS}
    for schema in OPTIONAL_SCHEMAS:
        if (schema, OPTIONAL_TABLE) in available:
            plan[OPTIONAL_TABLE] = schema
            break
    return plan


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


def _copy(warehouse_path: Path, work: Path) -> dict[str, int]:
    con = connect(work)
    try:
        con.execute(f"attach {_literal(str(warehouse_path))} as {_SOURCE_ALIAS} (read_only)")
        available = _tables_by_schema(con)
        plan = _plan(available, warehouse_path)
        counts: dict[str, int] = {}
        for table, schema in plan.items():
            source = f"{_SOURCE_ALIAS}.{_quote(schema)}.{_quote(table)}"
            con.execute(f"create table main.{_quote(table)} as select * from {source}")
            row = con.execute(f"select count(*) from main.{_quote(table)}").fetchone()
            counts[table] = int(row[0]) if row else 0
        # The data-quality page's tables: copied when there, else empty (see site_tables).
        for table, (schema, columns) in DATA_TEAM_TABLES.items():
            if (schema, table) in available:
                source = f"{_SOURCE_ALIAS}.{_quote(schema)}.{_quote(table)}"
                con.execute(f"create table main.{_quote(table)} as select * from {source}")
            else:
                con.execute(f"create table main.{_quote(table)} ({columns})")
            row = con.execute(f"select count(*) from main.{_quote(table)}").fetchone()
            counts[table] = int(row[0]) if row else 0
            if counts[table] == 0:
                # `evidence build` crashes on a source with no rows (evidence-dev/evidence#2466):
                # one all-null row stands in, and the page skips rows whose key is null.
                con.execute(f"insert into main.{_quote(table)} default values")
        con.execute(f"detach {_SOURCE_ALIAS}")
        con.execute("checkpoint")
    finally:
        con.close()
    return counts


def publish(warehouse: Path, target: Path = settings.REPORTS_SOURCE_DB) -> dict[str, int]:
    """Write a fresh publish file holding copies of the marts the site reads.

    The file is built beside `target` under a temporary name and renamed over it only when every
    table was copied, so Evidence never reads a half-written file.

    Args:
        warehouse: the warehouse DuckDB file; attached read-only, never changed.
        target: the publish file Evidence's `cpw` source reads.

    Returns:
        Row count per published table, in publish order.

    Raises:
        CpwInputError: the warehouse file is missing or lacks one of the marts.
        CpwStepError: DuckDB could not read the warehouse (e.g. locked by a running build) or
            write the publish file; the previous publish file is left as it was.
    """
    if not warehouse.is_file():
        raise CpwInputError("warehouse file not found; run `cpw build` first", file=warehouse)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = target.with_name(f".{target.name}.{os.getpid()}.work")
    _remove(work)
    try:
        counts = _copy(warehouse.resolve(), work)
    except duckdb.Error as err:
        _remove(work)
        raise CpwStepError(f"publishing the marts from {warehouse} failed: {err}") from err
    except BaseException:
        _remove(work)
        raise
    # A stale WAL beside the target would be replayed into the new file: drop it first.
    _remove(target.with_name(target.name + ".wal"))
    os.replace(work, target)
    return counts
