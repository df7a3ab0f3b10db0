"""Expectation results, the report a check run returns, and how GX results map onto them.

`result_from_gx` works on the JSON form of a GX `ExpectationValidationResult`
(`result.to_json_dict()`), so it is plain data in, plain data out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from cpw.quality.validation_errors import RuleCount, top_rules

MAX_EXAMPLES = 5
# GX's partial list repeats values; ask for more so that up to 5 distinct ones remain.
GX_PARTIAL_COUNT = 20
MAX_EXAMPLES_CHARS = 200


@dataclass(frozen=True)
class ExpectationResult:
    """The result of one expectation on one table, as stored in `quality.expectation_results`.

    Attributes:
        suite_name: the suite (file stem) the expectation belongs to.
        table_name: the guarded table, `schema.table`.
        expectation_type: the GX expectation type.
        column_name: the column checked; several joined by ", "; None for table-level checks.
        rule: the 903 validator rule or data-standards section from the expectation's meta.
        is_critical: a structural check; a failure must stop the pipeline.
        success: whether the expectation held.
        element_count: rows examined.
        unexpected_count: rows that broke the expectation; None for table-level checks.
        unexpected_examples: up to 5 distinct offending values (blank or null shown as
            `<blank>`), or what a table-level check saw.
    """

    suite_name: str
    table_name: str
    expectation_type: str
    column_name: str | None
    rule: str
    is_critical: bool
    success: bool
    element_count: int | None
    unexpected_count: int | None
    unexpected_examples: str | None

    def summary_line(self) -> str:
        """One readable line for a failed expectation."""
        where = f" on {self.column_name}" if self.column_name else ""
        if self.unexpected_count is not None and self.element_count is not None:
            what = f"{self.unexpected_count:,} of {self.element_count:,} rows failed"
        else:
            what = "failed"
        seen = f" ({self.unexpected_examples})" if self.unexpected_examples else ""
        level = "CRITICAL" if self.is_critical else "warning"
        return (
            f"{level}: {self.suite_name}: {self.expectation_type}{where}: {what}{seen}"
            f" [rule: {self.rule}]"
        )


@dataclass(frozen=True)
class CheckReport:
    """Everything one `cpw check` run found.

    Attributes:
        run_id: uuid of the run, shared by its rows in `quality.expectation_results`.
        run_at: when the run started (UTC, no time zone).
        results: one per expectation, suite by suite in file order.
        skipped_suites: suites whose guarded table is not in the warehouse.
        rule_counts: `marts.fct_validation_errors` counted by LA, year and rule; None when
            dbt has not built it.
        docs_index: the published Data Docs' `index.html`, when they were built.
        timings: seconds per phase (prepare, export, validate, store, data_docs).
    """

    run_id: str
    run_at: datetime
    results: tuple[ExpectationResult, ...]
    skipped_suites: tuple[str, ...] = ()
    rule_counts: tuple[RuleCount, ...] | None = None
    docs_index: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)

    def with_docs(self, docs_index: Path) -> CheckReport:
        """This report, with where its Data Docs were published."""
        return replace(self, docs_index=docs_index)

    def with_timings(self, timings: dict[str, float]) -> CheckReport:
        """This report, with the seconds each phase took."""
        return replace(self, timings=dict(timings))

    @property
    def suites_run(self) -> int:
        """How many suites were validated."""
        return len({result.suite_name for result in self.results})

    def suite_statuses(self) -> dict[str, str]:
        """Each suite's outcome: pass, warnings, critical failure, or skipped (no table)."""
        statuses = {name: "skipped" for name in self.skipped_suites}
        for result in self.results:
            current = statuses.setdefault(result.suite_name, "pass")
            if not result.success:
                level = "critical failure" if result.is_critical else "warnings"
                statuses[result.suite_name] = (
                    "critical failure" if current == "critical failure" else level
                )
        return statuses

    def suite_lines(self) -> list[str]:
        """One line per suite run: expectations passed, and critical failures if any."""
        lines: list[str] = []
        for name in dict.fromkeys(result.suite_name for result in self.results):
            mine = [result for result in self.results if result.suite_name == name]
            passed = sum(result.success for result in mine)
            critical = sum(1 for r in mine if r.is_critical and not r.success)
            status = "pass" if passed == len(mine) else ("FAIL" if critical else "warn")
            lines.append(
                f"suite {status}: {name}: {passed}/{len(mine)} expectations passed"
                + (f", {critical} critical failed" if critical else "")
            )
        return lines

    def validation_lines(self) -> list[str]:
        """The DfE validation errors by rule, most frequent first (top 10)."""
        if self.rule_counts is None:
            return ["validation errors: no validation results: run `cpw build`"]
        if not self.rule_counts:
            return ["validation errors: none, every rule held"]
        total = sum(count.errors_count for count in self.rule_counts)
        rules = len({count.rule_code for count in self.rule_counts})
        lines = [f"validation errors: {total:,} errors of {rules:,} rules; most frequent:"]
        lines += [
            f"  {rule:>8} {errors:>8,}  {message}"
            for rule, message, errors in top_rules(self.rule_counts)
        ]
        return lines

    @property
    def failures(self) -> tuple[ExpectationResult, ...]:
        """Results of expectations that did not hold, critical and warning alike."""
        return tuple(result for result in self.results if not result.success)

    @property
    def critical_failures(self) -> int:
        """How many critical expectations failed; the CLI fails the run when this is > 0."""
        return sum(1 for result in self.failures if result.is_critical)

    @property
    def warnings(self) -> int:
        """How many non-critical expectations failed."""
        return len(self.failures) - self.critical_failures

    def summary_lines(self) -> list[str]:
        """One line per failed expectation, critical ones first, then skipped suites."""
        ordered = sorted(self.failures, key=lambda result: not result.is_critical)
        lines = [result.summary_line() for result in ordered]
        lines += [
            f"skipped: {name}: its table is not in the warehouse" for name in self.skipped_suites
        ]
        return lines


def result_from_gx(
    suite_name: str,
    table_name: str,
    result: Mapping[str, Any],
    row_count: int,
) -> ExpectationResult:
    """Turn one GX validation result (JSON form) into a cpw result.

    Args:
        suite_name: the suite the expectation came from.
        table_name: the guarded table.
        result: `ExpectationValidationResult.to_json_dict()`.
        row_count: rows in the validated frame, used for table-level checks.

    Returns:
        The result; an expectation GX could not evaluate is a failure whose examples say why.
    """
    config: Mapping[str, Any] = result["expectation_config"]
    kwargs: Mapping[str, Any] = config.get("kwargs") or {}
    meta: Mapping[str, Any] = config.get("meta") or {}
    details: Mapping[str, Any] = result.get("result") or {}
    error = _error_message(result.get("exception_info"))
    unexpected_count = details.get("unexpected_count")
    if error is not None:
        examples: str | None = f"error: {error}"
    elif unexpected_count is not None:
        examples = _format_examples(details.get("partial_unexpected_list") or [])
    else:
        examples = _table_level_examples(details)
    element_count = details.get("element_count")
    if element_count is None and unexpected_count is None:
        element_count = row_count
    return ExpectationResult(
        suite_name=suite_name,
        table_name=table_name,
        expectation_type=str(config["type"]),
        column_name=_column_name(kwargs),
        rule=str(meta.get("rule", "")),
        is_critical=bool(meta.get("critical", False)),
        success=bool(result.get("success")) and error is None,
        element_count=None if element_count is None else int(element_count),
        unexpected_count=None if unexpected_count is None else int(unexpected_count),
        unexpected_examples=examples,
    )


def _column_name(kwargs: Mapping[str, Any]) -> str | None:
    if isinstance(kwargs.get("column"), str):
        return str(kwargs["column"])
    if isinstance(kwargs.get("column_A"), str) and isinstance(kwargs.get("column_B"), str):
        return f"{kwargs['column_A']}, {kwargs['column_B']}"
    if isinstance(kwargs.get("column_list"), list):
        return ", ".join(str(name) for name in kwargs["column_list"])
    return None


def _error_message(info: object) -> str | None:
    """GX reports errors flat for some failures and keyed by metric for others."""
    if not isinstance(info, Mapping):
        return None
    if info.get("raised_exception"):
        return str(info.get("exception_message") or "expectation raised an exception")
    for nested in info.values():
        if isinstance(nested, Mapping) and nested.get("raised_exception"):
            return str(nested.get("exception_message") or "expectation raised an exception")
    return None


def _format_value(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "<blank>"
    if isinstance(value, Mapping):
        return "|".join(_format_value(item) for item in value.values())
    return repr(value) if isinstance(value, str) else str(value)


def _format_examples(values: list[Any]) -> str | None:
    if not values:
        return None
    distinct = list(dict.fromkeys(_format_value(value) for value in values))
    return _clip(", ".join(distinct[:MAX_EXAMPLES]))


def _table_level_examples(details: Mapping[str, Any]) -> str | None:
    mismatched: Mapping[str, Any] = (details.get("details") or {}).get("mismatched") or {}
    # Extra columns are only a failure when the suite asked for an exact match, so they are
    # shown only when nothing is missing.
    for key in ("missing", "unexpected"):
        if mismatched.get(key):
            return _clip(f"{key} columns: " + ", ".join(str(name) for name in mismatched[key]))
    observed = details.get("observed_value")
    if observed is None or isinstance(observed, list | dict):
        return None
    return _clip(f"observed: {observed}")


def _clip(text: str) -> str:
    if len(text) <= MAX_EXAMPLES_CHARS:
        return text
    return text[: MAX_EXAMPLES_CHARS - 1] + "…"
