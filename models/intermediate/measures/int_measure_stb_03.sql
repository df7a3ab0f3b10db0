with

looked_after as not materialized (
    select * from {{ ref('int_looked_after_in_year') }}
),

periods_of_care as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

placement_spells as not materialized (
    select * from {{ ref('int_placement_spells') }}
),

cohort as (
    -- looked after at 31 March in a period of care begun at least 2 years before
    select
        looked_after.collection_year,
        looked_after.period_end,
        looked_after.child_id,
        looked_after.period_end - interval 2 year + interval 1 day as window_start
    from looked_after
    inner join periods_of_care
        on looked_after.latest_period_of_care_id = periods_of_care.period_of_care_id
    where looked_after.is_looked_after_at_year_end
        and periods_of_care.period_start_date <= looked_after.period_end - interval 2 year
),

counted as (
    select
        cohort.collection_year,
        cohort.period_end,
        cohort.child_id,
        count(placement_spells.placement_spell_id) as placements_count
    from cohort
    left join placement_spells
        on cohort.child_id = placement_spells.child_id
        and placement_spells.placement_start_date <= cohort.period_end
        and coalesce(placement_spells.placement_end_date, placement_spells.known_until_date)
            >= cohort.window_start
    group by cohort.collection_year, cohort.period_end, cohort.child_id
)

select
    'STB-03:' || counted.child_id || ':' || counted.collection_year as child_measure_id,
    counted.child_id,
    'STB-03' as measure_id,
    counted.collection_year,
    counted.period_end as event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast(counted.placements_count as double) as observed_value,
    true as is_in_denominator,
    counted.placements_count >= 3 as is_in_numerator,
    counted.placements_count || ' placements in the last 2 years' as status
from counted
