with

located as not materialized (
    select * from {{ ref('int_placement_location_measures') }}
)

select
    'STB-05:' || located.location_row_id as child_measure_id,
    located.child_id,
    'STB-05' as measure_id,
    located.collection_year,
    located.event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    located.placement_distance_miles as observed_value,
    true as is_in_denominator,
    coalesce(located.placement_location = 'OUT', false) as is_in_numerator,
    located.population,
    cast(null as varchar) as category,
    case located.placement_location
        when 'IN' then 'placed inside the council''s area'
        when 'OUT' then 'placed outside the council''s area'
        else 'placement location unknown'
    end as status
from located
