"""`cpw check` as one GX checkpoint: staging suites, Data Docs, validation error snapshots.

Real DuckDB files built in tmp_path and real Great Expectations runs. The staging table and
`marts.fct_validation_errors` are hand-made inputs (dbt builds them in the pipeline), so every
expected count below is worked out from the rows written here.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from test_quality import CLEAN, EXPECTATIONS, build_warehouse, find

from cpw.quality import run_checks
from cpw.quality.site_tables import DATA_TEAM_TABLES
from cpw.seedgen.staging_expectations import staging_tables
from cpw.warehouse import connect

EPISODE_COLUMNS = staging_tables()["episodes"]


def _episode_type(column: str) -> str:
    if column.endswith("_date"):
        return "date"
    return {"collection_year": "smallint", "source_line": "integer"}.get(column, "varchar")


def add_staged_episodes(path: Path, rows: list[dict[str, object]], **types: str) -> None:
    """A `staging.stg_ssda903__episodes` table with the model's columns (types overridable)."""
    con = connect(path)
    try:
        con.execute("create schema if not exists staging")
        ddl = ", ".join(f"{c} {types.get(c, _episode_type(c))}" for c in EPISODE_COLUMNS)
        con.execute(f"create table staging.stg_ssda903__episodes ({ddl})")
        for line, row in enumerate(rows, start=2):
            values = {
                "episode_row_id": f"2025:episodes.csv:{line}",
                "collection_year": 2025,
                "source_file": "episodes.csv",
                "source_line": line,
                **row,
            }
            con.execute(
                f"insert into staging.stg_ssda903__episodes ({', '.join(values)})"
                f" values ({', '.join('?' for _ in values)})",
                list(values.values()),
            )
    finally:
        con.close()


def add_validation_errors(path: Path, errors: list[tuple[str, str, str]]) -> None:
    """(Re)write `marts.fct_validation_errors` with (rule, child, table) rows."""
    con = connect(path)
    try:
        con.execute("create schema if not exists marts")
        con.execute(
            "create or replace table marts.fct_validation_errors (validation_error_id varchar,"
            " la_code varchar, collection_year integer, rule_code varchar, rule_message varchar,"
            " table_name varchar, child_id varchar, row_number integer, columns_affected varchar)"
        )
        for number, (rule, child, table) in enumerate(errors, start=1):
            con.execute(
                "insert into marts.fct_validation_errors values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [f"e{number}", "E06000015", 2025, rule, f"rule {rule}", table, child, number,
                 None],
            )  # fmt: skip
    finally:
        con.close()


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    con = connect(path, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_staging_suite_finds_order_range_and_key_problems(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "cpw.duckdb", CLEAN)
    add_staged_episodes(
        path,
        [
            # fine
            {"child_id": "C001", "episode_start_date": date(2024, 4, 1),
             "episode_end_date": date(2024, 6, 10)},
            # ends the day it starts (903 validator 355)
            {"child_id": "C001", "episode_start_date": date(2024, 6, 10),
             "episode_end_date": date(2024, 6, 10)},
            # 2024 typed as 1024: parses, but before 14/10/1991 (353); no end date
            {"child_id": "C002", "episode_start_date": date(1024, 9, 20)},
            # same child and start as the first row: a duplicate once dates are parsed
            {"child_id": "C001", "episode_start_date": date(2024, 4, 1),
             "episode_end_date": date(2024, 5, 1)},
        ],
    )  # fmt: skip
    report = run_checks(path, EXPECTATIONS)
    suite = "stg_ssda903__episodes"
    order = find(report, suite, "expect_column_pair_values_a_to_be_greater_than_b",
                 "episode_end_date, episode_start_date")  # fmt: skip
    # row 2 only; row 3 has no end date and is skipped, so 3 rows are compared
    assert (order.success, order.unexpected_count) == (False, 1)
    start = find(report, suite, "expect_column_values_to_be_between", "episode_start_date")
    assert (start.success, start.unexpected_count, start.is_critical) == (False, 1, False)
    key = find(report, suite, "expect_compound_columns_to_be_unique",
               "child_id, episode_start_date, collection_year")  # fmt: skip
    assert (key.success, key.unexpected_count) == (False, 2)  # both rows of the pair
    failed = {r.expectation_type for r in report.failures if r.suite_name == suite}
    assert failed == {
        "expect_column_pair_values_a_to_be_greater_than_b",
        "expect_column_values_to_be_between",
        "expect_compound_columns_to_be_unique",
    }
    assert report.critical_failures == 0
    # the 12 raw suites skip the tables CLEAN lacks; staging ran for episodes only
    assert "stg_ssda903__episodes" not in report.skipped_suites
    assert "stg_ssda903__header" in report.skipped_suites


def test_a_wrongly_typed_staging_column_is_critical(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "cpw.duckdb", CLEAN)
    add_staged_episodes(
        path,
        [{"child_id": "C001", "episode_start_date": "01/04/2024"}],
        episode_start_date="varchar",
    )
    report = run_checks(path, EXPECTATIONS)
    typed = find(report, "stg_ssda903__episodes", "expect_column_values_to_be_of_type",
                 "episode_start_date")  # fmt: skip
    assert (typed.success, typed.is_critical) == (False, True)
    assert report.critical_failures >= 1


def test_data_docs_are_built_offline(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "cpw.duckdb", CLEAN)
    docs = tmp_path / "site" / "data-docs"
    report = run_checks(path, EXPECTATIONS, docs)
    assert report.docs_index == docs / "index.html"
    index = (docs / "index.html").read_text(encoding="utf-8")
    for suite in ("raw_header", "raw_episodes", "raw_reviews"):
        (result,) = (docs / "validations" / suite).rglob("*.html")
        assert f'href="{result.relative_to(docs).as_posix()}"' in index, suite
        assert f'href="expectations/{suite}.html"' in index, suite
        assert suite in result.read_text(encoding="utf-8")
    # CLEAN passes; the other raw tables and every staging model are absent
    assert "raw_header</a></td><td>pass</td>" in index
    assert re.search(r"stg_ssda903__episodes(</a>)?</td><td>skipped</td>", index)
    for page in docs.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html.lower(), page
        assert not re.search(r"<(link|img)[^>]*(href|src)=[\"']?(https?:)?//", html, re.I), page
    assert set(report.timings) == {
        "prepare", "export", "validate_and_render_docs", "store", "publish_docs"
    }  # fmt: skip
    # a second run replaces the folder: one validation page per suite per run, no leftovers
    run_checks(path, EXPECTATIONS, docs)
    assert len(list((docs / "validations" / "raw_header").rglob("*.html"))) == 1


def test_without_validation_results_the_report_says_so(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "cpw.duckdb", CLEAN)
    report = run_checks(path, EXPECTATIONS)
    assert report.rule_counts is None
    assert report.validation_lines() == [
        "validation errors: no validation results: run `cpw build`"
    ]
    tables = {row[0] for row in query(path, "select table_name from duckdb_tables()"
                                            " where schema_name = 'quality'")}  # fmt: skip
    assert "validation_error_counts" not in tables
    assert {"expectation_results", "expectation_suite_results", "quarantine_counts"} <= tables


def test_validation_errors_are_counted_per_run_with_change(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "cpw.duckdb", CLEAN)
    # first load: 103 for C1 and C2, 355 for C1
    add_validation_errors(path, [("103", "C1", "header"), ("103", "C2", "header"),
                                 ("355", "C1", "episodes")])  # fmt: skip
    first = run_checks(path, EXPECTATIONS)
    assert first.validation_lines() == [
        "validation errors: 3 errors of 2 rules; most frequent:",
        "       103        2  rule 103",
        "       355        1  rule 355",
    ]
    # second load: 103 for C1 twice (two rows) and C3; 355 fixed; 611 new for C3
    add_validation_errors(path, [("103", "C1", "header"), ("103", "C1", "header"),
                                 ("103", "C3", "header"), ("611", "C3", "header")])  # fmt: skip
    run_checks(path, EXPECTATIONS)
    counts = query(
        path,
        "select rule_code, errors_count, children_count from quality.validation_error_counts"
        " order by run_at, rule_code",
    )
    assert counts == [("103", 2, 2), ("355", 1, 1), ("103", 3, 2), ("611", 1, 1)]
    changes = query(
        path,
        "select rule_code, errors_count, children_count, previous_errors_count, errors_change"
        " from quality.validation_error_changes order by rule_code",
    )
    # 103: 3 now (C1 twice, C3 once: 2 children), 2 before, +1; 355: 0 now, 1 before, -1;
    # 611: 1 now, none before, +1
    assert changes == [("103", 3, 2, 2, 1), ("355", 0, 0, 1, -1), ("611", 1, 1, 0, 1)]


def test_a_return_without_validation_errors_says_so(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "cpw.duckdb", CLEAN)
    add_validation_errors(path, [])
    report = run_checks(path, EXPECTATIONS)
    assert report.rule_counts == ()
    assert report.validation_lines() == ["validation errors: none, every rule held"]


def test_first_run_has_no_previous_to_compare(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "cpw.duckdb", CLEAN)
    add_validation_errors(path, [("103", "C1", "header")])
    run_checks(path, EXPECTATIONS)
    assert query(
        path, "select rule_code, errors_count, previous_errors_count, errors_change"
              " from quality.validation_error_changes"
    ) == [("103", 1, None, None)]  # fmt: skip


def test_suite_summary_rows_add_up(tmp_path: Path) -> None:
    tables = {name: [dict(row) for row in rows] for name, rows in CLEAN.items()}
    tables["episodes"][1]["rne"] = "Q"  # one warning in raw_episodes
    path = build_warehouse(tmp_path / "cpw.duckdb", tables)
    report = run_checks(path, EXPECTATIONS)
    rows = query(
        path,
        "select suite_name, expectations_count, passed_count, failed_count,"
        " critical_failed_count from quality.expectation_suite_results order by suite_name",
    )
    expected = []
    for suite in ("raw_episodes", "raw_header", "raw_reviews"):
        mine = [r for r in report.results if r.suite_name == suite]
        failed = sum(not r.success for r in mine)
        expected.append((suite, len(mine), len(mine) - failed, failed, 0))
    assert rows == expected
    assert rows[0][3] == 1


def test_published_table_columns_match_what_check_writes(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "cpw.duckdb", CLEAN)
    add_validation_errors(path, [("103", "C1", "header")])
    con = connect(path)
    try:  # a load's quarantine table, so its counts are written too
        con.execute(
            "create table raw.quarantine (source_file varchar, table_name varchar,"
            " collection_year smallint, line_number integer, column_name varchar,"
            " value varchar, reason varchar, disposition varchar, raw_line varchar)"
        )
        con.execute(
            "insert into raw.quarantine values ('reviews.csv', 'reviews', 2025, 9, 'REVIEW',"
            " 'x', 'duplicate key: same CHILD,REVIEW as line 3 of reviews.csv', 'rejected', '')"
        )
    finally:
        con.close()
    run_checks(path, EXPECTATIONS)
    run_checks(path, EXPECTATIONS)
    for table, (schema, ddl) in DATA_TEAM_TABLES.items():
        if table == "mart_data_team_load_audit":
            continue  # built by dbt; checked against the demo warehouse below
        columns = query(
            path,
            "select column_name, data_type from information_schema.columns"
            f" where table_schema = '{schema}' and table_name = '{table}'"
            " order by ordinal_position",
        )
        declared = [tuple(part.strip().split()) for part in ddl.split(",")]
        assert [(str(n), str(t).lower()) for n, t in columns] == declared, table
    assert query(path, "select reason, rows_count from quality.quarantine_counts") == [
        ("duplicate key: same CHILD,REVIEW", 1),
        ("duplicate key: same CHILD,REVIEW", 1),
    ]


@pytest.mark.slow
def test_demo_council_passes_every_suite_and_staging_matches_the_models(
    built_warehouse: Path,
) -> None:
    rows = query(
        built_warehouse,
        "select suite_name, count(*), count(*) filter (where not success)"
        " from quality.expectation_results group by suite_name order by suite_name",
    )
    assert len(rows) == 25  # 12 raw + 13 staging, every table present in the demo
    assert [row for row in rows if row[2] != 0] == []
    for table, columns in staging_tables().items():
        built = query(
            built_warehouse,
            "select column_name from information_schema.columns where table_schema = 'staging'"
            f" and table_name = 'stg_ssda903__{table}' order by ordinal_position",
        )
        assert [row[0] for row in built] == columns, table
    audit = query(
        built_warehouse,
        "select column_name, data_type from information_schema.columns"
        " where table_schema = 'marts' and table_name = 'mart_data_team_load_audit'"
        " order by ordinal_position",
    )
    _, ddl = DATA_TEAM_TABLES["mart_data_team_load_audit"]
    assert [(str(n), str(t).lower()) for n, t in audit] == [
        tuple(part.strip().split()) for part in ddl.split(",")
    ]


def test_cli_prints_ge_results_validation_rules_and_exits_by_criticality(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cpw.cli import app

    path = build_warehouse(tmp_path / "cpw.duckdb", CLEAN)
    add_validation_errors(path, [("103", "C1", "header"), ("103", "C2", "header")])
    docs = tmp_path / "docs"
    outcome = CliRunner().invoke(app, ["check", "-w", str(path), "--docs-dir", str(docs)])
    assert outcome.exit_code == 0, outcome.output
    lines = outcome.output.splitlines()
    assert "suite pass: raw_header: 14/14 expectations passed" in lines
    assert "validation errors: 2 errors of 1 rules; most frequent:" in lines
    assert "       103        2  rule 103" in lines
    assert f"data docs: {docs / 'index.html'}" in lines
    assert any(line.startswith("check times: prepare") for line in lines)

    tables = {name: [dict(row) for row in rows] for name, rows in CLEAN.items()}
    tables["header"][0]["child"] = None  # critical: CHILD is the key
    bad = build_warehouse(tmp_path / "bad" / "cpw.duckdb", tables)
    outcome = CliRunner().invoke(app, ["check", "-w", str(bad), "--no-docs"])
    assert outcome.exit_code == 1
    assert "suite FAIL: raw_header: 13/14 expectations passed, 1 critical failed" in outcome.output
    assert "no validation results: run `cpw build`" in outcome.output
