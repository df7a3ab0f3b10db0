with

attendance as not materialized (
    select * from {{ ref('stg_local__cpw_review_attendance') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

latest_attendance as (
    select attendance.*
    from attendance
    where attendance.review_date is not null
    qualify row_number() over (
        partition by attendance.review_id order by attendance.collection_year desc
    ) = 1
)

-- one row per review; a parent excluded for recorded safeguarding reasons is not counted
select
    'FAM-02:' || latest_attendance.review_id as child_measure_id,
    latest_attendance.child_id,
    'FAM-02' as measure_id,
    collection_years.collection_year,
    latest_attendance.review_date as event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast(null as double) as observed_value,
    not coalesce(latest_attendance.is_parent_excluded, false) as is_in_denominator,
    coalesce(latest_attendance.is_parent_attended, false)
        or coalesce(latest_attendance.is_parent_views_recorded, false) as is_in_numerator,
    case
        when latest_attendance.is_parent_excluded then 'parent excluded (safeguarding)'
        when latest_attendance.is_parent_attended then 'parent attended'
        when latest_attendance.is_parent_views_recorded then 'parent views recorded'
        else 'parent did not take part'
    end as status
from latest_attendance
inner join collection_years
    on {{ collection_year_of('latest_attendance.review_date') }} = collection_years.collection_year
where {{ is_extract_returned('FAM-02', 'collection_years.collection_year') }}
