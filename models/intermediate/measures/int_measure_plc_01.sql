with

siblings as not materialized (
    select * from {{ ref('stg_local__cpw_siblings') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

pairs as (
    -- each pair is listed once per child; count it once, under the lower child id
    select
        siblings.collection_year,
        siblings.child_id,
        siblings.sibling_child_id,
        bool_or(coalesce(siblings.is_placed_together, false)) as is_placed_together
    from siblings
    where siblings.is_both_looked_after_31_march
        and siblings.child_id < siblings.sibling_child_id
    group by siblings.collection_year, siblings.child_id, siblings.sibling_child_id
)

-- one row per pair of looked-after siblings at 31 March (CA 1989 s22C(8)(c))
select
    'PLC-01:' || pairs.child_id || ':' || pairs.sibling_child_id || ':' || pairs.collection_year
        as child_measure_id,
    pairs.child_id,
    'PLC-01' as measure_id,
    collection_years.collection_year,
    collection_years.period_end as event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast(null as double) as observed_value,
    true as is_in_denominator,
    pairs.is_placed_together as is_in_numerator,
    case when pairs.is_placed_together then 'placed together' else 'placed apart' end as status
from pairs
inner join collection_years
    on pairs.collection_year = collection_years.collection_year
where {{ is_extract_returned('PLC-01', 'collection_years.collection_year') }}
