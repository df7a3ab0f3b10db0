with

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

episodes as not materialized (
    select * from {{ ref('int_episodes') }}
),

periods_of_care as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

ls_codes as not materialized (
    select * from {{ ref('ssda903_ls_codes') }}
),

place_codes as not materialized (
    select * from {{ ref('ssda903_place_codes') }}
),

uasc as not materialized (
    select * from {{ ref('stg_ssda903__uasc') }}
),

episodes_in_year as (
    -- short breaks (V3/V4) are left out of every DfE children-looked-after count
    select
        collection_years.collection_year,
        collection_years.period_start,
        collection_years.period_end,
        episodes.*,
        episodes.episode_start_date <= collection_years.period_end
            and (
                episodes.episode_end_date > collection_years.period_end
                or (
                    episodes.episode_end_date is null
                    and episodes.known_until_date >= collection_years.period_end
                )
            ) as is_open_at_year_end
    from episodes
    inner join collection_years
        on episodes.episode_start_date <= collection_years.period_end
        and coalesce(episodes.episode_end_date, episodes.known_until_date)
            >= collection_years.period_start
    inner join ls_codes
        on episodes.ls_code = ls_codes.ls_code
    where not ls_codes.is_short_break
),

per_child as (
    select
        collection_year,
        child_id,
        any_value(period_start) as period_start,
        any_value(period_end) as period_end,
        bool_or(is_open_at_year_end) as is_looked_after_at_year_end,
        -- the latest episode begun in the year stands for the child's status in it
        arg_max(episode_id, episode_start_date) as latest_episode_id
    from episodes_in_year
    group by collection_year, child_id
),

periods_flagged as (
    select
        per_child.collection_year,
        per_child.child_id,
        bool_or(
            periods_of_care.period_start_date between per_child.period_start and per_child.period_end
            and not periods_of_care.is_short_breaks_only
        ) as has_started_in_year,
        bool_or(
            periods_of_care.period_end_date between per_child.period_start and per_child.period_end
            and not periods_of_care.is_short_breaks_only
        ) as has_ceased_in_year
    from per_child
    inner join periods_of_care
        on per_child.child_id = periods_of_care.child_id
    group by per_child.collection_year, per_child.child_id
),

uasc_in_year as (
    -- the UASC table lists each child who was ever unaccompanied; DUC is the date that ended
    select distinct
        uasc.collection_year,
        uasc.child_id,
        uasc.uasc_ceased_date
    from uasc
)

select
    per_child.child_id || ':' || per_child.collection_year as looked_after_year_id,
    per_child.collection_year,
    per_child.period_start,
    per_child.period_end,
    per_child.child_id,
    per_child.is_looked_after_at_year_end,
    coalesce(periods_flagged.has_started_in_year, false) as has_started_in_year,
    coalesce(periods_flagged.has_ceased_in_year, false) as has_ceased_in_year,
    uasc_in_year.child_id is not null
        and coalesce(uasc_in_year.uasc_ceased_date > per_child.period_end, true) as is_uasc_at_year_end,
    latest.episode_id as latest_episode_id,
    latest.period_of_care_id as latest_period_of_care_id,
    latest.ls_code,
    latest.cin_code,
    latest.place_code,
    latest.place_provider_code,
    coalesce(place_codes.placement_group, 'Unknown') as placement_group
from per_child
inner join episodes as latest
    on per_child.latest_episode_id = latest.episode_id
left join periods_flagged
    on per_child.collection_year = periods_flagged.collection_year
    and per_child.child_id = periods_flagged.child_id
left join uasc_in_year
    on per_child.collection_year = uasc_in_year.collection_year
    and per_child.child_id = uasc_in_year.child_id
left join place_codes
    on latest.place_code = place_codes.place_code
