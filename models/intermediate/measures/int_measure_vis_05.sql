with

visits as not materialized (
    select * from {{ ref('stg_local__ssd_cla_visits') }}
),

children as not materialized (
    select * from {{ ref('int_child_earliest_birth_dates') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

latest_visits as (
    select visits.*
    from visits
    where visits.visit_date is not null and visits.is_child_seen
    qualify row_number() over (
        partition by visits.visit_id order by visits.collection_year desc
    ) = 1
)

-- one row per visit where the child was seen; seeing a child under 4 alone is not expected
select
    'VIS-05:' || latest_visits.visit_id as child_measure_id,
    latest_visits.child_id,
    'VIS-05' as measure_id,
    collection_years.collection_year,
    latest_visits.visit_date as event_date,
    cast(null as date) as due_date,
    latest_visits.visit_date as met_date,
    cast(null as double) as observed_value,
    coalesce({{ age_in_years('children.birth_date', 'latest_visits.visit_date') }} >= 4, true)
        as is_in_denominator,
    coalesce(latest_visits.is_child_seen_alone, false) as is_in_numerator,
    case when latest_visits.is_child_seen_alone then 'seen alone' else 'not seen alone' end
        as status
from latest_visits
inner join collection_years
    on {{ collection_year_of('latest_visits.visit_date') }} = collection_years.collection_year
left join children
    on latest_visits.child_id = children.child_id
where {{ is_extract_returned('VIS-05', 'collection_years.collection_year') }}
