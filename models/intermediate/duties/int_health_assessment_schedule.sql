with

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

health_checks as not materialized (
    select * from {{ ref('stg_local__ssd_cla_health') }}
),

children as not materialized (
    select * from {{ ref('int_child_earliest_birth_dates') }}
),

assessments as (
    -- an initial or review health assessment that took place (not planned or refused)
    select distinct
        health_checks.child_id,
        health_checks.health_check_date as assessment_date
    from health_checks
    where health_checks.health_check_type in (
            'Initial Health Assessment', 'Review Health Assessment'
        )
        and coalesce(health_checks.health_check_status, 'Completed') = 'Completed'
        and health_checks.health_check_date is not null
),

assessed_periods as (
    select periods.*
    from periods
    where not periods.is_short_breaks_only
),

period_assessments as (
    select
        assessed_periods.period_of_care_id,
        assessments.assessment_date,
        row_number() over (
            partition by assessed_periods.period_of_care_id order by assessments.assessment_date
        ) as assessment_seq
    from assessed_periods
    inner join assessments
        on assessed_periods.child_id = assessments.child_id
        and assessments.assessment_date >= assessed_periods.period_start_date
        and assessments.assessment_date <= coalesce(
            assessed_periods.period_end_date, assessed_periods.known_until_date
        )
),

clocks as (
    -- the initial assessment is due from entry (reg 7: in time for the first review), then
    -- each review assessment from the last one held
    select
        assessed_periods.period_of_care_id,
        0 as assessment_seq,
        assessed_periods.period_start_date as clock_start_date
    from assessed_periods
    union all
    select
        period_assessments.period_of_care_id,
        period_assessments.assessment_seq,
        period_assessments.assessment_date
    from period_assessments
),

due as (
    select
        clocks.period_of_care_id,
        clocks.assessment_seq,
        clocks.clock_start_date,
        assessed_periods.child_id,
        assessed_periods.period_end_date,
        assessed_periods.known_until_date,
        {{ age_in_years('children.birth_date', 'clocks.clock_start_date') }} as age_at_clock_start,
        case
            when clocks.assessment_seq = 0
                then {{ add_working_days('clocks.clock_start_date', var('initial_health_assessment_working_days')) }}
            when {{ age_in_years('children.birth_date', 'clocks.clock_start_date') }} < 5
                then {{ add_months('clocks.clock_start_date', var('health_review_months_under_5')) }}
            else {{ add_months('clocks.clock_start_date', var('health_review_months_5_and_over')) }}
        end as due_date
    from clocks
    inner join assessed_periods
        on clocks.period_of_care_id = assessed_periods.period_of_care_id
    left join children
        on assessed_periods.child_id = children.child_id
),

met as (
    select
        due.*,
        next_assessments.assessment_date as next_assessment_date
    from due
    left join period_assessments as next_assessments
        on due.period_of_care_id = next_assessments.period_of_care_id
        and next_assessments.assessment_seq = due.assessment_seq + 1
)

select
    period_of_care_id || ':' || assessment_seq as health_due_id,
    period_of_care_id,
    child_id,
    assessment_seq,
    case when assessment_seq = 0 then 'HLT-01' else 'HLT-02' end as measure_id,
    case when assessment_seq = 0 then 'initial' else 'review' end as assessment_kind,
    age_at_clock_start,
    clock_start_date,
    due_date,
    next_assessment_date,
    {{ collection_year_of('due_date') }} as due_collection_year,
    coalesce(period_end_date >= due_date, due_date <= known_until_date) as is_due_while_looked_after,
    due_date <= known_until_date as is_due_within_data,
    next_assessment_date is not null and next_assessment_date <= due_date as is_held_on_time,
    case
        when next_assessment_date is not null and next_assessment_date <= due_date then 'on time'
        when next_assessment_date is not null then 'late'
        when period_end_date is not null and period_end_date < due_date then 'care ended before due'
        when due_date > known_until_date then 'not yet due'
        else 'not held'
    end as assessment_status
from met
