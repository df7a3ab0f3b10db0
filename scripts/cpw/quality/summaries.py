"""Summary tables `cpw check` writes beside its results, for the data team's page.

They are written inside the same atomic write as `quality.expectation_results`, from tables
already in the warehouse, so the page only selects and filters:

- `quality.expectation_suite_results`: per run and suite, expectations run, passed, failed and
  critical failures (appended each run);
- `quality.quarantine_counts`: per run, rows `cpw load` quarantined or flagged, by table, year,
  disposition and reason (appended each run; the reason without its line references);
- `quality.validation_error_changes`: per rule, errors and children in the latest run beside
  the run before it (replaced each run), from `quality.validation_error_counts`.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

SUITE_RESULTS = "quality.expectation_suite_results"
QUARANTINE_COUNTS = "quality.quarantine_counts"
ERROR_CHANGES = "quality.validation_error_changes"

_CREATE_SUITE_RESULTS = f"""
create table if not exists {SUITE_RESULTS} (
    run_id varchar not null,
    run_at timestamp not null,
    suite_name varchar not null,
    table_name varchar not null,
    expectations_count bigint not null,
    passed_count bigint not null,
    failed_count bigint not null,
    critical_failed_count bigint not null
)
"""
_INSERT_SUITE_RESULTS = f"""
insert into {SUITE_RESULTS}
select
    run_id,
    run_at,
    suite_name,
    table_name,
    count(*),
    count(*) filter (where success),
    count(*) filter (where not success),
    count(*) filter (where not success and is_critical)
from quality.expectation_results
where run_id = ?
group by run_id, run_at, suite_name, table_name
"""
_CREATE_QUARANTINE = f"""
create table if not exists {QUARANTINE_COUNTS} (
    run_id varchar not null,
    run_at timestamp not null,
    table_name varchar,
    collection_year integer,
    disposition varchar,
    reason varchar,
    rows_count bigint not null
)
"""
# "duplicate key: same CHILD,REVIEW as line 3692 of reviews.csv" names a line; counting by
# reason needs the kind of problem, so the reference to the other line is cut off.
_INSERT_QUARANTINE = f"""
insert into {QUARANTINE_COUNTS}
select
    ?,
    ?,
    table_name,
    collection_year,
    disposition,
    regexp_replace(reason, ' as line [0-9]+ of .*$', ''),
    count(*)
from raw.quarantine
group by all
"""
_ERROR_CHANGES = f"""
create or replace table {ERROR_CHANGES} as
with

runs as (
    select run_id, run_at, dense_rank() over (order by run_at desc, run_id desc) as run_rank
    from (select distinct run_id, run_at from quality.validation_error_counts)
),

by_rule as (
    select
        counts.rule_code,
        runs.run_rank,
        min(counts.rule_message) as rule_message,
        -- sum() of bigint is hugeint, which the site would show as 1.0
        cast(sum(counts.errors_count) as bigint) as errors_count,
        cast(sum(counts.children_count) as bigint) as children_count
    from quality.validation_error_counts as counts
    inner join runs on counts.run_id = runs.run_id
    where runs.run_rank <= 2
    group by counts.rule_code, runs.run_rank
)

select
    coalesce(latest.rule_code, previous.rule_code) as rule_code,
    coalesce(latest.rule_message, previous.rule_message) as rule_message,
    coalesce(latest.errors_count, 0) as errors_count,
    coalesce(latest.children_count, 0) as children_count,
    -- null when there is no earlier run to compare with
    case when (select count(*) from runs) > 1 then coalesce(previous.errors_count, 0) end
        as previous_errors_count,
    case
        when (select count(*) from runs) > 1
            then coalesce(latest.errors_count, 0) - coalesce(previous.errors_count, 0)
    end as errors_change
from (select * from by_rule where run_rank = 1) as latest
full outer join (select * from by_rule where run_rank = 2) as previous
    on latest.rule_code = previous.rule_code
"""


def write_summaries(
    con: duckdb.DuckDBPyConnection, run_id: str, run_at: datetime, has_error_counts: bool
) -> None:
    """Write the run's summary tables on a writable connection (inside the atomic write)."""
    con.execute(_CREATE_SUITE_RESULTS)
    con.execute(_INSERT_SUITE_RESULTS, [run_id])
    con.execute(_CREATE_QUARANTINE)
    has_quarantine = con.execute(
        "select count(*) from information_schema.tables"
        " where table_schema = 'raw' and table_name = 'quarantine'"
    ).fetchone()
    if has_quarantine and has_quarantine[0]:
        con.execute(_INSERT_QUARANTINE, [run_id, run_at])
    if has_error_counts:
        con.execute(_ERROR_CHANGES)
