"""Generate the Great Expectations suites for the raw 903 tables (expectations/raw_*.json).

`main` also writes the staging suites (expectations/stg_*.json, cpw.seedgen.staging_expectations).

The suites are data, but they are written from the same sources the loader checks with: the
table definitions (cpw.ingest.tables), the code-list seeds (seeds/codes) and the date rule (dbt
vars ssda903_date_pattern), so `cpw check` and `cpw load` cannot disagree about what a valid
date or code is. Run: `python -m cpw.seedgen.expectations` (tests check the committed files
equal its output).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cpw.ingest.codes import code_rows
from cpw.ingest.dates import date_settings
from cpw.ingest.tables import TABLES, Column, Kind, TableSpec
from cpw.seedgen import staging_expectations
from cpw.settings import EXPECTATIONS_DIR

# The return must hold these; the others may be empty in a given year (e.g. DoLo before 2026-27).
TABLES_THAT_MUST_HAVE_ROWS = {"header", "episodes", "reviews"}
UPN_PATTERN = r"^\s*(?:[A-HJ-NP-RT-Z](?:\d{12}|\d{11}[A-Z])|UN[1-5])\s*$"

# DfE validator rules behind each check, where one is known (data_standards.md §15 and the
# validator's rule list); the rest cite the data standards section.
RULES: dict[tuple[str, str], str] = {
    ("header", "DOB"): "903 validator 102 (DOB not a valid date)",
    ("header", "MC_DOB"): "903 validator 171 (MC_DOB not a valid date)",
    ("header", "SEX"): "903 validator 101; data_standards §2 (1/2 to 2023-24, M/F/U from 2024-25)",
    ("header", "ETHNIC"): "903 validator 103; data_standards §2",
    ("header", "MOTHER"): "903 validator 165; data_standards §2",
    ("header", "UPN"): "903 validator 168; data_standards §2 (UPN or UN1-UN5)",
    ("header", "key"): "903 validator INT32 (a child appears once in Header)",
    ("episodes", "DECOM"): "903 validator 141 (DECOM not a valid date)",
    ("episodes", "DEC"): "903 validator 147 (DEC not a valid date)",
    ("episodes", "RNE"): "903 validator 143; data_standards §3",
    ("episodes", "LS"): "903 validator 144; data_standards §3",
    ("episodes", "CIN"): "903 validator 145; data_standards §3",
    ("episodes", "PLACE"): "903 validator 146; data_standards §3.1 (codes of every year)",
    ("episodes", "PLACE_PROVIDER"): "903 validator 178; data_standards §3",
    ("episodes", "REC"): "903 validator 149; data_standards §3.2",
    ("episodes", "REASON_PLACE_CHANGE"): "903 validator 1009; data_standards §3",
    ("episodes", "key"): "903 validator 355/501 (no two episodes of a child start the same day)",
    ("reviews", "DOB"): "903 validator INT17 (Reviews DOB must equal Header DOB)",
    ("reviews", "REVIEW"): "903 validator 166 (REVIEW invalid or blank)",
    ("reviews", "REVIEW_CODE"): "903 validator 167; data_standards §5",
}
SECTIONS = {
    "header": "§2",
    "episodes": "§3",
    "uasc": "§4",
    "reviews": "§5",
    "oc2": "§6",
    "oc3": "§7",
    "ad1": "§8",
    "placed_adoption": "§9",
    "prev_perm": "§10",
    "missing": "§11",
    "sw_episodes": "§12",
    "dolo": "§13",
}


def _rule(spec: TableSpec, column: str, default: str) -> str:
    return RULES.get((spec.name, column), f"{default}; data_standards {SECTIONS[spec.name]}")


def _expectation(kind: str, kwargs: dict[str, Any], rule: str, critical: bool) -> dict[str, Any]:
    return {"type": kind, "kwargs": kwargs, "meta": {"rule": rule, "critical": critical}}


def _column_expectations(spec: TableSpec, column: Column) -> list[dict[str, Any]]:
    name = column.name.lower()
    is_key = column.name in spec.key
    out: list[dict[str, Any]] = []
    if column.required or is_key:
        out.append(
            _expectation(
                "expect_column_values_to_not_be_null",
                {"column": name},
                _rule(spec, column.name, "required value"),
                is_key,
            )
        )
    if column.kind is Kind.DATE:
        pattern, _ = date_settings()
        out.append(
            _expectation(
                "expect_column_values_to_match_regex",
                {"column": name, "regex": rf"^\s*(?:{pattern})\s*$"},
                _rule(
                    spec,
                    column.name,
                    "a 903 date (dd/mm/yyyy, or the forms spreadsheets make: "
                    "dbt var ssda903_date_pattern, as the loader)",
                ),
                is_key,
            )
        )
    elif column.kind is Kind.CODE and column.codes:
        codes = sorted({row.code.upper() for row in code_rows() if row.list_name == column.codes})
        out.append(
            _expectation(
                "expect_column_values_to_be_in_set",
                {"column": name, "value_set": codes},
                _rule(spec, column.name, f"codes of seeds/codes/{column.codes}.csv"),
                False,
            )
        )
    elif column.kind is Kind.FLAG:
        out.append(
            _expectation(
                "expect_column_values_to_be_in_set",
                {"column": name, "value_set": ["0", "1"]},
                _rule(spec, column.name, "0 or 1"),
                False,
            )
        )
    elif column.kind is Kind.INTEGER:
        out.append(
            _expectation(
                "expect_column_values_to_match_regex",
                {"column": name, "regex": r"^\s*\d+\s*$"},
                _rule(spec, column.name, "a whole number"),
                False,
            )
        )
    if spec.name == "header" and column.name == "UPN":
        out.append(
            _expectation(
                "expect_column_values_to_match_regex",
                {"column": name, "regex": UPN_PATTERN},
                _rule(spec, "UPN", "UPN"),
                False,
            )
        )
    return out


def suite(spec: TableSpec) -> dict[str, Any]:
    """The suite guarding raw.<table>."""
    expectations: list[dict[str, Any]] = []
    if spec.name in TABLES_THAT_MUST_HAVE_ROWS:
        expectations.append(
            _expectation(
                "expect_table_row_count_to_be_between",
                {"min_value": 1},
                f"cpw sanity check: every return holds {spec.name}; data_standards §1.1",
                True,
            )
        )
    expectations.append(
        _expectation(
            "expect_table_columns_to_match_set",
            {
                "column_set": [c.lower() for c in spec.column_names] + ["_collection_year"],
                "exact_match": False,
            },
            "data_standards §1 (a 903 table is recognised by its column set); contracts.md",
            True,
        )
    )
    for column in spec.columns:
        expectations += _column_expectations(spec, column)
    expectations.append(
        _expectation(
            "expect_compound_columns_to_be_unique",
            {"column_list": [k.lower() for k in spec.key] + ["_collection_year"]},
            _rule(spec, "key", f"one row per {', '.join(spec.key)} in a return"),
            False,
        )
    )
    return {
        "name": f"raw_{spec.name}",
        "meta": {
            "guards": f"raw.{spec.name}",
            "notes": f"Generated by `python -m cpw.seedgen.expectations` from "
            f"cpw.ingest.tables and seeds/codes; SSDA903 {spec.name} as loaded "
            f"(all text). Do not edit by hand.",
        },
        "expectations": expectations,
    }


def render(spec: TableSpec) -> str:
    """The suite's JSON text."""
    return json.dumps(suite(spec), indent=2, ensure_ascii=False) + "\n"


def main(directory: Path = EXPECTATIONS_DIR) -> None:
    """Write one suite per raw table and one per staging model."""
    directory.mkdir(parents=True, exist_ok=True)
    for spec in TABLES:
        (directory / f"raw_{spec.name}.json").write_text(render(spec), encoding="utf-8")
    for table, columns in staging_expectations.staging_tables().items():
        (directory / f"stg_ssda903__{table}.json").write_text(
            staging_expectations.render(table, columns), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
