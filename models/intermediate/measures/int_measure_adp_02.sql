with

adoptions as not materialized (
    select * from {{ ref('int_adoptions') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

in_window as (
    select collection_years.collection_year, adoptions.*
    from adoptions
    inner join collection_years
        on adoptions.adoption_order_date
            between collection_years.period_end - interval 3 year + interval 1 day
            and collection_years.period_end
),

measured as (
    -- a match before court authority counts as 0 days (LG Inform metric 912)
    select
        in_window.*,
        greatest(0, datediff('day', in_window.placement_order_date, in_window.match_date))
            as days_to_match
    from in_window
)

select
    'ADP-02:' || measured.period_of_care_id || ':' || measured.collection_year
        as child_measure_id,
    measured.child_id,
    'ADP-02' as measure_id,
    measured.collection_year,
    measured.placement_order_date as event_date,
    cast(null as date) as due_date,
    measured.match_date as met_date,
    cast(measured.days_to_match as double) as observed_value,
    measured.days_to_match is not null as is_in_denominator,
    measured.days_to_match is not null as is_in_numerator,
    case
        when measured.placement_order_date is null then 'no placement or freeing order: excluded'
        when measured.match_date is null then 'no match date in AD1: excluded'
        else measured.days_to_match || ' days from court authority to match'
    end as status
from measured
