with

looked_after as not materialized (
    select * from {{ ref('int_looked_after_in_year') }}
)

select
    'STB-10:' || looked_after.child_id || ':' || looked_after.collection_year as child_measure_id,
    looked_after.child_id,
    'STB-10' as measure_id,
    looked_after.collection_year,
    looked_after.period_end as event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast(null as double) as observed_value,
    true as is_in_denominator,
    looked_after.placement_group = 'Foster placements' as is_in_numerator,
    looked_after.placement_group as category,
    looked_after.placement_group || ' (' || coalesce(looked_after.place_code, 'no code') || ')'
        as status
from looked_after
where looked_after.is_looked_after_at_year_end
