"""Copy the marts the Evidence site reads into a small DuckDB file of their own.

Only marts, the few seeds the pages name, the Great Expectations results and the file-level load
history reach the site: the publish file never holds raw (other than the load audit), staging
or intermediate tables, so the Evidence source connector cannot see rows no page was meant for.
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

# Marts the pages read: publishing fails without them. Every other table of the `marts`
# schema is copied too, so a new mart is on the site as soon as a page asks for it.
SITE_MARTS: tuple[str, ...] = (
    "mart_board_scorecard",
    "mart_board_framework",
    "mart_iro_review_timeliness",
    "mart_iro_child_timeline",
    "mart_measure_values",
    "mart_ofsted_annex_a_list_8",
    "mart_ofsted_annex_a_list_9",
    "mart_ofsted_annex_a_list_10",
    "fct_child_measure",
)
MARTS_SCHEMA = "marts"
# dbt seeds the pages read (names, targets, themes): copied from wherever dbt put them.
SITE_SEEDS: tuple[str, ...] = (
    "measure_catalogue",
    "corporate_parenting_principles",
    "corporate_parenting_outcomes",
    "board_targets",
    "report_themes",
)
SEED_SCHEMAS: tuple[str, ...] = ("seeds", "marts")
# Great Expectations results, when `cpw check` has run: copied into a `quality` schema of the
# publish file, with a same-named view in `main` unless a mart already has the name.
QUALITY_SCHEMA = "quality"
# The load history: the loader's audit table, one row per file (counts and status, no child data).
LOAD_HISTORY = ("raw", "load_audit", "load_history")
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


PublishPlan = list[tuple[str, str, str, str]]  # source schema, source table, target schema, name


def _plan(available: set[tuple[str, str]], warehouse_path: Path) -> PublishPlan:
    """List every table to copy (source and target); fail when a mart a page reads is missing."""
    missing = [mart for mart in SITE_MARTS if (MARTS_SCHEMA, mart) not in available]
    if missing:
        raise CpwInputError(
            f"the warehouse has no marts.{', marts.'.join(missing)}; run `cpw build` first",
            file=warehouse_path,
        )
    marts = sorted(name for schema, name in available if schema == MARTS_SCHEMA)
    plan: PublishPlan = [(MARTS_SCHEMA, name, "main", name) for name in marts]
    taken = set(marts)
    for seed in SITE_SEEDS:
        schema = next((s for s in SEED_SCHEMAS if (s, seed) in available), None)
        if schema is None:
            raise CpwInputError(
                f"the warehouse has no seed {seed}; run `cpw build` first", file=warehouse_path
            )
        if seed not in taken:
            plan.append((schema, seed, "main", seed))
            taken.add(seed)
    plan += [
        (QUALITY_SCHEMA, name, QUALITY_SCHEMA, name)
        for schema, name in sorted(available)
        if schema == QUALITY_SCHEMA
    ]
    source_schema, source_table, target_name = LOAD_HISTORY
    if (source_schema, source_table) in available:
        plan.append((source_schema, source_table, "main", target_name))
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
        main_names = {name for _, _, schema, name in plan if schema == "main"}
        # where each name the pages read lives in the publish file (a view in main points there)
        written: dict[str, str] = {}
        for source_schema, source_table, schema, name in plan:
            source = f"{_SOURCE_ALIAS}.{_quote(source_schema)}.{_quote(source_table)}"
            target = f"{_quote(schema)}.{_quote(name)}"
            con.execute(f"create schema if not exists {_quote(schema)}")
            con.execute(f"create table {target} as select * from {source}")
            if schema == "main":
                written[name] = target
            elif name not in main_names:
                con.execute(f"create view main.{_quote(name)} as select * from {target}")
                main_names.add(name)
                written[name] = target
            row = con.execute(f"select count(*) from {target}").fetchone()
            counts[name if schema == "main" else f"{schema}.{name}"] = int(row[0]) if row else 0
        # The data-quality page's tables: copied above when there, else created empty (see
        # site_tables).
        for table, (_, columns) in DATA_TEAM_TABLES.items():
            if table not in written:
                con.execute(f"create table main.{_quote(table)} ({columns})")
                written[table] = f"main.{_quote(table)}"
            row = con.execute(f"select count(*) from {written[table]}").fetchone()
            counts[table] = int(row[0]) if row else 0
            if counts[table] == 0:
                # `evidence build` crashes on a source with no rows (evidence-dev/evidence#2466):
                # one all-null row stands in, and the page skips rows whose key is null.
                con.execute(f"insert into {written[table]} default values")
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
