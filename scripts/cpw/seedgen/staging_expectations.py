"""Generate the Great Expectations suites for the staging models (expectations/stg_*.json).

Staging types and renames the raw 903 text, so its suites check what typing makes checkable:
the columns the marts read, each column's type, dates in a plausible range and in order,
value ranges, and keys that must be unique once dates are parsed (`1/4/2024` and `01/04/2024`
differ as raw text but are the same episode). Columns come from the model's own SQL; each
check is chosen by the column's name, which says what it holds (style.md naming rules).

Code lists are not repeated here: each staging code column already has a dbt `relationships`
test to the same seed (style.md: dbt tests guard keys and relationships, GX content; never both),
and the raw suites check the codes as written against those seeds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from cpw.settings import PROJECT_ROOT

STAGING_DIR = PROJECT_ROOT / "models" / "staging" / "ssda903"
TABLES_THAT_MUST_HAVE_ROWS = {"header", "episodes", "reviews"}

# A parsed year outside this window is a typing slip (01/04/1024, 01/04/2204): the loader's
# date shape check accepts any four digits, so only a range catches it.
DATE_FLOOR, DATE_CEILING = "1950-01-01", "2049-12-31"
DATE_FLOORS = {"episode_start_date": ("1991-10-14", "903 validator 353 (DECOM before 14/10/1991)")}

# Whole numbers: name -> (min, max, rule).
INTEGER_RANGES: dict[str, tuple[int, int | None, str]] = {
    "sdq_score": (0, 40, "data_standards §6 (SDQ_SCORE is 0-40)"),
    "adopters_count": (1, 2, "data_standards §8 (NB_ADOPTR is 1 or 2)"),
    "collection_year": (2000, 2100, "cpw load: the year a return's folder names"),
    "source_line": (1, None, "cpw load lineage: a line of the file"),
    "rows_in": (0, None, "docs/ingestion.md (rows in = loaded + quarantined)"),
    "rows_loaded": (0, None, "docs/ingestion.md (rows in = loaded + quarantined)"),
    "rows_quarantined": (0, None, "docs/ingestion.md (rows in = loaded + quarantined)"),
}
# Later date, earlier date, strictly later?, rule.
DATE_ORDER: dict[str, list[tuple[str, str, bool, str]]] = {
    "episodes": [
        ("episode_end_date", "episode_start_date", True,
         "903 validator 355 (an episode cannot start and end on the same day)"),
    ],
    "reviews": [("review_date", "birth_date", False, "data_standards §5 (review after birth)")],
    "missing": [
        ("missing_start_date", "birth_date", False, "903 validator 586 (MIS_START after DOB)"),
        ("missing_end_date", "missing_start_date", False, "data_standards §11 (end after start)"),
    ],
    "dolo": [("dolo_end_date", "dolo_start_date", False, "data_standards §13 (end after start)")],
    "sw_episodes": [
        ("sw_end_date", "sw_start_date", False, "data_standards §12 (end after start)"),
    ],
    "placed_adoption": [
        ("placed_ceased_date", "placed_decision_date", False,
         "data_standards §9 (decision reversed after it was made)"),
    ],
    "uasc": [("uasc_ceased_date", "birth_date", False, "903 validator 304; data_standards §4")],
}  # fmt: skip
# The loader's keys (cpw.ingest.tables) as staging names, unique per return once dates parse.
KEYS: dict[str, list[str]] = {
    "header": ["child_id"],
    "episodes": ["child_id", "episode_start_date"],
    "uasc": ["child_id"],
    "reviews": ["child_id", "review_date"],
    "oc2": ["child_id"],
    "oc3": ["child_id"],
    "ad1": ["child_id"],
    "placed_adoption": ["child_id", "placed_decision_date"],
    "prev_perm": ["child_id"],
    "missing": ["child_id", "missing_start_date"],
    "sw_episodes": ["child_id", "sw_start_date"],
    "dolo": ["child_id", "dolo_start_date"],
}
NUMERIC_TYPES = ["int16", "int32", "int64", "float64"]  # a nullable integer reads as float64

_FINAL_SELECT = re.compile(r"\nselect\n(?P<body>.*?)\nfrom ", re.S)
_ALIAS = re.compile(r"(?:\bas\s+|\.|^\s*)([a-z_][a-z0-9_]*),?\s*$")


def staging_columns(sql: str) -> list[str]:
    """The columns a staging model's final select returns, in order."""
    matches = list(_FINAL_SELECT.finditer(sql))
    if not matches:
        raise ValueError("no final select")
    columns: list[str] = []
    for line in matches[-1].group("body").splitlines():
        found = _ALIAS.search(line)
        # Continuation lines of a multi-line expression name no column.
        if found and not line.rstrip().endswith(("(", "||")):
            columns.append(found.group(1))
    return columns


def _expectation(kind: str, kwargs: dict[str, Any], rule: str, critical: bool) -> dict[str, Any]:
    return {"type": kind, "kwargs": kwargs, "meta": {"rule": rule, "critical": critical}}


def _type_check(column: str) -> dict[str, Any]:
    rule = "cpw staging contract: the marts read this column with this type"
    if column.startswith("is_"):
        return _expectation(
            "expect_column_values_to_be_of_type", {"column": column, "type_": "bool"}, rule, True
        )
    if column.endswith("_date"):
        return _expectation(
            "expect_column_values_to_be_of_type", {"column": column, "type_": "date"}, rule, True
        )
    if column in INTEGER_RANGES:
        return _expectation(
            "expect_column_values_to_be_in_type_list",
            {"column": column, "type_list": NUMERIC_TYPES},
            rule,
            True,
        )
    return _expectation(
        "expect_column_values_to_be_of_type", {"column": column, "type_": "str"}, rule, True
    )


def _range_check(column: str) -> dict[str, Any] | None:
    if column.endswith("_date") and not column.startswith("is_"):
        floor, rule = DATE_FLOORS.get(
            column,
            (DATE_FLOOR, "cpw plausibility: a year typed wrongly (1024, 2204) parses as a date"),
        )
        return _expectation(
            "expect_column_values_to_be_between",
            {"column": column, "min_value": floor, "max_value": DATE_CEILING},
            rule,
            False,
        )
    if column in INTEGER_RANGES:
        low, high, rule = INTEGER_RANGES[column]
        return _expectation(
            "expect_column_values_to_be_between",
            {"column": column, "min_value": low, "max_value": high},
            rule,
            False,
        )
    return None


def suite(table: str, columns: list[str]) -> dict[str, Any]:
    """The suite guarding staging.stg_ssda903__<table>."""
    model = f"stg_ssda903__{table}"
    expectations: list[dict[str, Any]] = []
    if table in TABLES_THAT_MUST_HAVE_ROWS:
        expectations.append(
            _expectation(
                "expect_table_row_count_to_be_between",
                {"min_value": 1},
                f"cpw sanity check: every return holds {table}; data_standards §1.1",
                True,
            )
        )
    expectations.append(
        _expectation(
            "expect_table_columns_to_match_set",
            {"column_set": columns, "exact_match": True},
            f"cpw staging contract: the columns of models/staging/ssda903/{model}.sql",
            True,
        )
    )
    if "child_id" in columns:
        expectations.append(
            _expectation(
                "expect_column_values_to_not_be_null",
                {"column": "child_id"},
                "903 validator (CHILD is required); the key every mart joins on",
                True,
            )
        )
    for column in columns:
        if column.endswith("_text") or column == "extra_columns":
            continue  # text kept as written for lineage; the raw suites check it
        expectations.append(_type_check(column))
        ranged = _range_check(column)
        if ranged is not None:
            expectations.append(ranged)
    for later, earlier, strictly, rule in DATE_ORDER.get(table, []):
        expectations.append(
            _expectation(
                "expect_column_pair_values_a_to_be_greater_than_b",
                {
                    "column_A": later,
                    "column_B": earlier,
                    "or_equal": not strictly,
                    "ignore_row_if": "either_value_is_missing",
                },
                rule,
                False,
            )
        )
    if table in KEYS:
        expectations.append(
            _expectation(
                "expect_compound_columns_to_be_unique",
                {"column_list": [*KEYS[table], "collection_year"]},
                "one row per key in a return, once dates are parsed (cpw.ingest.tables keys)",
                False,
            )
        )
    return {
        "name": model,
        "meta": {
            "guards": f"staging.{model}",
            "notes": "Generated by `python -m cpw.seedgen.expectations` from the model's SQL "
            "and the rules in cpw.seedgen.staging_expectations. Do not edit by hand.",
        },
        "expectations": expectations,
    }


def staging_tables(directory: Path = STAGING_DIR) -> dict[str, list[str]]:
    """Each staging model's table name (`episodes`) and its columns."""
    return {
        path.stem.removeprefix("stg_ssda903__"): staging_columns(path.read_text(encoding="utf-8"))
        for path in sorted(directory.glob("stg_ssda903__*.sql"))
    }


def render(table: str, columns: list[str]) -> str:
    """The suite's JSON text."""
    return json.dumps(suite(table, columns), indent=2, ensure_ascii=False) + "\n"
