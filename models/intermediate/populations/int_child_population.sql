with

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

ons_population as not materialized (
    select * from {{ ref('ons_child_population') }}
    where geography_code = '{{ var("la_code") }}'
),

latest_estimate as (
    select max(time_period) as latest_time_period
    from ons_population
),

matched as (
    -- DfE divides year Y's counts by the ONS mid-year estimate for Y-1 (e.g. 31 March 2025
    -- uses mid-2024); a year beyond the newest estimate carries the newest forward
    select
        collection_years.collection_year,
        least(collection_years.collection_year - 1, latest_estimate.latest_time_period)
            as estimate_year
    from collection_years
    cross join latest_estimate
)

select
    matched.collection_year,
    matched.estimate_year,
    matched.estimate_year < matched.collection_year - 1 as is_carried_forward,
    ons_population.population_0_17
from matched
inner join ons_population
    on matched.estimate_year = ons_population.time_period
