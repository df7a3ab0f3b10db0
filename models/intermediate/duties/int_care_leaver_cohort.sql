with

care_leavers as not materialized (
    select * from {{ ref('stg_local__ssd_care_leavers') }}
),

pathway_events as not materialized (
    select * from {{ ref('stg_local__cpw_pathway_plans') }}
),

allocations as not materialized (
    select * from {{ ref('int_worker_allocations') }}
),

children as not materialized (
    select * from {{ ref('int_child_earliest_birth_dates') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

latest_plans as (
    -- the latest pathway plan or review on or before 31 March, from every loaded extract
    select
        care_leavers.care_leaver_row_id,
        max(pathway_events.event_date) as latest_plan_date
    from care_leavers
    inner join collection_years
        on care_leavers.collection_year = collection_years.collection_year
    inner join pathway_events
        on care_leavers.child_id = pathway_events.child_id
        and pathway_events.event_date <= collection_years.period_end
    where pathway_events.pathway_event_type in ('Pathway plan', 'Pathway plan review')
    group by care_leavers.care_leaver_row_id
),

advisers as (
    select
        care_leavers.care_leaver_row_id,
        min(allocations.worker_id) as personal_adviser_id
    from care_leavers
    inner join collection_years
        on care_leavers.collection_year = collection_years.collection_year
    inner join allocations
        on care_leavers.child_id = allocations.child_id
        and allocations.involvement_start_date <= collection_years.period_end
        and coalesce(allocations.involvement_end_date, collection_years.period_end)
            >= collection_years.period_end
    where allocations.worker_role = 'Personal Adviser'
    group by care_leavers.care_leaver_row_id
)

select
    care_leavers.care_leaver_row_id as care_leaver_cohort_id,
    care_leavers.child_id,
    care_leavers.collection_year,
    collection_years.period_end,
    care_leavers.eligibility,
    care_leavers.in_touch_code,
    children.birth_date,
    {{ age_in_years('children.birth_date', 'collection_years.period_end') }} as age_at_31_march,
    greatest(latest_plans.latest_plan_date, care_leavers.pathway_plan_review_date)
        as latest_plan_date,
    coalesce(advisers.personal_adviser_id, care_leavers.personal_adviser_id) as personal_adviser_id,
    care_leavers.worker_id,
    -- support is owed to 25 (CA 1989 s23CZB); a young person who no longer wants it, or who
    -- has died, is not owed a plan or an adviser; an unknown birth date is kept in
    coalesce(care_leavers.in_touch_code, '') not in ('NREQ', 'DIED')
        and coalesce(
            {{ age_in_years('children.birth_date', 'collection_years.period_end') }}
                < {{ var('care_leaver_support_to_age') }},
            true
        ) as is_owed_support
from care_leavers
inner join collection_years
    on care_leavers.collection_year = collection_years.collection_year
left join children
    on care_leavers.child_id = children.child_id
left join latest_plans
    on care_leavers.care_leaver_row_id = latest_plans.care_leaver_row_id
left join advisers
    on care_leavers.care_leaver_row_id = advisers.care_leaver_row_id
