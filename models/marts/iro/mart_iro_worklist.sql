with

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

review_schedule as not materialized (
    select * from {{ ref('int_review_schedule') }}
),

reviews as not materialized (
    select * from {{ ref('int_reviews') }}
),

visit_schedule as not materialized (
    select * from {{ ref('int_visit_schedule') }}
),

health_schedule as not materialized (
    select * from {{ ref('int_health_assessment_schedule') }}
),

terms as not materialized (
    select * from {{ ref('int_school_terms') }}
),

peps as not materialized (
    select * from {{ ref('stg_local__cpw_pep') }}
),

care_leavers as not materialized (
    select * from {{ ref('int_care_leaver_cohort') }}
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

reference as (
    -- the worklist is as at var('worklist_as_of'), or else the end of the latest loaded period
    select
        {% if var('worklist_as_of') %}
        cast('{{ var("worklist_as_of") }}' as date) as as_of_date,
        {% else %}
        max(collection_years.period_end) as as_of_date,
        {% endif %}
        max(collection_years.collection_year) as latest_collection_year
    from collection_years
),

open_periods as (
    select
        periods.period_of_care_id,
        periods.child_id
    from periods
    cross join reference
    where not periods.is_short_breaks_only
        and periods.period_start_date <= reference.as_of_date
        and coalesce(
            periods.period_end_date > reference.as_of_date,
            periods.known_until_date >= reference.as_of_date
        )
),

review_items as (
    -- the next review on the reg 33 timetable: the first one not yet held
    select
        open_periods.child_id,
        'review' as item,
        min(review_schedule.due_date) as due_date,
        max(reviews.review_date) as last_done_date
    from open_periods
    inner join review_schedule
        on open_periods.period_of_care_id = review_schedule.period_of_care_id
        and review_schedule.held_date is null
    left join reviews
        on open_periods.period_of_care_id = reviews.period_of_care_id
    group by open_periods.child_id
),

visit_items as (
    -- the next visit in the current placement (a move restarts the clock)
    select
        open_periods.child_id,
        'visit' as item,
        min(visit_schedule.due_date) as due_date,
        max(case when visit_schedule.visit_seq > 0 then visit_schedule.clock_start_date end)
            as last_done_date
    from open_periods
    cross join reference
    inner join visit_schedule
        on open_periods.period_of_care_id = visit_schedule.period_of_care_id
        and visit_schedule.next_visit_date is null
        and coalesce(visit_schedule.placement_end_date > reference.as_of_date, true)
    group by open_periods.child_id
),

health_items as (
    select
        open_periods.child_id,
        'health assessment' as item,
        min(health_schedule.due_date) as due_date,
        max(case when health_schedule.assessment_seq > 0 then health_schedule.clock_start_date end)
            as last_done_date
    from open_periods
    inner join health_schedule
        on open_periods.period_of_care_id = health_schedule.period_of_care_id
        and health_schedule.next_assessment_date is null
    group by open_periods.child_id
),

school_age as (
    select
        open_periods.child_id,
        max(peps.pep_date) as last_pep_date
    from open_periods
    cross join reference
    inner join children
        on open_periods.child_id = children.child_id
    left join peps
        on open_periods.child_id = peps.child_id
        and peps.pep_date <= reference.as_of_date
    where {{ age_in_years('children.birth_date', 'reference.as_of_date') }} between 5 and 15
    group by open_periods.child_id
),

pep_items as (
    -- due by the end of the first term, from today on, that has no PEP yet
    select
        school_age.child_id,
        'PEP review' as item,
        min(terms.term_end_date) as due_date,
        any_value(school_age.last_pep_date) as last_done_date
    from school_age
    cross join reference
    inner join terms
        on terms.term_end_date >= reference.as_of_date
        and (school_age.last_pep_date is null or school_age.last_pep_date < terms.term_start_date)
    group by school_age.child_id
),

leavers as (
    select care_leavers.*
    from care_leavers
    cross join reference
    where care_leavers.collection_year = reference.latest_collection_year
        and care_leavers.is_owed_support
),

pathway_items as (
    -- reviewed at least every 6 months, while support is owed (to 25); no plan yet = due now
    select
        leavers.child_id,
        'pathway plan review' as item,
        coalesce(
            {{ add_months('leavers.latest_plan_date', var('pathway_plan_review_months')) }},
            reference.as_of_date
        ) as due_date,
        leavers.latest_plan_date as last_done_date
    from leavers
    cross join reference
    where leavers.birth_date is null
        or coalesce(
            {{ add_months('leavers.latest_plan_date', var('pathway_plan_review_months')) }},
            reference.as_of_date
        ) < {{ add_months('leavers.birth_date', var('care_leaver_support_to_age') * 12) }}
),

items as (
    select * from review_items
    union all
    select * from visit_items
    union all
    select * from health_items
    union all
    select * from pep_items
    union all
    select * from pathway_items
),

workers as (
    select
        allocations.child_id,
        arg_max(allocations.worker_id, allocations.involvement_start_date) filter (
            where allocations.worker_role = 'IRO'
        ) as iro_id,
        arg_max(allocations.worker_id, allocations.involvement_start_date) filter (
            where allocations.worker_role = 'Social Worker'
        ) as social_worker_id,
        arg_max(allocations.worker_id, allocations.involvement_start_date) filter (
            where allocations.worker_role = 'Personal Adviser'
        ) as personal_adviser_id
    from allocations
    cross join reference
    where allocations.involvement_start_date <= reference.as_of_date
        and coalesce(allocations.involvement_end_date >= reference.as_of_date, true)
    group by allocations.child_id
),

looked_after as (
    select distinct open_periods.child_id from open_periods
)

select
    items.child_id || ':' || items.item as worklist_item_id,
    items.child_id,
    case when looked_after.child_id is not null then 'looked after' else 'care leaver' end
        as child_status,
    workers.iro_id,
    case
        when looked_after.child_id is not null then workers.social_worker_id
        else coalesce(workers.personal_adviser_id, leavers.personal_adviser_id, leavers.worker_id)
    end as social_worker_id,
    items.item,
    items.due_date,
    datediff('day', reference.as_of_date, items.due_date) as days_to_due,
    items.due_date < reference.as_of_date as is_overdue,
    items.last_done_date,
    reference.as_of_date
from items
cross join reference
left join looked_after
    on items.child_id = looked_after.child_id
left join workers
    on items.child_id = workers.child_id
left join leavers
    on items.child_id = leavers.child_id
-- a care leaver's items are only those of a young person no longer looked after, and the
-- looked-after items only those of a child in care
where looked_after.child_id is not null or items.item = 'pathway plan review'
