with

stages as not materialized (
    select * from {{ ref('stg_local__cpw_iro_escalations') }}
),

calendar as not materialized (
    select * from {{ ref('dim_date') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

latest_stages as (
    -- a stage open at 31 March appears again, closed, in the next year's extract
    select stages.*
    from stages
    qualify row_number() over (
        partition by stages.escalation_stage_id order by stages.collection_year desc
    ) = 1
),

escalations as (
    select
        latest_stages.escalation_id,
        any_value(latest_stages.child_id) as child_id,
        min(latest_stages.stage_start_date) as opened_date,
        arg_max(latest_stages.escalation_stage, latest_stages.stage_start_date) as last_stage,
        arg_max_null(latest_stages.stage_outcome, latest_stages.stage_start_date) as last_outcome,
        arg_max_null(latest_stages.stage_end_date, latest_stages.stage_start_date) as closed_date
    from latest_stages
    group by latest_stages.escalation_id
)

-- one row per escalation opened in the year; resolved when its last stage ended 'Resolved'.
-- observed_value is working days from opening to resolution (the local timescales differ)
select
    'IRO-04:' || escalations.escalation_id as child_measure_id,
    escalations.child_id,
    'IRO-04' as measure_id,
    collection_years.collection_year,
    escalations.opened_date as event_date,
    cast(null as date) as due_date,
    case when escalations.last_outcome = 'Resolved' then escalations.closed_date end as met_date,
    case
        when escalations.last_outcome = 'Resolved' then cast(
            closed.working_days_elapsed - opened.working_days_elapsed as double
        )
    end as observed_value,
    true as is_in_denominator,
    coalesce(escalations.last_outcome = 'Resolved', false) as is_in_numerator,
    case
        when escalations.last_outcome = 'Resolved' then 'resolved at ' || escalations.last_stage
        when escalations.last_outcome = 'Referred' then 'referred to Cafcass'
        else 'open at ' || escalations.last_stage
    end as status
from escalations
inner join collection_years
    on {{ collection_year_of('escalations.opened_date') }} = collection_years.collection_year
left join calendar as opened
    on escalations.opened_date = opened.date_day
left join calendar as closed
    on escalations.closed_date = closed.date_day
where {{ is_extract_returned('IRO-04', 'collection_years.collection_year') }}
