with

located as not materialized (
    select * from {{ ref('int_placement_location_measures') }}
)

select
    'STB-04:' || located.location_row_id as child_measure_id,
    located.child_id,
    'STB-04' as measure_id,
    located.collection_year,
    located.event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    located.placement_distance_miles as observed_value,
    true as is_in_denominator,
    coalesce(
        located.placement_location = 'OUT'
        and located.placement_distance_miles > 20
        and located.placement_distance_miles <> 999.9,
        false
    ) as is_in_numerator,
    located.population,
    cast(null as varchar) as category,
    case
        when located.placement_distance_miles is null then 'distance not applicable (UASC)'
        when located.placement_distance_miles = 999.9 then 'distance unknown'
        else coalesce(located.placement_location, 'location unknown') || ', '
            || located.placement_distance_miles || ' miles'
    end as status
from located
