with

episodes as not materialized (
    select * from {{ ref('int_episodes') }}
),

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

reviews as not materialized (
    select * from {{ ref('int_reviews') }}
),

missing as not materialized (
    select * from {{ ref('stg_ssda903__missing') }}
),

oc2 as not materialized (
    select * from {{ ref('stg_ssda903__oc2') }}
),

social_workers as not materialized (
    select * from {{ ref('stg_ssda903__sw_episodes') }}
),

children as not materialized (
    select * from {{ ref('dim_child') }}
),

visits as not materialized (
    select * from {{ ref('stg_local__ssd_cla_visits') }}
),

health_checks as not materialized (
    select * from {{ ref('stg_local__ssd_cla_health') }}
),

iro_contacts as not materialized (
    select * from {{ ref('stg_local__cpw_iro_contacts') }}
),

characteristics as not materialized (
    select * from {{ ref('int_child_year_characteristics') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

place_codes as not materialized (
    select * from {{ ref('ssda903_place_codes') }}
),

ls_codes as not materialized (
    select * from {{ ref('ssda903_ls_codes') }}
),

rec_codes as not materialized (
    select * from {{ ref('ssda903_rec_codes') }}
),

latest_year as (
    select * from collection_years
    qualify row_number() over (order by collection_year desc) = 1
),

timeline_children as (
    -- only children looked after at some point in the latest year get a page: the IRO service
    -- works with them, and it keeps the templated pages (one per child) few
    select distinct periods.child_id
    from periods
    cross join latest_year
    where not periods.is_short_breaks_only
        and periods.period_start_date <= latest_year.period_end
        and coalesce(periods.period_end_date, latest_year.period_end) >= latest_year.period_start
),

events as (
    -- each source keeps only the timeline children's rows before their text is built: the
    -- others are most of a national-scale history (distinct_events still joins them, as a guard)
    select
        episodes.child_id,
        episodes.episode_start_date as event_date,
        case when episodes.episode_seq = 1 or episodes.rne_code = 'S' then 'entered care'
            else 'episode' end as event_type,
        'Placement ' || coalesce(episodes.place_code, '?') || ' ('
            || coalesce(place_codes.description, 'unknown code') || '); legal status '
            || coalesce(episodes.ls_code, '?') || ' ('
            || coalesce(ls_codes.description, 'unknown code') || ')' as event_detail
    from episodes
    left join place_codes
        on episodes.place_code = place_codes.place_code
    left join ls_codes
        on episodes.ls_code = ls_codes.ls_code
    where episodes.child_id in (select timeline_children.child_id from timeline_children)
    union all
    select
        periods.child_id,
        periods.period_end_date,
        'left care',
        'Ceased: ' || coalesce(periods.period_end_rec_code, '?') || ' ('
            || coalesce(rec_codes.description, 'unknown code') || ')'
    from periods
    left join rec_codes
        on periods.period_end_rec_code = rec_codes.rec_code
    where periods.period_end_date is not null
        and periods.period_end_rec_code is distinct from 'X1'
        and periods.child_id in (select timeline_children.child_id from timeline_children)
    union all
    select
        reviews.child_id,
        reviews.review_date,
        'review',
        'Statutory review' || coalesce(' no. ' || reviews.review_number, '')
            || coalesce('; participation ' || reviews.review_code, '')
    from reviews
    where reviews.child_id in (select timeline_children.child_id from timeline_children)
    union all
    select
        missing.child_id,
        missing.missing_start_date,
        case missing.missing_code when 'M' then 'missing' else 'away' end,
        case missing.missing_code when 'M' then 'Missing from placement'
            else 'Away from placement without authorisation' end
        || coalesce(' until ' || strftime(missing.missing_end_date, '%d/%m/%Y'), '')
    from missing
    where missing.missing_start_date is not null
        and missing.child_id in (select timeline_children.child_id from timeline_children)
    union all
    -- OC2 gives no dates: the health items are shown at the 31 March they were returned for
    select
        oc2.child_id,
        collection_years.period_end,
        'health check',
        'OC2 ' || (collection_years.collection_year - 1) || '-'
            || right(cast(collection_years.collection_year as varchar), 2)
            || ': annual health assessment '
            || case when oc2.is_health_assessment_done then 'done' else 'not done' end
            || ', teeth checked '
            || case when oc2.is_teeth_checked then 'yes' else 'no' end
            || ', immunisations up to date '
            || case when oc2.is_immunisations_up_to_date then 'yes' else 'no' end
    from oc2
    inner join collection_years
        on oc2.collection_year = collection_years.collection_year
    where oc2.child_id in (select timeline_children.child_id from timeline_children)
    union all
    select
        social_workers.child_id,
        social_workers.sw_start_date,
        'social worker',
        'Social worker ' || coalesce(social_workers.social_worker_id, '?') || ' allocated'
    from social_workers
    where social_workers.sw_start_date is not null
        and social_workers.child_id in (select timeline_children.child_id from timeline_children)
    union all
    select
        visits.child_id,
        visits.visit_date,
        'visit',
        'Social work visit; child seen '
            || case when visits.is_child_seen then 'yes' when not visits.is_child_seen then 'no'
                else 'not recorded' end
            || ', seen alone '
            || case when visits.is_child_seen_alone then 'yes'
                when not visits.is_child_seen_alone then 'no' else 'not recorded' end
    from visits
    where visits.visit_date is not null
        and visits.child_id in (select timeline_children.child_id from timeline_children)
    union all
    select
        health_checks.child_id,
        health_checks.health_check_date,
        'health check',
        coalesce(health_checks.health_check_type, 'Health check')
            || coalesce(' (' || lower(health_checks.health_check_status) || ')', '')
    from health_checks
    where health_checks.health_check_date is not null
        and health_checks.child_id in (select timeline_children.child_id from timeline_children)
    union all
    select
        iro_contacts.child_id,
        iro_contacts.contact_date,
        'IRO contact',
        'IRO ' || coalesce(iro_contacts.iro_id, '?')
            || coalesce(': ' || lower(iro_contacts.contact_type), '')
    from iro_contacts
    where iro_contacts.contact_date is not null
        and iro_contacts.child_id in (select timeline_children.child_id from timeline_children)
),

current_worker as (
    select
        social_workers.child_id,
        arg_max(social_workers.social_worker_id, social_workers.sw_start_date)
            as social_worker_id
    from social_workers
    group by social_workers.child_id
),

distinct_events as (
    -- the same review or episode can sit in several returns; the timeline lists it once
    select distinct events.* from events
    inner join timeline_children
        on events.child_id = timeline_children.child_id
    where events.event_date is not null
)

select
    distinct_events.child_id || ':' || row_number() over (
        partition by distinct_events.child_id
        order by distinct_events.event_date, distinct_events.event_type, distinct_events.event_detail
    ) as child_event_id,
    distinct_events.child_id,
    distinct_events.event_date,
    strftime(distinct_events.event_date, '%Y-%m-%d') as event_date_text,
    distinct_events.event_type,
    distinct_events.event_detail,
    children.birth_date,
    children.sex,
    children.ethnic_code,
    current_worker.social_worker_id,
    characteristics.iro_id,
    characteristics.team_name
from distinct_events
left join children
    on distinct_events.child_id = children.child_id
left join current_worker
    on distinct_events.child_id = current_worker.child_id
cross join latest_year
left join characteristics
    on distinct_events.child_id = characteristics.child_id
    and latest_year.collection_year = characteristics.collection_year
