with

assessments as not materialized (
    select * from {{ ref('stg_local__ssd_cin_assessments') }}
),

manager_reviews as not materialized (
    select * from {{ ref('stg_local__cpw_assessment_manager_reviews') }}
),

latest_assessments as (
    select assessments.*
    from assessments
    where assessments.assessment_start_date is not null
    qualify row_number() over (
        partition by assessments.assessment_id order by assessments.collection_year desc
    ) = 1
),

latest_reviews as (
    select manager_reviews.*
    from manager_reviews
    qualify row_number() over (
        partition by manager_reviews.assessment_id order by manager_reviews.collection_year desc
    ) = 1
),

deadlines as (
    -- the statutory 45 working days (Working Together) and the local 10 and 40, each a var;
    -- the extract has no referral date, so the clock starts when the assessment starts
    select
        latest_assessments.assessment_id,
        latest_assessments.child_id,
        latest_assessments.assessment_start_date,
        latest_assessments.assessment_auth_date,
        latest_reviews.manager_review_date,
        {{ add_working_days('latest_assessments.assessment_start_date', var('assessment_statutory_working_days')) }}
            as statutory_due_date,
        {{ add_working_days('latest_assessments.assessment_start_date', var('assessment_manager_review_working_days')) }}
            as manager_review_due_date,
        {{ add_working_days('latest_assessments.assessment_start_date', var('assessment_local_working_days')) }}
            as local_due_date
    from latest_assessments
    left join latest_reviews
        on latest_assessments.assessment_id = latest_reviews.assessment_id
)

select
    deadlines.assessment_id,
    deadlines.child_id,
    deadlines.assessment_start_date,
    deadlines.assessment_auth_date,
    deadlines.manager_review_date,
    deadlines.statutory_due_date,
    deadlines.manager_review_due_date,
    deadlines.local_due_date,
    {{ collection_year_of('deadlines.assessment_auth_date') }} as completed_collection_year,
    coalesce(deadlines.assessment_auth_date <= deadlines.statutory_due_date, false)
        as is_completed_in_statutory_time,
    coalesce(deadlines.manager_review_date <= deadlines.manager_review_due_date, false)
        as is_manager_review_in_local_time,
    coalesce(deadlines.assessment_auth_date <= deadlines.local_due_date, false)
        as is_completed_in_local_time
from deadlines
