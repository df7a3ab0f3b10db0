"""Counts of the DfE validation errors dbt found (`marts.fct_validation_errors`), per rule.

`cpw check` reads them beside the GX results, prints the top rules and stores one snapshot per
run in `quality.validation_error_counts`, so the data-team page can show the change since the
previous load.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

VALIDATION_ERRORS = ("marts", "fct_validation_errors")
COUNTS_TABLE = "quality.validation_error_counts"
TOP_RULES = 10


@dataclass(frozen=True)
class RuleCount:
    """Validation errors of one rule, in one LA's return for one collection year.

    Attributes:
        la_code: the local authority.
        collection_year: the collection year (2025 = 2024-25).
        rule_code: the DfE validator rule.
        rule_message: what the rule says.
        errors_count: rows of `fct_validation_errors` for the rule.
        children_count: distinct children with the error.
    """

    la_code: str
    collection_year: int
    rule_code: str
    rule_message: str
    errors_count: int
    children_count: int


def read_rule_counts(con: duckdb.DuckDBPyConnection) -> tuple[RuleCount, ...] | None:
    """Count `marts.fct_validation_errors` by LA, year and rule; None when dbt has not built it."""
    found = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        list(VALIDATION_ERRORS),
    ).fetchone()
    if not found or found[0] == 0:
        return None
    rows = con.execute(
        """
        select
            la_code,
            collection_year,
            rule_code,
            min(rule_message),
            count(*),
            count(distinct child_id)
        from marts.fct_validation_errors
        group by la_code, collection_year, rule_code
        order by la_code, collection_year, rule_code
        """
    ).fetchall()
    return tuple(
        RuleCount(str(la), int(year), str(code), str(message or ""), int(errors), int(children))
        for la, year, code, message, errors, children in rows
    )


def top_rules(counts: tuple[RuleCount, ...], limit: int = TOP_RULES) -> list[tuple[str, str, int]]:
    """The rules with the most errors over every LA and year: (rule, message, errors)."""
    errors: dict[str, int] = {}
    messages: dict[str, str] = {}
    for count in counts:
        errors[count.rule_code] = errors.get(count.rule_code, 0) + count.errors_count
        messages.setdefault(count.rule_code, count.rule_message)
    ranked = sorted(errors, key=lambda rule: (-errors[rule], rule))
    return [(rule, messages[rule], errors[rule]) for rule in ranked[:limit]]
