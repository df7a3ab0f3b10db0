"""The tables the data team's page (reports/pages/data-quality) reads, and their columns.

`cpw report` publishes each from the warehouse when it is there, and otherwise an empty table
with these columns, so the site builds before the first `cpw check` (or before dbt builds
`fct_validation_errors`) and the page says there is nothing yet. A test checks these columns
against the tables `cpw check` and dbt write.
"""

from __future__ import annotations

# table -> (schema in the warehouse, columns as DuckDB DDL)
DATA_TEAM_TABLES: dict[str, tuple[str, str]] = {
    "expectation_results": (
        "quality",
        "run_id varchar, run_at timestamp, suite_name varchar, table_name varchar, "
        "expectation_type varchar, column_name varchar, is_critical boolean, success boolean, "
        "element_count bigint, unexpected_count bigint, unexpected_examples varchar, "
        "rule varchar",
    ),
    "expectation_suite_results": (
        "quality",
        "run_id varchar, run_at timestamp, suite_name varchar, table_name varchar, "
        "expectations_count bigint, passed_count bigint, failed_count bigint, "
        "critical_failed_count bigint",
    ),
    "quarantine_counts": (
        "quality",
        "run_id varchar, run_at timestamp, table_name varchar, collection_year integer, "
        "disposition varchar, reason varchar, rows_count bigint",
    ),
    "validation_error_counts": (
        "quality",
        "run_id varchar, run_at timestamp, la_code varchar, collection_year integer, "
        "rule_code varchar, rule_message varchar, errors_count bigint, children_count bigint",
    ),
    "validation_error_changes": (
        "quality",
        "rule_code varchar, rule_message varchar, errors_count bigint, children_count bigint, "
        "previous_errors_count bigint, errors_change bigint",
    ),
    "fct_validation_errors": (
        "marts",
        "validation_error_id varchar, la_code varchar, collection_year integer, "
        "rule_code varchar, rule_message varchar, table_name varchar, child_id varchar, "
        "row_number integer, columns_affected varchar",
    ),
    "mart_data_team_load_audit": (
        "marts",
        "load_audit_id varchar, source_file varchar, table_name varchar, "
        "collection_year smallint, status varchar, rows_in bigint, rows_loaded bigint, "
        "rows_quarantined bigint, message varchar",
    ),
}
