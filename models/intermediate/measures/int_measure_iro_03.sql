with

allocations as not materialized (
    select * from {{ ref('int_worker_allocations') }}
),

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

looked_after_at_year_end as (
    select distinct
        collection_years.collection_year,
        collection_years.period_end,
        periods.child_id
    from periods
    inner join collection_years
        on periods.period_start_date <= collection_years.period_end
        and coalesce(periods.period_end_date > collection_years.period_end, periods.known_until_date >= collection_years.period_end)
),

caseloads as (
    select
        looked_after_at_year_end.collection_year,
        looked_after_at_year_end.period_end,
        allocations.worker_id as iro_id,
        count(distinct allocations.child_id) as children_count
    from allocations
    inner join looked_after_at_year_end
        on allocations.child_id = looked_after_at_year_end.child_id
        and allocations.involvement_start_date <= looked_after_at_year_end.period_end
        and coalesce(allocations.involvement_end_date, looked_after_at_year_end.period_end)
            >= looked_after_at_year_end.period_end
    where allocations.worker_role = 'IRO'
    group by all
)

-- one row per IRO, not per child: child_id holds the IRO's id, observed_value their caseload
-- of children looked after at 31 March. The 'mean' unit makes the value children per IRO;
-- the extract has no FTE, so each IRO with a caseload counts as one.
select
    'IRO-03:' || caseloads.iro_id || ':' || caseloads.collection_year as child_measure_id,
    caseloads.iro_id as child_id,
    'IRO-03' as measure_id,
    caseloads.collection_year,
    caseloads.period_end as event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast(caseloads.children_count as double) as observed_value,
    true as is_in_denominator,
    true as is_in_numerator,
    'IRO caseload at 31 March' as status
from caseloads
where {{ is_extract_returned('IRO-03', 'caseloads.collection_year') }}
