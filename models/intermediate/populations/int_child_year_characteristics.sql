with

collection_years as (
    select * from {{ ref('int_collection_years') }}
),

episodes as (
    select * from {{ ref('int_episodes') }}
),

children as (
    select * from {{ ref('dim_child') }}
),

ethnic_codes as (
    select * from {{ ref('ssda903_ethnic_codes') }}
),

ls_codes as (
    select * from {{ ref('ssda903_ls_codes') }}
),

cin_codes as (
    select * from {{ ref('ssda903_cin_codes') }}
),

place_codes as (
    select * from {{ ref('ssda903_place_codes') }}
),

latest_episode as (
    -- the latest episode begun by 31 March: for a child in care that day, the open episode;
    -- for a care leaver, the episode they left care from
    select
        collection_years.collection_year,
        episodes.child_id,
        arg_max(episodes.episode_id, episodes.episode_start_date) as episode_id
    from episodes
    inner join collection_years
        on episodes.episode_start_date <= collection_years.period_end
    group by collection_years.collection_year, episodes.child_id
)

select
    latest_episode.child_id || ':' || latest_episode.collection_year as child_year_id,
    latest_episode.child_id,
    latest_episode.collection_year,
    coalesce(ethnic_codes.ethnic_group, 'Unknown') as ethnic_group,
    coalesce(ls_codes.description, 'Unknown') as legal_status,
    coalesce(cin_codes.description, 'Unknown') as category_of_need,
    coalesce(place_codes.placement_group, 'Unknown') as placement_group
from latest_episode
inner join episodes
    on latest_episode.episode_id = episodes.episode_id
left join children
    on latest_episode.child_id = children.child_id
left join ethnic_codes
    on children.ethnic_code = ethnic_codes.ethnic_code
left join ls_codes
    on episodes.ls_code = ls_codes.ls_code
left join cin_codes
    on episodes.cin_code = cin_codes.cin_code
left join place_codes
    on episodes.place_code = place_codes.place_code
