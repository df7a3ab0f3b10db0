with

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

children as not materialized (
    select * from {{ ref('int_child_earliest_birth_dates') }}
),

moves as not materialized (
    select * from {{ ref('stg_local__cpw_school_moves') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

cohort as (
    -- DfE's school stability population: looked after at 31 March (short breaks excluded), of
    -- school age; moves count from the start of the year or of care, whichever is later
    select
        periods.child_id,
        collection_years.collection_year,
        collection_years.period_end,
        greatest(periods.period_start_date, collection_years.period_start) as counted_from_date
    from periods
    inner join collection_years
        on periods.period_start_date <= collection_years.period_end
        and coalesce(periods.period_end_date > collection_years.period_end, periods.known_until_date >= collection_years.period_end)
    inner join children
        on periods.child_id = children.child_id
    where not periods.is_short_breaks_only
        and {{ age_in_years('children.birth_date', 'collection_years.period_end') }} between 5 and 15
),

counted_moves as (
    select distinct
        moves.child_id,
        moves.school_move_id,
        moves.school_move_date,
        moves.school_move_reason
    from moves
    where moves.school_move_date is not null
)

select
    cohort.collection_year || ':' || cohort.child_id as school_move_cohort_id,
    cohort.child_id,
    cohort.collection_year,
    cohort.period_end,
    count(counted_moves.school_move_id) as moves_count,
    -- mid-year: outside 1 August to 30 September, when children change school anyway
    count(counted_moves.school_move_id) filter (
        where month(counted_moves.school_move_date) not in (8, 9)
    ) as mid_year_moves_count,
    -- a move up to secondary school is a planned phase transfer, not instability
    count(counted_moves.school_move_id) filter (
        where coalesce(counted_moves.school_move_reason, '') <> 'Phase transfer'
    ) as unplanned_moves_count
from cohort
left join counted_moves
    on cohort.child_id = counted_moves.child_id
    and counted_moves.school_move_date between cohort.counted_from_date and cohort.period_end
group by cohort.collection_year, cohort.child_id, cohort.period_end
