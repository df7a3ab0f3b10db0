"""The committed GX suites are exactly what their generator writes from the loader's sources."""

from __future__ import annotations

import json
import re

from cpw.ingest.tables import TABLES
from cpw.seedgen import expectations, staging_expectations
from cpw.settings import EXPECTATIONS_DIR


def test_committed_suites_equal_the_generator_output() -> None:
    for spec in TABLES:
        path = EXPECTATIONS_DIR / f"raw_{spec.name}.json"
        assert path.read_text(encoding="utf-8") == expectations.render(spec), path.name
    assert {p.stem for p in EXPECTATIONS_DIR.glob("raw_*.json")} == {
        f"raw_{spec.name}" for spec in TABLES
    }


def test_suite_date_rule_accepts_what_the_loader_accepts() -> None:
    suite = json.loads((EXPECTATIONS_DIR / "raw_episodes.json").read_text())
    (decom,) = [
        e
        for e in suite["expectations"]
        if e["kwargs"].get("column") == "decom"
        and e["type"] == "expect_column_values_to_match_regex"
    ]
    regex = re.compile(decom["kwargs"]["regex"])
    for accepted in ("01/04/2024", "1/4/2024", "2024-04-01", "2024-04-01 00:00:00", " 01/04/2024"):
        assert regex.match(accepted), accepted
    for refused in ("01/04/24", "02/01/20251", "31-02-2024", "1st April"):
        assert not regex.match(refused), refused
    assert decom["meta"]["critical"] is True, "DECOM is part of the episode key"


def test_committed_staging_suites_equal_the_generator_output() -> None:
    tables = staging_expectations.staging_tables()
    assert len(tables) == 13  # the twelve 903 tables and the load audit
    for table, columns in tables.items():
        path = EXPECTATIONS_DIR / f"stg_ssda903__{table}.json"
        assert path.read_text(encoding="utf-8") == staging_expectations.render(table, columns)
    assert {p.stem for p in EXPECTATIONS_DIR.glob("stg_*.json")} == {
        f"stg_ssda903__{table}" for table in tables
    }


def test_staging_columns_come_from_the_final_select() -> None:
    sql = """with

source as (
    select * from {{ source('ssda903', 'header') }}
),

picked as (
    select child as inner_only
    from source
)

select
    _collection_year || ':' || _source_line as header_row_id,
    trim(child) as child_id,
    sex_codes.sex,
    case trim(mother) when '1' then true when '0' then false end as is_mother,
    {{ parse_903_date('dob') }} as birth_date,
    dob,
    _collection_year as collection_year
from source
"""
    assert staging_expectations.staging_columns(sql) == [
        "header_row_id", "child_id", "sex", "is_mother", "birth_date", "dob", "collection_year"
    ]  # fmt: skip


def test_staging_checks_follow_column_names() -> None:
    suite = staging_expectations.suite(
        "episodes", ["child_id", "episode_start_date", "is_flag_date", "sdq_score", "place_code"]
    )
    by_column: dict[str, list[tuple[str, bool]]] = {}
    for entry in suite["expectations"]:
        column = entry["kwargs"].get("column")
        if column:
            by_column.setdefault(column, []).append((entry["type"], entry["meta"]["critical"]))
    assert by_column["episode_start_date"] == [
        ("expect_column_values_to_be_of_type", True),
        ("expect_column_values_to_be_between", False),
    ]
    # a boolean whose name ends in _date is still a boolean, with no date range
    assert by_column["is_flag_date"] == [("expect_column_values_to_be_of_type", True)]
    assert by_column["sdq_score"] == [
        ("expect_column_values_to_be_in_type_list", True),
        ("expect_column_values_to_be_between", False),
    ]
    # codes: a type check only; the code list is dbt's relationships test to the seed
    assert by_column["place_code"] == [("expect_column_values_to_be_of_type", True)]
    floor = next(
        e for e in suite["expectations"]
        if e["type"] == "expect_column_values_to_be_between"
        and e["kwargs"]["column"] == "episode_start_date"
    )  # fmt: skip
    assert floor["kwargs"]["min_value"] == "1991-10-14"  # 903 validator 353
