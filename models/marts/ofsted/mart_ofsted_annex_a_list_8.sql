with

children as not materialized (
    select * from {{ ref('dim_annex_a_child') }}
),

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

episodes as not materialized (
    select * from {{ ref('int_episodes') }}
),

placements as not materialized (
    select * from {{ ref('int_placement_spells') }}
),

reviews as not materialized (
    select * from {{ ref('int_reviews') }}
),

uasc as not materialized (
    select * from {{ ref('stg_ssda903__uasc') }}
),

missing as not materialized (
    select * from {{ ref('stg_ssda903__missing') }}
),

social_workers as not materialized (
    select * from {{ ref('stg_ssda903__sw_episodes') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

dropdowns as not materialized (
    select * from {{ ref('annex_a_dropdowns') }}
),

placement_locations as not materialized (
    select * from {{ ref('int_placement_locations') }}
),

local_authorities as not materialized (
    select * from {{ ref('local_authorities') }}
),

visits as not materialized (
    select * from {{ ref('stg_local__ssd_cla_visits') }}
),

iro_contacts as not materialized (
    select * from {{ ref('stg_local__cpw_iro_contacts') }}
),

health_checks as not materialized (
    select * from {{ ref('stg_local__ssd_cla_health') }}
),

permanence_plans as not materialized (
    select * from {{ ref('stg_local__cpw_permanence_plans') }}
),

local_missing as not materialized (
    select * from {{ ref('stg_local__ssd_missing') }}
),

allocations as not materialized (
    select * from {{ ref('int_worker_allocations') }}
),

reference as (
    -- the list is drawn up as at the end of the latest loaded return (the inspection date
    -- stand-in): 12-month look-backs and the 6-month leavers window count back from it
    select
        max(period_end) as reference_date,
        max(period_end) - interval 12 month as twelve_months_before,
        max(period_end) - interval 6 month as six_months_before
    from collection_years
),

listed_periods as (
    -- in care on the reference date, or left care in the 6 months before it; short-break-only
    -- periods are not care in the Annex A sense
    select
        periods.*,
        row_number() over (
            partition by periods.child_id order by periods.period_start_date desc
        ) as period_rank
    from periods
    cross join reference
    where not periods.is_short_breaks_only
        and periods.period_start_date <= reference.reference_date
        and (
            periods.period_end_date is null
            or periods.period_end_date > reference.six_months_before
        )
),

current_period as (
    select listed_periods.*
    from listed_periods
    where listed_periods.period_rank = 1
),

periods_in_year as (
    select periods.child_id, count(*) as periods_count
    from periods
    cross join reference
    where not periods.is_short_breaks_only
        and periods.period_start_date <= reference.reference_date
        and coalesce(periods.period_end_date, reference.reference_date)
            >= reference.twelve_months_before
    group by periods.child_id
),

latest_episode as (
    select
        episodes.*,
        row_number() over (
            partition by episodes.period_of_care_id order by episodes.episode_start_date desc
        ) as episode_rank
    from episodes
    inner join current_period
        on episodes.period_of_care_id = current_period.period_of_care_id
    cross join reference
    where episodes.episode_start_date <= reference.reference_date
),

legal_status_runs as (
    -- the current legal status started with the first episode of the latest unbroken run of
    -- episodes with that status
    select
        episodes.period_of_care_id,
        episodes.episode_start_date,
        episodes.ls_code,
        sum(case when episodes.ls_code is distinct from episodes.previous_ls_code then 1 else 0 end)
            over (partition by episodes.period_of_care_id order by episodes.episode_start_date)
            as run_number
    from (
        select
            episodes.*,
            lag(episodes.ls_code) over (
                partition by episodes.period_of_care_id order by episodes.episode_start_date
            ) as previous_ls_code
        from episodes
        inner join current_period
            on episodes.period_of_care_id = current_period.period_of_care_id
    ) as episodes
),

legal_status_start as (
    select period_of_care_id, min(episode_start_date) as legal_status_start_date
    from (
        select
            legal_status_runs.*,
            max(legal_status_runs.run_number) over (
                partition by legal_status_runs.period_of_care_id
            ) as last_run_number
        from legal_status_runs
    ) as runs
    where run_number = last_run_number
    group by period_of_care_id
),

latest_placement as (
    select
        placements.*,
        row_number() over (
            partition by placements.child_id order by placements.placement_start_date desc
        ) as placement_rank
    from placements
    cross join reference
    where placements.placement_start_date <= reference.reference_date
),

placements_in_year as (
    select placements.child_id, count(*) as placements_count
    from placements
    cross join reference
    where placements.placement_start_date <= reference.reference_date
        and coalesce(placements.placement_end_date, reference.reference_date)
            >= reference.twelve_months_before
    group by placements.child_id
),

latest_review as (
    select reviews.child_id, max(reviews.review_date) as latest_review_date
    from reviews
    cross join reference
    where reviews.review_date <= reference.reference_date
    group by reviews.child_id
),

uasc_recent as (
    -- UASC within the last 12 months: UASC status not ended before the 12-month window
    select distinct uasc.child_id
    from uasc
    cross join reference
    where uasc.uasc_ceased_date is null
        or uasc.uasc_ceased_date >= reference.twelve_months_before
),

missing_in_year as (
    select
        missing.child_id,
        count(distinct missing.missing_start_date) filter (where missing.missing_code = 'M')
            as missing_count,
        count(distinct missing.missing_start_date) filter (where missing.missing_code = 'A')
            as away_count
    from missing
    cross join reference
    where missing.missing_start_date between reference.twelve_months_before
        and reference.reference_date
    group by missing.child_id
),

-- the local extracts' columns: each the latest dated item on or before the reference date; a
-- council without the extract gets blanks, as the template allows

latest_visit as (
    select visits.child_id, max(visits.visit_date) as last_visit_date
    from visits
    cross join reference
    where visits.visit_date <= reference.reference_date
    group by visits.child_id
),

latest_iro_contact as (
    select iro_contacts.child_id, max(iro_contacts.contact_date) as last_contact_date
    from iro_contacts
    cross join reference
    where iro_contacts.contact_date <= reference.reference_date
    group by iro_contacts.child_id
),

latest_health as (
    -- held checks only: a planned or refused assessment is not the date of the last one
    select
        health_checks.child_id,
        max(health_checks.health_check_date) filter (
            where health_checks.health_check_type in (
                'Initial Health Assessment', 'Review Health Assessment'
            )
        ) as last_health_assessment_date,
        max(health_checks.health_check_date) filter (
            where health_checks.health_check_type = 'Dental Check'
        ) as last_dental_check_date
    from health_checks
    cross join reference
    where health_checks.health_check_date <= reference.reference_date
        and coalesce(health_checks.health_check_status, 'Completed') = 'Completed'
    group by health_checks.child_id
),

latest_permanence_plan as (
    select
        permanence_plans.child_id,
        arg_max(
            permanence_plans.permanence_plan_type, permanence_plans.permanence_plan_date
        ) as permanence_plan_type
    from permanence_plans
    cross join reference
    where permanence_plans.permanence_plan_date <= reference.reference_date
    group by permanence_plans.child_id
),

last_missing as (
    -- the return interview columns ask about the child's last missing episode (not 'away')
    select
        local_missing.child_id,
        arg_max(local_missing.is_rhi_offered, local_missing.missing_start_date)
            as is_rhi_offered,
        arg_max(local_missing.rhi_accepted, local_missing.missing_start_date) as rhi_accepted
    from local_missing
    cross join reference
    where local_missing.missing_type = 'Missing'
        and local_missing.missing_start_date between reference.twelve_months_before
        and reference.reference_date
    group by local_missing.child_id
),

current_team as (
    select
        allocations.child_id,
        arg_max_null(allocations.team_name, allocations.involvement_start_date) as team_name
    from allocations
    cross join reference
    where allocations.worker_role = 'Social Worker'
        and allocations.involvement_start_date <= reference.reference_date
        and coalesce(allocations.involvement_end_date, reference.reference_date)
            >= reference.reference_date
    group by allocations.child_id
),

current_worker as (
    select
        social_workers.child_id,
        arg_max(social_workers.social_worker_id, social_workers.sw_start_date) as social_worker_id
    from social_workers
    cross join reference
    where social_workers.sw_start_date <= reference.reference_date
        and (social_workers.sw_end_date is null
            or social_workers.sw_end_date >= reference.reference_date)
    group by social_workers.child_id
)

select
    current_period.child_id as child_unique_id,
    children.sex,
    children.ethnicity,
    children.birth_date as date_of_birth,
    cast(date_part('year', age(reference.reference_date, children.birth_date)) as integer)
        as age_of_child_years,
    case when uasc_recent.child_id is not null then 'a) Yes' else 'b) No' end
        as uasc_in_last_12_months,
    cast(null as varchar) as has_disability,
    current_period.period_start_date as date_started_looked_after,
    need_dropdown.dropdown_value as category_of_need,
    case when periods_in_year.periods_count > 1 then 'a) Yes' else 'b) No' end
        as is_second_period_in_12_months,
    legal_status_start.legal_status_start_date,
    legal_dropdown.dropdown_value as legal_status,
    latest_review.latest_review_date,
    latest_visit.last_visit_date as last_social_work_visit_date,
    permanence_dropdown.dropdown_value as permanence_plan,
    latest_iro_contact.last_contact_date as last_iro_contact_date,
    latest_health.last_health_assessment_date,
    latest_health.last_dental_check_date,
    coalesce(placements_in_year.placements_count, 0) as placements_in_last_12_months,
    case
        when current_period.period_end_date <= reference.reference_date
            then current_period.period_end_date
    end as date_ceased_looked_after,
    case
        when current_period.period_end_date <= reference.reference_date
            then ceased_dropdown.dropdown_value
    end as reason_ceased,
    latest_placement.placement_start_date as latest_placement_start_date,
    coalesce(place_dropdown.dropdown_value, latest_episode.place_code) as placement_type,
    provider_dropdown.dropdown_value as placement_provider,
    latest_episode.placement_postcode,
    latest_episode.urn as placement_urn,
    location_dropdown.dropdown_value as placement_location,
    -- a district or an LA outside the DfE list keeps its ONS code rather than a blank
    coalesce(local_authorities.la_name, placement_locations.placement_la_code) as placement_la,
    coalesce(missing_in_year.missing_count, 0) as missing_episodes_in_last_12_months,
    coalesce(missing_in_year.away_count, 0) as absent_episodes_in_last_12_months,
    case last_missing.is_rhi_offered when true then 'a) Yes' when false then 'b) No' end
        as return_interview_offered,
    case last_missing.rhi_accepted when 'Y' then 'a) Yes' when 'N' then 'b) No' end
        as return_interview_accepted,
    current_team.team_name as allocated_team,
    current_worker.social_worker_id as allocated_worker
from current_period
cross join reference
inner join children
    on current_period.child_id = children.child_id
left join latest_episode
    on current_period.period_of_care_id = latest_episode.period_of_care_id
    and latest_episode.episode_rank = 1
left join legal_status_start
    on current_period.period_of_care_id = legal_status_start.period_of_care_id
left join periods_in_year
    on current_period.child_id = periods_in_year.child_id
left join latest_placement
    on current_period.child_id = latest_placement.child_id
    and latest_placement.placement_rank = 1
left join placements_in_year
    on current_period.child_id = placements_in_year.child_id
left join latest_review
    on current_period.child_id = latest_review.child_id
left join uasc_recent
    on current_period.child_id = uasc_recent.child_id
left join missing_in_year
    on current_period.child_id = missing_in_year.child_id
left join current_worker
    on current_period.child_id = current_worker.child_id
left join placement_locations
    on latest_episode.episode_id = placement_locations.episode_id
left join local_authorities
    on placement_locations.placement_la_code = local_authorities.new_la_code
left join latest_visit
    on current_period.child_id = latest_visit.child_id
left join latest_iro_contact
    on current_period.child_id = latest_iro_contact.child_id
left join latest_health
    on current_period.child_id = latest_health.child_id
left join latest_permanence_plan
    on current_period.child_id = latest_permanence_plan.child_id
left join last_missing
    on current_period.child_id = last_missing.child_id
left join current_team
    on current_period.child_id = current_team.child_id
left join dropdowns as permanence_dropdown
    on permanence_dropdown.dropdown = 'permanence_plan'
    and latest_permanence_plan.permanence_plan_type = permanence_dropdown.code
left join dropdowns as location_dropdown
    on location_dropdown.dropdown = 'placement_location'
    and placement_locations.placement_location = location_dropdown.code
left join dropdowns as need_dropdown
    on need_dropdown.dropdown = 'category_of_need' and latest_episode.cin_code = need_dropdown.code
left join dropdowns as legal_dropdown
    on legal_dropdown.dropdown = 'legal_status' and latest_episode.ls_code = legal_dropdown.code
left join dropdowns as ceased_dropdown
    on ceased_dropdown.dropdown = 'reason_ceased'
    and current_period.period_end_rec_code = ceased_dropdown.code
left join dropdowns as place_dropdown
    on place_dropdown.dropdown = 'placement_type' and latest_episode.place_code = place_dropdown.code
left join dropdowns as provider_dropdown
    on provider_dropdown.dropdown = 'placement_provider'
    and latest_episode.place_provider_code = provider_dropdown.code
