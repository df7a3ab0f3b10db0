with

looked_after as not materialized (
    select * from {{ ref('int_looked_after_in_year') }}
),

locations as not materialized (
    select * from {{ ref('int_placement_locations') }}
),

placement_spells as not materialized (
    select * from {{ ref('int_placement_spells') }}
),

episodes as not materialized (
    select * from {{ ref('int_episodes') }}
),

ls_codes as not materialized (
    select * from {{ ref('ssda903_ls_codes') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

at_year_end as (
    -- the stock: children looked after at 31 March, by the placement open that day
    select
        looked_after.child_id || ':' || looked_after.collection_year as location_row_id,
        looked_after.child_id,
        looked_after.collection_year,
        looked_after.period_end as event_date,
        cast(null as varchar) as population,
        locations.placement_location,
        locations.placement_distance_miles
    from looked_after
    inner join locations
        on looked_after.latest_episode_id = locations.episode_id
    where looked_after.is_looked_after_at_year_end
),

new_placements as (
    -- the flow: every placement begun in the year (short breaks excluded), by where it began
    select
        placement_spells.placement_spell_id || ':' || collection_years.collection_year
            as location_row_id,
        placement_spells.child_id,
        collection_years.collection_year,
        placement_spells.placement_start_date as event_date,
        'new placements during the year' as population,
        locations.placement_location,
        locations.placement_distance_miles
    from placement_spells
    inner join collection_years
        on placement_spells.placement_start_date
            between collection_years.period_start and collection_years.period_end
    inner join episodes
        on placement_spells.child_id = episodes.child_id
        and placement_spells.placement_start_date = episodes.episode_start_date
    inner join ls_codes
        on episodes.ls_code = ls_codes.ls_code
    inner join locations
        on episodes.episode_id = locations.episode_id
    where not ls_codes.is_short_break
)

select * from at_year_end
union all
select * from new_placements
