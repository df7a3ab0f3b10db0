with

assessments as not materialized (
    select * from {{ ref('int_assessment_timeliness') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
)

-- the local standard beside (never instead of) ASS-01: both the manager's review and the
-- completion inside their local deadlines
select
    'ASS-02:' || assessments.assessment_id as child_measure_id,
    assessments.child_id,
    'ASS-02' as measure_id,
    collection_years.collection_year,
    assessments.assessment_start_date as event_date,
    assessments.local_due_date as due_date,
    assessments.assessment_auth_date as met_date,
    cast(datediff('day', assessments.local_due_date, assessments.assessment_auth_date) as double)
        as observed_value,
    true as is_in_denominator,
    assessments.is_manager_review_in_local_time and assessments.is_completed_in_local_time
        as is_in_numerator,
    case
        when assessments.is_manager_review_in_local_time and assessments.is_completed_in_local_time
            then 'both local standards met'
        when assessments.is_completed_in_local_time then 'manager review late'
        when assessments.is_manager_review_in_local_time then 'completion late'
        else 'both late'
    end as status
from assessments
inner join collection_years
    on assessments.completed_collection_year = collection_years.collection_year
where {{ is_extract_returned('ASS-02', 'collection_years.collection_year') }}
