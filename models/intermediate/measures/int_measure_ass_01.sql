with

assessments as not materialized (
    select * from {{ ref('int_assessment_timeliness') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
)

-- one row per assessment completed (authorised) in the year, as DfE counts them
select
    'ASS-01:' || assessments.assessment_id as child_measure_id,
    assessments.child_id,
    'ASS-01' as measure_id,
    collection_years.collection_year,
    assessments.assessment_start_date as event_date,
    assessments.statutory_due_date as due_date,
    assessments.assessment_auth_date as met_date,
    cast(datediff('day', assessments.statutory_due_date, assessments.assessment_auth_date) as double)
        as observed_value,
    true as is_in_denominator,
    assessments.is_completed_in_statutory_time as is_in_numerator,
    case
        when assessments.is_completed_in_statutory_time then 'within 45 working days'
        else 'over 45 working days'
    end as status
from assessments
inner join collection_years
    on assessments.completed_collection_year = collection_years.collection_year
where {{ is_extract_returned('ASS-01', 'collection_years.collection_year') }}
