with

siblings as not materialized (
    select * from {{ ref('stg_local__cpw_siblings') }}
),

allocations as not materialized (
    select * from {{ ref('int_worker_allocations') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

pairs as (
    -- each pair is listed once per child; count it once, under the lower child id
    select distinct
        siblings.collection_year,
        siblings.child_id,
        siblings.sibling_child_id
    from siblings
    where siblings.is_both_looked_after_31_march
        and siblings.child_id < siblings.sibling_child_id
),

iro_at_year_end as (
    select
        collection_years.collection_year,
        allocations.child_id,
        min(allocations.worker_id) as iro_id
    from allocations
    inner join collection_years
        on allocations.involvement_start_date <= collection_years.period_end
        and coalesce(allocations.involvement_end_date, collection_years.period_end)
            >= collection_years.period_end
    where allocations.worker_role = 'IRO'
    group by collection_years.collection_year, allocations.child_id
)

select
    'IRO-02:' || pairs.child_id || ':' || pairs.sibling_child_id || ':' || pairs.collection_year
        as child_measure_id,
    pairs.child_id,
    'IRO-02' as measure_id,
    collection_years.collection_year,
    collection_years.period_end as event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast(null as double) as observed_value,
    true as is_in_denominator,
    coalesce(child_iro.iro_id = sibling_iro.iro_id, false) as is_in_numerator,
    case
        when child_iro.iro_id is null or sibling_iro.iro_id is null then 'an IRO not allocated'
        when child_iro.iro_id = sibling_iro.iro_id then 'same IRO'
        else 'different IROs'
    end as status
from pairs
inner join collection_years
    on pairs.collection_year = collection_years.collection_year
left join iro_at_year_end as child_iro
    on pairs.collection_year = child_iro.collection_year
    and pairs.child_id = child_iro.child_id
left join iro_at_year_end as sibling_iro
    on pairs.collection_year = sibling_iro.collection_year
    and pairs.sibling_child_id = sibling_iro.child_id
where {{ is_extract_returned('IRO-02', 'collection_years.collection_year') }}
