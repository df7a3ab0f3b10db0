with

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

episodes as not materialized (
    select * from {{ ref('int_episodes') }}
),

header as not materialized (
    select * from {{ ref('stg_ssda903__header') }}
),

ethnic_codes as not materialized (
    select * from {{ ref('ssda903_ethnic_codes') }}
),

ls_codes as not materialized (
    select * from {{ ref('ssda903_ls_codes') }}
),

cin_codes as not materialized (
    select * from {{ ref('ssda903_cin_codes') }}
),

place_codes as not materialized (
    select * from {{ ref('ssda903_place_codes') }}
),

allocations as not materialized (
    select * from {{ ref('int_worker_allocations') }}
),

header_ethnicity as (
    -- the ethnicity the year's own return gives (a child listed twice keeps the first row)
    select
        header.collection_year,
        header.child_id,
        arg_min(header.ethnic_code, header.source_line) as ethnic_code
    from header
    group by header.collection_year, header.child_id
),

year_allocations as (
    -- among the allocations that held the child at some time in the year (local
    -- ssd_involvements; none for a council without the extract), the IRO and the social
    -- worker's team most recently allocated
    select
        collection_years.collection_year,
        allocations.child_id,
        arg_max(allocations.worker_id, allocations.involvement_start_date)
            filter (where allocations.worker_role = 'IRO') as iro_id,
        arg_max(allocations.team_name, allocations.involvement_start_date)
            filter (where allocations.worker_role = 'Social Worker') as team_name
    from allocations
    inner join collection_years
        on allocations.involvement_start_date <= collection_years.period_end
        and coalesce(allocations.involvement_end_date, collection_years.period_end)
            >= collection_years.period_start
    group by collection_years.collection_year, allocations.child_id
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
    coalesce(place_codes.placement_group, 'Unknown') as placement_group,
    year_allocations.iro_id,
    year_allocations.team_name
from latest_episode
inner join episodes
    on latest_episode.episode_id = episodes.episode_id
left join header_ethnicity
    on latest_episode.child_id = header_ethnicity.child_id
    and latest_episode.collection_year = header_ethnicity.collection_year
left join ethnic_codes
    on header_ethnicity.ethnic_code = ethnic_codes.ethnic_code
left join ls_codes
    on episodes.ls_code = ls_codes.ls_code
left join cin_codes
    on episodes.cin_code = cin_codes.cin_code
left join place_codes
    on episodes.place_code = place_codes.place_code
left join year_allocations
    on latest_episode.child_id = year_allocations.child_id
    and latest_episode.collection_year = year_allocations.collection_year
