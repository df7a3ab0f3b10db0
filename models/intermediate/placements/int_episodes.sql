with

episodes as (
    select * from {{ ref('stg_ssda903__episodes') }}
),

collection_years as (
    select * from {{ ref('int_collection_years') }}
),

versions as (
    -- An episode open at 31 March reappears in the next return, closed or still open; the
    -- latest return's version is the truth (later returns may also amend earlier years).
    select
        episodes.*,
        row_number() over (
            partition by episodes.child_id, episodes.episode_start_date
            order by episodes.collection_year desc, episodes.source_line
        ) as version_rank,
        max(episodes.collection_year) over (
            partition by episodes.child_id, episodes.episode_start_date
        ) as last_return_year
    from episodes
    where episodes.episode_start_date is not null
),

latest as (
    select
        versions.*,
        collection_years.period_end as known_until_date
    from versions
    inner join collection_years
        on versions.last_return_year = collection_years.collection_year
    where versions.version_rank = 1
),

sequenced as (
    select
        latest.*,
        lag(latest.episode_end_date) over child_window as previous_end_date,
        lag(latest.rec_code) over child_window as previous_rec_code,
        row_number() over child_window as episode_seq
    from latest
    window child_window as (partition by latest.child_id order by latest.episode_start_date)
),

periods as (
    -- A period of care continues only while each episode starts the day the previous one
    -- ended with X1 (data_standards.md §3: episodes are contiguous within a period of care).
    select
        sequenced.*,
        sum(
            case
                when sequenced.episode_seq = 1 then 1
                when sequenced.previous_end_date is distinct from sequenced.episode_start_date then 1
                when sequenced.previous_rec_code is distinct from 'X1' then 1
                else 0
            end
        ) over (
            partition by sequenced.child_id
            order by sequenced.episode_start_date
            rows between unbounded preceding and current row
        ) as period_of_care_seq
    from sequenced
)

select
    child_id || ':' || strftime(episode_start_date, '%Y-%m-%d') as episode_id,
    child_id,
    child_id || ':' || period_of_care_seq as period_of_care_id,
    period_of_care_seq,
    episode_seq,
    episode_start_date,
    episode_end_date,
    known_until_date,
    rne_code,
    ls_code,
    cin_code,
    place_code,
    place_provider_code,
    rec_code,
    reason_place_change_code,
    home_postcode,
    placement_postcode,
    urn,
    collection_year as source_collection_year,
    source_file,
    source_line
from periods
