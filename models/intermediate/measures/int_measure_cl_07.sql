with

needs_assessments as not materialized (
    select * from {{ ref('int_needs_assessment_due') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
)

-- one row per eligible child whose needs assessment fell due in the year; the assessment
-- is due whether or not the young person is still looked after by then
select
    'CL-07:' || needs_assessments.child_id as child_measure_id,
    needs_assessments.child_id,
    'CL-07' as measure_id,
    collection_years.collection_year,
    needs_assessments.eligible_date as event_date,
    needs_assessments.due_date,
    needs_assessments.assessment_date as met_date,
    cast(datediff('day', needs_assessments.due_date, needs_assessments.assessment_date) as double)
        as observed_value,
    needs_assessments.due_date <= needs_assessments.known_until_date as is_in_denominator,
    coalesce(needs_assessments.assessment_date <= needs_assessments.due_date, false)
        as is_in_numerator,
    case
        when needs_assessments.assessment_date <= needs_assessments.due_date then 'on time'
        when needs_assessments.assessment_date is not null then 'late'
        else 'no needs assessment'
    end as status
from needs_assessments
inner join collection_years
    on needs_assessments.due_collection_year = collection_years.collection_year
where {{ is_extract_returned('CL-07', 'collection_years.collection_year') }}
