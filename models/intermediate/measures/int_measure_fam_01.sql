with

sessions as not materialized (
    select * from {{ ref('stg_local__cpw_family_time') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

latest_sessions as (
    select sessions.*
    from sessions
    where sessions.session_date is not null
    qualify row_number() over (
        partition by sessions.family_time_id order by sessions.collection_year desc
    ) = 1
)

-- one row per planned family-time session (CA 1989 s34): held or not, and why not
select
    'FAM-01:' || latest_sessions.family_time_id as child_measure_id,
    latest_sessions.child_id,
    'FAM-01' as measure_id,
    collection_years.collection_year,
    latest_sessions.session_date as event_date,
    latest_sessions.session_date as due_date,
    case when latest_sessions.is_held then latest_sessions.session_date end as met_date,
    cast(null as double) as observed_value,
    true as is_in_denominator,
    coalesce(latest_sessions.is_held, false) as is_in_numerator,
    case
        when latest_sessions.is_held then 'held'
        else 'not held: ' || coalesce(latest_sessions.not_held_reason, 'reason not recorded')
    end as status
from latest_sessions
inner join collection_years
    on {{ collection_year_of('latest_sessions.session_date') }} = collection_years.collection_year
where {{ is_extract_returned('FAM-01', 'collection_years.collection_year') }}
