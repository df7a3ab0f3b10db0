with

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

episodes as not materialized (
    select * from {{ ref('int_episodes') }}
),

placement_spells as not materialized (
    select * from {{ ref('int_placement_spells') }}
),

ls_codes as not materialized (
    select * from {{ ref('ssda903_ls_codes') }}
),

looked_after_at_year_end as (
    -- looked after at 31 March: an episode has started and has not ceased by that day; an
    -- episode ending on 31 March means the child left care that day. Short breaks excluded.
    select distinct
        collection_years.collection_year,
        collection_years.period_start,
        collection_years.period_end,
        episodes.child_id
    from episodes
    inner join collection_years
        on episodes.episode_start_date <= collection_years.period_end
        and (
            episodes.episode_end_date > collection_years.period_end
            or (episodes.episode_end_date is null and episodes.known_until_date >= collection_years.period_end)
        )
    inner join ls_codes
        on episodes.ls_code = ls_codes.ls_code
    where not ls_codes.is_short_break
),

placements_in_year as (
    -- placements open at any time in the year, including those already open on 1 April
    select
        looked_after_at_year_end.collection_year,
        looked_after_at_year_end.child_id,
        count(placement_spells.placement_spell_id) as placements_count
    from looked_after_at_year_end
    left join placement_spells
        on looked_after_at_year_end.child_id = placement_spells.child_id
        and placement_spells.placement_start_date <= looked_after_at_year_end.period_end
        and coalesce(placement_spells.placement_end_date, placement_spells.known_until_date)
            >= looked_after_at_year_end.period_start
    group by looked_after_at_year_end.collection_year, looked_after_at_year_end.child_id
)

select
    'STB-01:' || looked_after_at_year_end.child_id || ':' || looked_after_at_year_end.collection_year
        as child_measure_id,
    looked_after_at_year_end.child_id,
    'STB-01' as measure_id,
    looked_after_at_year_end.collection_year,
    looked_after_at_year_end.period_end as event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast(placements_in_year.placements_count as double) as observed_value,
    true as is_in_denominator,
    placements_in_year.placements_count >= 3 as is_in_numerator,
    placements_in_year.placements_count || ' placements in the year' as status
from looked_after_at_year_end
inner join placements_in_year
    on looked_after_at_year_end.collection_year = placements_in_year.collection_year
    and looked_after_at_year_end.child_id = placements_in_year.child_id
