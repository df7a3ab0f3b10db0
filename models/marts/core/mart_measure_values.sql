with

child_measures as (
    select * from {{ ref('fct_child_measure') }}
),

catalogue as (
    select * from {{ ref('measure_catalogue') }}
),

collection_years as (
    select * from {{ ref('int_collection_years') }}
),

by_breakdown as (
    select measure_id, collection_year, 'all' as breakdown_type, 'All' as breakdown_value,
        is_in_denominator, is_in_numerator
    from child_measures
    union all
    select measure_id, collection_year, 'sex', sex, is_in_denominator, is_in_numerator
    from child_measures
    union all
    select measure_id, collection_year, 'age_band', age_band, is_in_denominator, is_in_numerator
    from child_measures
),

counted as (
    select
        measure_id,
        collection_year,
        breakdown_type,
        breakdown_value,
        count(*) filter (where is_in_denominator) as denominator,
        count(*) filter (where is_in_denominator and is_in_numerator) as numerator
    from by_breakdown
    group by measure_id, collection_year, breakdown_type, breakdown_value
),

headline_grid as (
    -- every catalogue measure gets a headline row in every loaded year, even with no children
    select
        catalogue.measure_id,
        collection_years.collection_year,
        'all' as breakdown_type,
        'All' as breakdown_value
    from catalogue
    cross join collection_years
),

completed as (
    select
        coalesce(counted.measure_id, headline_grid.measure_id) as measure_id,
        coalesce(counted.collection_year, headline_grid.collection_year) as collection_year,
        coalesce(counted.breakdown_type, headline_grid.breakdown_type) as breakdown_type,
        coalesce(counted.breakdown_value, headline_grid.breakdown_value) as breakdown_value,
        coalesce(counted.numerator, 0) as numerator,
        coalesce(counted.denominator, 0) as denominator
    from counted
    full outer join headline_grid
        on counted.measure_id = headline_grid.measure_id
        and counted.collection_year = headline_grid.collection_year
        and counted.breakdown_type = headline_grid.breakdown_type
        and counted.breakdown_value = headline_grid.breakdown_value
)

select
    completed.measure_id || ':' || completed.collection_year || ':' || completed.breakdown_type
        || ':' || completed.breakdown_value as measure_value_id,
    '{{ var("la_code") }}' as la_code,
    completed.measure_id,
    completed.collection_year,
    collection_years.period_start,
    collection_years.period_end,
    completed.breakdown_type,
    completed.breakdown_value,
    completed.numerator,
    completed.denominator,
    case
        when completed.denominator > 0 then 100.0 * completed.numerator / completed.denominator
    end as value
from completed
inner join collection_years
    on completed.collection_year = collection_years.collection_year
