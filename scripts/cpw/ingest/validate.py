"""Row-level checks of incoming 903 rows, run as SQL in DuckDB so they stay fast at scale.

A problem with a row's key (CHILD, or the date that identifies the row, e.g. DECOM) or a
duplicate key rejects the row: it goes to quarantine and not into raw. Any other problem (an
unknown code, a bad optional date, a value of the wrong type, a missing required value) flags
the row: it is loaded, and the problem is recorded in quarantine with disposition 'flagged'.

Each table is checked in one scan: every row yields a list of (column, value, reason) checks,
and the failed ones are unnested. Codes are looked up by a `list|code|year` key in the
`_valid_codes` table, built from the code-list seeds.
"""

from __future__ import annotations

from cpw.ingest.dates import parse_date_sql
from cpw.ingest.tables import Column, Kind, TableSpec

REJECTED, FLAGGED = "rejected", "flagged"


def _blank(column: str) -> str:
    return f"nullif(trim({column}), '') is null"


def _format_check(column: Column) -> tuple[str, str] | None:
    """(SQL condition for a present but badly formed value, reason), if the kind has a format."""
    name = column.name.lower()
    if column.kind is Kind.DATE:
        return f"{parse_date_sql(name)} is null", "not a valid date (dd/mm/yyyy)"
    if column.kind is Kind.DATE_ZZ:
        return (
            f"{parse_date_sql(name)} is null and not regexp_full_match(lower(trim({name})), "
            "'(zz|\\d{2})/(zz|\\d{2})/(zzzz|\\d{4})')",
            "not a valid date (dd/mm/yyyy, zz for unknown parts)",
        )
    if column.kind is Kind.FLAG:
        return f"trim({name}) not in ('0', '1')", "not 0 or 1"
    if column.kind is Kind.INTEGER:
        return (
            f"coalesce(try_cast(trim({name}) as integer) not between {column.minimum} and "
            f"{column.maximum} or not regexp_full_match(trim({name}), '\\d+'), true)",
            f"not a whole number from {column.minimum} to {column.maximum}",
        )
    if column.kind is Kind.CODE:
        key = f"'{column.codes}|' || upper(trim({name})) || '|' || _collection_year"
        return f"{key} not in (select code_key from _valid_codes)", (
            "not a valid code in this collection year"
        )
    return None


def _reason_sql(column: Column) -> str:
    name = column.name.lower()
    branches = []
    if column.required:
        branches.append(f"when {_blank(name)} then 'missing required value'")
    check = _format_check(column)
    if check is not None:
        condition, reason = check
        branches.append(f"when not {_blank(name)} and ({condition}) then '{reason}'")
    return f"case {' '.join(branches)} end" if branches else "cast(null as varchar)"


def issues_sql(spec: TableSpec) -> str:
    """SQL listing every problem in `incoming`: file, line, column, value, reason, disposition."""
    key_columns = {c.lower() for c in spec.key}
    checks = ",\n            ".join(
        f"{{'column_name': '{c.name}', 'value': {c.name.lower()}, "
        f"'reason': {_reason_sql(c)}, "
        f"'disposition': '{REJECTED if c.name.lower() in key_columns else FLAGGED}'}}"
        for c in spec.columns
        if c.required or _format_check(c) is not None
    )
    key_values = [
        parse_date_sql(k.lower())
        if _kind(spec, k) is Kind.DATE
        else f"nullif(upper(trim({k.lower()})), '')"
        for k in spec.key
    ]
    valid_key = " and ".join(f"({value}) is not null" for value in key_values)
    key_label = ",".join(spec.key)
    return f"""
        with checked as (
            select _source_file, _source_line, [
            {checks}
            ] as found
            from incoming
        ),
        value_issues as (
            select _source_file, _source_line,
                unnest(list_filter(found, x -> x.reason is not null), recursive := true)
            from checked
        ),
        ranked as (
            select _source_file, _source_line,
                concat_ws(',', {", ".join(k.lower() for k in spec.key)}) as key_text,
                row_number() over key_window as key_rank,
                first_value(_source_line) over key_window as first_line,
                first_value(_source_file) over key_window as first_file
            from incoming
            where {valid_key}
            window key_window as (
                partition by _collection_year, {", ".join(key_values)}
                order by _source_file, _source_line
            )
        )
        select _source_file, _source_line, column_name, value, reason, disposition
        from value_issues
        union all
        select _source_file, _source_line, '{key_label}', key_text,
            'duplicate key: same {key_label} as line ' || first_line || ' of ' || first_file,
            '{REJECTED}'
        from ranked
        where key_rank > 1"""


def _kind(spec: TableSpec, name: str) -> Kind:
    return next(c.kind for c in spec.columns if c.name == name)
