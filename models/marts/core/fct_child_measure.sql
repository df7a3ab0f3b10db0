with

stb_01 as (
    select * from {{ ref('int_measure_stb_01') }}
),

rev_01 as (
    select * from {{ ref('int_measure_rev_01') }}
),

rev_02 as (
    select * from {{ ref('int_measure_rev_02') }}
),

rev_03 as (
    select * from {{ ref('int_measure_rev_03') }}
),

collection_years as (
    select * from {{ ref('int_collection_years') }}
),

children as (
    select * from {{ ref('dim_child') }}
),

stacked as (
    select * from stb_01
    union all by name
    select * from rev_01
    union all by name
    select * from rev_02
    union all by name
    select * from rev_03
)

select
    stacked.child_measure_id,
    '{{ var("la_code") }}' as la_code,
    stacked.child_id,
    stacked.measure_id,
    stacked.collection_year,
    collection_years.period_start,
    collection_years.period_end,
    stacked.event_date,
    stacked.due_date,
    stacked.met_date,
    stacked.observed_value,
    stacked.is_in_denominator,
    stacked.is_in_numerator,
    stacked.status,
    coalesce(children.sex, 'U') as sex,
    -- DfE's age bands, at 31 March of the collection year
    case
        when children.birth_date is null then 'Unknown'
        when {{ age_in_years('children.birth_date', 'collection_years.period_end') }} < 1 then 'Under 1'
        when {{ age_in_years('children.birth_date', 'collection_years.period_end') }} < 5 then '1 to 4'
        when {{ age_in_years('children.birth_date', 'collection_years.period_end') }} < 10 then '5 to 9'
        when {{ age_in_years('children.birth_date', 'collection_years.period_end') }} < 16 then '10 to 15'
        else '16 and over'
    end as age_band
from stacked
inner join collection_years
    on stacked.collection_year = collection_years.collection_year
left join children
    on stacked.child_id = children.child_id
