with

adoptions as not materialized (
    select * from {{ ref('int_adoptions') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

in_window as (
    -- the scorecards average over the children adopted in the 3 years to 31 March
    select collection_years.collection_year, collection_years.period_end, adoptions.*
    from adoptions
    inner join collection_years
        on adoptions.adoption_order_date
            between collection_years.period_end - interval 3 year + interval 1 day
            and collection_years.period_end
)

select
    'ADP-01:' || in_window.period_of_care_id || ':' || in_window.collection_year
        as child_measure_id,
    in_window.child_id,
    'ADP-01' as measure_id,
    in_window.collection_year,
    in_window.period_start_date as event_date,
    cast(null as date) as due_date,
    in_window.moved_in_date as met_date,
    cast(datediff('day', in_window.period_start_date, in_window.moved_in_date) as double)
        as observed_value,
    in_window.moved_in_date is not null as is_in_denominator,
    in_window.moved_in_date is not null as is_in_numerator,
    case
        when in_window.moved_in_date is null then 'adopted with no adoptive placement recorded'
        else datediff('day', in_window.period_start_date, in_window.moved_in_date)
            || ' days from entering care to moving in with the adoptive family'
    end as status
from in_window
