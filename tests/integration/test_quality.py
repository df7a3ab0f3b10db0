"""`cpw check`: real DuckDB warehouses built in tmp_path, real Great Expectations runs."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import great_expectations as gx
import pytest

from cpw.errors import CpwInputError, CpwStepError
from cpw.quality import CheckReport, ExpectationResult, run_checks
from cpw.warehouse import connect

REPO = Path(__file__).resolve().parents[2]
EXPECTATIONS = REPO / "expectations"

COLUMNS = {
    "header": ["child", "sex", "dob", "ethnic", "upn", "mother", "mc_dob"],
    "episodes": (
        "child decom rne ls cin place place_provider dec rec reason_place_change home_post "
        "pl_post urn"
    ).split(),
    "reviews": ["child", "dob", "review", "review_code"],
}

CLEAN: dict[str, list[dict[str, str | None]]] = {
    "header": [
        {"child": "C001", "sex": "M", "dob": "03/05/2012", "ethnic": "WBRI", "upn": "A123456789012",
         "mother": None, "mc_dob": None},
        {"child": "C002", "sex": "F", "dob": "15/11/2008", "ethnic": "BAFR", "upn": "UN2",
         "mother": "1", "mc_dob": "01/02/2024"},
        {"child": "C003", "sex": "U", "dob": "28/02/2020", "ethnic": "NOBT", "upn": "UN1",
         "mother": "", "mc_dob": ""},
    ],
    "episodes": [
        {"child": "C001", "decom": "01/04/2024", "rne": "S", "ls": "C2", "cin": "N1",
         "place": "U4", "place_provider": "PR1", "dec": "10/06/2024", "rec": "X1",
         "reason_place_change": "CARPL", "home_post": "AB1 2CD", "pl_post": "EF3 4GH",
         "urn": "SC123456"},
        {"child": "C001", "decom": "10/06/2024", "rne": "P", "ls": "C2", "cin": "N1",
         "place": "K2", "place_provider": "PR4", "dec": None, "rec": None,
         "reason_place_change": None, "home_post": "AB1 2CD", "pl_post": "JK5 6LM",
         "urn": "1234567"},
        {"child": "C002", "decom": "20/09/2024", "rne": "S", "ls": "V2", "cin": "N4",
         "place": "T1", "place_provider": "", "dec": "", "rec": "",
         "reason_place_change": "", "home_post": "", "pl_post": "", "urn": ""},
    ],
    "reviews": [
        {"child": "C001", "dob": "03/05/2012", "review": "25/04/2024", "review_code": "PN1"},
        {"child": "C001", "dob": "03/05/2012", "review": "20/10/2024", "review_code": "PN5"},
        {"child": "C003", "dob": "28/02/2020", "review": "01/03/2024", "review_code": "PN0"},
    ],
}  # fmt: skip


def build_warehouse(
    path: Path,
    tables: dict[str, list[dict[str, str | None]]],
    *,
    year: int = 2025,
    drop_columns: dict[str, list[str]] | None = None,
) -> Path:
    """Write raw tables the way `cpw load` does: every 903 column VARCHAR, plus lineage."""
    con = connect(path)
    try:
        con.execute("create schema raw")
        for table, rows in tables.items():
            columns = [c for c in COLUMNS[table] if c not in (drop_columns or {}).get(table, [])]
            ddl = ", ".join(f"{c} varchar" for c in columns)
            con.execute(
                f"create table raw.{table} ({ddl}, _collection_year smallint,"
                " _source_file varchar, _source_line integer, _loaded_at timestamp)"
            )
            placeholders = ", ".join("?" for _ in range(len(columns) + 4))
            for line, row in enumerate(rows, start=2):
                values = [row.get(c) for c in columns]
                con.execute(
                    f"insert into raw.{table} values ({placeholders})",
                    [*values, year, f"2024-25/{table}.csv", line, datetime(2025, 5, 1)],
                )
    finally:
        con.close()
    return path


def bad_tables() -> dict[str, list[dict[str, str | None]]]:
    tables = {name: [dict(row) for row in rows] for name, rows in CLEAN.items()}
    tables["header"][2]["child"] = None
    tables["episodes"][2]["decom"] = "31-02-2024"
    tables["episodes"][1]["rne"] = "Q"
    return tables


def result_rows(path: Path) -> list[dict[str, Any]]:
    con = connect(path, read_only=True)
    try:
        cursor = con.execute("select * from quality.expectation_results order by run_at")
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def find(report: CheckReport, suite: str, kind: str, column: str | None) -> ExpectationResult:
    matches = [
        outcome
        for outcome in report.results
        if outcome.suite_name == suite
        and outcome.expectation_type == kind
        and outcome.column_name == column
    ]
    assert len(matches) == 1, (suite, kind, column, matches)
    return matches[0]


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CheckReport]:
    path = build_warehouse(tmp_path_factory.mktemp("clean") / "cpw.duckdb", CLEAN)
    return path, run_checks(path, EXPECTATIONS)


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CheckReport]:
    path = build_warehouse(tmp_path_factory.mktemp("bad") / "cpw.duckdb", bad_tables())
    return path, run_checks(path, EXPECTATIONS)


def test_every_suite_loads_back_into_gx_with_rule_and_critical() -> None:
    paths = sorted(EXPECTATIONS.glob("*.json"))
    assert {path.stem for path in paths} >= {"raw_header", "raw_episodes", "raw_reviews"}
    for path in paths:
        doc = json.loads(path.read_text(encoding="utf-8"))
        suite = gx.ExpectationSuite(**doc)
        assert suite.name == path.stem
        expected_guard = (
            f"raw.{path.stem.removeprefix('raw_')}"
            if path.stem.startswith("raw_")
            else f"staging.{path.stem}"
        )
        assert doc["meta"]["guards"] == expected_guard
        # GX drops an expectation of an unknown type with only a log line: count them.
        assert len(suite.expectations) == len(doc["expectations"]), path.name
        for entry in doc["expectations"]:
            assert isinstance(entry["meta"]["rule"], str) and entry["meta"]["rule"].strip()
            assert isinstance(entry["meta"]["critical"], bool)


def test_clean_set_passes_and_is_recorded(clean_run: tuple[Path, CheckReport]) -> None:
    path, report = clean_run
    assert report.critical_failures == 0
    assert report.failures == (), report.summary_lines()
    # the suites of tables this warehouse does not hold are listed as skipped, nothing else
    assert [line for line in report.summary_lines() if not line.startswith("skipped:")] == []
    assert {outcome.suite_name for outcome in report.results} == {
        "raw_header",
        "raw_episodes",
        "raw_reviews",
    }
    for suite in ("raw_header", "raw_episodes", "raw_reviews"):
        doc = json.loads((EXPECTATIONS / f"{suite}.json").read_text(encoding="utf-8"))
        in_report = [r.expectation_type for r in report.results if r.suite_name == suite]
        assert in_report == [entry["type"] for entry in doc["expectations"]]
    rows = result_rows(path)
    assert len(rows) == len(report.results)
    assert {row["run_id"] for row in rows} == {report.run_id}
    assert all(row["success"] for row in rows)
    assert {row["table_name"] for row in rows} == {"raw.header", "raw.episodes", "raw.reviews"}
    assert all(row["rule"] for row in rows)


def test_blank_optional_values_are_not_checked(clean_run: tuple[Path, CheckReport]) -> None:
    _, report = clean_run
    dec = find(report, "raw_episodes", "expect_column_values_to_match_regex", "dec")
    assert dec.success and dec.element_count == 3 and dec.unexpected_count == 0
    provider = find(report, "raw_episodes", "expect_column_values_to_be_in_set", "place_provider")
    assert provider.success


def test_bad_set_fails_the_right_expectations(bad_run: tuple[Path, CheckReport]) -> None:
    _, report = bad_run
    decom = find(report, "raw_episodes", "expect_column_values_to_match_regex", "decom")
    assert (decom.success, decom.is_critical) == (False, True)
    assert (decom.unexpected_count, decom.element_count) == (1, 3)
    assert decom.unexpected_examples == "'31-02-2024'"

    rne = find(report, "raw_episodes", "expect_column_values_to_be_in_set", "rne")
    assert (rne.success, rne.is_critical, rne.unexpected_count) == (False, False, 1)
    assert rne.unexpected_examples == "'Q'"

    child = find(report, "raw_header", "expect_column_values_to_not_be_null", "child")
    assert (child.success, child.is_critical) == (False, True)
    assert (child.unexpected_count, child.element_count) == (1, 3)

    failed = {(o.suite_name, o.expectation_type, o.column_name) for o in report.failures}
    assert failed == {
        ("raw_episodes", "expect_column_values_to_match_regex", "decom"),
        ("raw_episodes", "expect_column_values_to_be_in_set", "rne"),
        ("raw_header", "expect_column_values_to_not_be_null", "child"),
    }
    assert report.critical_failures == 2
    assert report.warnings == 1


def test_bad_set_results_are_stored(bad_run: tuple[Path, CheckReport]) -> None:
    path, report = bad_run
    rows = result_rows(path)
    failed = [row for row in rows if not row["success"]]
    assert len(failed) == 3
    rne = next(row for row in failed if row["column_name"] == "rne")
    assert rne["suite_name"] == "raw_episodes"
    assert rne["expectation_type"] == "expect_column_values_to_be_in_set"
    assert (rne["unexpected_count"], rne["element_count"]) == (1, 3)
    assert rne["is_critical"] is False
    assert rne["unexpected_examples"] == "'Q'"
    assert rne["rule"].startswith("903 validator 143")


def test_summary_lines_name_suite_expectation_column_and_count(
    bad_run: tuple[Path, CheckReport],
) -> None:
    _, report = bad_run
    lines = [line for line in report.summary_lines() if not line.startswith("skipped:")]
    assert len(lines) == 3
    assert lines[0].startswith("CRITICAL") and lines[1].startswith("CRITICAL")
    rne = next(line for line in lines if " on rne" in line)
    for part in ("warning", "raw_episodes", "expect_column_values_to_be_in_set", "1 of 3 rows"):
        assert part in rne
    decom = next(line for line in lines if " on decom" in line)
    for part in ("CRITICAL", "expect_column_values_to_match_regex", "1 of 3 rows", "31-02-2024"):
        assert part in decom


def test_blank_text_counts_as_missing(tmp_path: Path) -> None:
    # The loader keeps a blank CSV field as an empty string; the 903 reads blank as "not known".
    tables = {name: [dict(row) for row in rows] for name, rows in CLEAN.items()}
    tables["header"][0]["child"] = "  "
    tables["reviews"][0]["review_code"] = ""
    path = build_warehouse(tmp_path / "cpw.duckdb", tables)
    report = run_checks(path, EXPECTATIONS)
    child = find(report, "raw_header", "expect_column_values_to_not_be_null", "child")
    assert (child.success, child.unexpected_count, child.unexpected_examples) == (
        False,
        1,
        "<blank>",
    )
    code = find(report, "raw_reviews", "expect_column_values_to_be_in_set", "review_code")
    assert code.success and code.unexpected_count == 0


def test_examples_are_distinct(tmp_path: Path) -> None:
    tables = {name: [dict(row) for row in rows] for name, rows in CLEAN.items()}
    for row, value in zip(tables["episodes"], ["Q", "Q", "Z"], strict=True):
        row["rne"] = value
    path = build_warehouse(tmp_path / "cpw.duckdb", tables)
    rne = find(
        run_checks(path, EXPECTATIONS), "raw_episodes", "expect_column_values_to_be_in_set", "rne"
    )
    assert (rne.unexpected_count, rne.unexpected_examples) == (3, "'Q', 'Z'")


def test_runs_append(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "cpw.duckdb", CLEAN)
    first = run_checks(path, EXPECTATIONS)
    second = run_checks(path, EXPECTATIONS)
    rows = result_rows(path)
    assert len(rows) == len(first.results) + len(second.results)
    assert {row["run_id"] for row in rows} == {first.run_id, second.run_id}


def test_missing_column_is_a_critical_failure_not_a_crash(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "cpw.duckdb", CLEAN, drop_columns={"episodes": ["rne"]})
    report = run_checks(path, EXPECTATIONS)
    columns = find(report, "raw_episodes", "expect_table_columns_to_match_set", None)
    assert (columns.success, columns.is_critical) == (False, True)
    assert columns.unexpected_examples == "missing columns: rne"
    rne = find(report, "raw_episodes", "expect_column_values_to_be_in_set", "rne")
    assert not rne.success
    assert rne.unexpected_examples is not None and rne.unexpected_examples.startswith("error:")
    assert report.critical_failures == 1


def test_empty_table_and_absent_table(tmp_path: Path) -> None:
    tables = {"header": CLEAN["header"], "episodes": []}
    path = build_warehouse(tmp_path / "cpw.duckdb", tables)
    report = run_checks(path, EXPECTATIONS)
    rows = find(report, "raw_episodes", "expect_table_row_count_to_be_between", None)
    assert (rows.success, rows.is_critical) == (False, True)
    assert rows.unexpected_examples == "observed: 0"
    assert "raw_reviews" in report.skipped_suites
    assert "raw_header" not in report.skipped_suites
    assert "raw_episodes" not in report.skipped_suites
    assert "skipped: raw_reviews: its table is not in the warehouse" in report.summary_lines()


def test_run_prints_nothing(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = build_warehouse(tmp_path / "cpw.duckdb", bad_tables())
    run_checks(path, EXPECTATIONS)
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def _corrupt_json(folder: Path) -> None:
    (folder / "raw_reviews.json").write_text('{"name": "raw_reviews", "expectations": [', "utf-8")


def _unknown_type(folder: Path) -> None:
    path = folder / "raw_header.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["expectations"][0]["type"] = "expect_column_values_to_be_purple"
    path.write_text(json.dumps(doc), encoding="utf-8")


def _no_rule(folder: Path) -> None:
    path = folder / "raw_episodes.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    del doc["expectations"][3]["meta"]["rule"]
    path.write_text(json.dumps(doc), encoding="utf-8")


def _no_suites(folder: Path) -> None:
    shutil.rmtree(folder)


@pytest.mark.parametrize("spoil", [_corrupt_json, _unknown_type, _no_rule, _no_suites])
def test_bad_suites_raise_and_leave_the_warehouse_untouched(tmp_path: Path, spoil: Any) -> None:
    path = build_warehouse(tmp_path / "wh" / "cpw.duckdb", CLEAN)
    suites = tmp_path / "expectations"
    shutil.copytree(EXPECTATIONS, suites)
    spoil(suites)
    before = path.read_bytes()
    with pytest.raises(CpwInputError):
        run_checks(path, suites)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["cpw.duckdb"]


def test_failed_write_leaves_the_warehouse_untouched(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "wh" / "cpw.duckdb", CLEAN)
    con = connect(path)
    con.execute("create schema quality")
    # A results table from some other tool, with a run_id the new rows cannot be cast to.
    con.execute("create table quality.expectation_results (run_id integer, run_at timestamp)")
    con.close()
    before = path.read_bytes()
    with pytest.raises(CpwStepError):
        run_checks(path, EXPECTATIONS)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["cpw.duckdb"]


def test_missing_warehouse_or_raw_schema(tmp_path: Path) -> None:
    with pytest.raises(CpwInputError, match="warehouse not found"):
        run_checks(tmp_path / "absent.duckdb", EXPECTATIONS)
    empty = tmp_path / "empty.duckdb"
    connect(empty).close()
    before = empty.read_bytes()
    with pytest.raises(CpwInputError, match="no raw schema"):
        run_checks(empty, EXPECTATIONS)
    assert empty.read_bytes() == before
