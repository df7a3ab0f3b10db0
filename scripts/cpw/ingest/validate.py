"""Row-level checks of incoming 903 rows, run as SQL in DuckDB so they stay fast at scale.

A problem with a row's key (CHILD, or the date that identifies the row, e.g. DECOM) or a
duplicate key rejects the row: it goes to quarantine and not into raw. Any other problem (an
unknown code, a bad optional date, a value of the wrong type, a missing required value) flags
the row: it is loaded, and the problem is recorded in quarantine with disposition 'flagged'.

One pass computes a reason column per checked column (null when the value is fine); only rows
with a reason are unpivoted into issues. Valid codes are written into the SQL as IN lists, one
per range of collection years, from the same seed CSVs dbt loads.
"""

from __future__ import annotations

from collections import defaultdict

from cpw.ingest.codes import CodeRow, code_rows
from cpw.ingest.dates import parse_date_sql
from cpw.ingest.tables import Column, Kind, TableSpec

REJECTED, FLAGGED = "rejected", "flagged"


def _blank(column: str) -> str:
    return f"nullif(trim({column}), '') is null"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _code_condition(column: str, list_name: str, rows: tuple[CodeRow, ...]) -> str:
    """SQL that is true when the column holds a valid code for the row's collection year."""
    by_years: dict[tuple[int, int], list[str]] = defaultdict(list)
    for row in rows:
        if row.list_name == list_name:
            by_years[(row.first_collection_year, row.last_collection_year)].append(row.code.upper())
    if not by_years:
        raise ValueError(f"no seed seeds/codes/{list_name}.csv")
    value = f"upper(trim({column}))"
    parts = [
        f"(_collection_year between {first} and {last} and {value} in "
        f"({', '.join(_quote(c) for c in sorted(codes))}))"
        for (first, last), codes in sorted(by_years.items())
    ]
    return "(" + " or ".join(parts) + ")"


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
    if column.kind is Kind.YES_NO:
        return f"upper(trim({name})) not in ('Y', 'N')", "not Y or N"
    if column.choices:
        allowed = ", ".join(_quote(c) for c in column.choices)
        return f"trim({name}) not in ({allowed})", "not one of: " + ", ".join(column.choices)
    if column.kind is Kind.INTEGER:
        return (
            f"coalesce(try_cast(trim({name}) as integer) not between {column.minimum} and "
            f"{column.maximum} or not regexp_full_match(trim({name}), '\\d+'), true)",
            f"not a whole number from {column.minimum} to {column.maximum}",
        )
    if column.kind is Kind.CODE and column.codes is not None:
        return (
            f"not {_code_condition(name, column.codes, code_rows())}",
            "not a valid code in this collection year",
        )
    return None


def _reason_sql(column: Column) -> str | None:
    name = column.name.lower()
    branches = []
    if column.required:
        branches.append(f"when {_blank(name)} then 'missing required value'")
    check = _format_check(column)
    if check is not None:
        condition, reason = check
        branches.append(f"when not {_blank(name)} and ({condition}) then '{reason}'")
    return f"case {' '.join(branches)} end" if branches else None


def issues_sql(spec: TableSpec, source: str) -> str:
    """SQL listing every problem in the rows of `source`.

    Columns: file, line, column, value, reason and disposition (rejected or flagged).
    """
    key_columns = spec.rejecting_columns
    checked = [(c, sql) for c in spec.columns if (sql := _reason_sql(c)) is not None]
    reason_columns = ",\n                ".join(
        f"{c.name.lower()} as v_{i}, {sql} as r_{i}" for i, (c, sql) in enumerate(checked)
    )
    any_reason = " or ".join(f"r_{i} is not null" for i in range(len(checked)))
    per_column = "\n        union all\n".join(
        f"        select _source_file, _source_line, '{c.name}' as column_name, v_{i} as value, "
        f"r_{i} as reason, "
        f"'{REJECTED if c.name.lower() in key_columns else FLAGGED}' as disposition "
        f"from problems where r_{i} is not null"
        for i, (c, _) in enumerate(checked)
    )
    key_values = [
        parse_date_sql(k.lower())
        if _kind(spec, k) is Kind.DATE
        else f"nullif(upper(trim({k.lower()})), '')"
        for k in spec.key
    ]
    key_aliases = [f"k_{i}" for i in range(len(key_values))]
    key_select = ", ".join(f"{v} as {a}" for v, a in zip(key_values, key_aliases, strict=True))
    valid_key = " and ".join(f"{a} is not null" for a in key_aliases)
    key_label = ",".join(spec.key)
    return f"""
        with reasons as materialized (
            select _source_file, _source_line,
                {reason_columns}
            from {source}
        ),
        problems as (
            select * from reasons where {any_reason}
        ),
        keyed as materialized (
            select _source_file, _source_line, _collection_year, {key_select},
                concat_ws(',', {", ".join(k.lower() for k in spec.key)}) as key_text
            from {source}
        ),
        repeated_keys as (
            -- a hash aggregate finds the few repeated keys before any sort is needed
            select _collection_year, {", ".join(key_aliases)}
            from keyed
            where {valid_key}
            group by all
            having count(*) > 1
        ),
        ranked as (
            select keyed._source_file, keyed._source_line, keyed.key_text,
                row_number() over key_window as key_rank,
                first_value(keyed._source_line) over key_window as first_line,
                first_value(keyed._source_file) over key_window as first_file
            from keyed
            semi join repeated_keys using (_collection_year, {", ".join(key_aliases)})
            window key_window as (
                partition by keyed._collection_year, {", ".join(f"keyed.{a}" for a in key_aliases)}
                order by keyed._source_file, keyed._source_line
            )
        )
{per_column}
        union all
        select _source_file, _source_line, '{key_label}', key_text,
            'duplicate key: same {key_label} as line ' || first_line || ' of ' || first_file,
            '{REJECTED}'
        from ranked
        where key_rank > 1"""


def _kind(spec: TableSpec, name: str) -> Kind:
    return next(c.kind for c in spec.columns if c.name == name)
