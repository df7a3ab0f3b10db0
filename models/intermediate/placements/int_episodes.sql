with

episodes as not materialized (
    select * from {{ ref('stg_ssda903__episodes') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

versions as (
    -- Rule 1: an episode open at 31 March reappears in the next return, closed or still open;
    -- the latest return's version of each (child, start date) is the truth, since a later
    -- return may also amend earlier years. Rows whose start date did not parse are left out.
    select
        episodes.*,
        row_number() over (
            partition by episodes.child_id, episodes.episode_start_date
            order by episodes.collection_year desc, episodes.source_line
        ) as version_rank,
        min(episodes.collection_year) over (
            partition by episodes.child_id, episodes.episode_start_date
        ) as first_return_year,
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

with_next as (
    select
        latest.*,
        lead(latest.episode_start_date) over child_window as next_start_date,
        lead(latest.rne_code) over child_window as next_rne_code
    from latest
    window child_window as (partition by latest.child_id order by latest.episode_start_date)
),

reconciled as (
    select
        with_next.*,
        case
            -- Rule 2: an episode left open by its last return but followed by a later episode
            -- was closed or replaced in a return we hold; it ends when the next one starts
            when with_next.episode_end_date is null and with_next.next_start_date is not null
                then with_next.next_start_date
            -- Rule 3: an episode overlapping the next one is cut back to the next start date
            when with_next.episode_end_date > with_next.next_start_date
                then with_next.next_start_date
            else with_next.episode_end_date
        end as reconciled_end_date,
        case
            when with_next.episode_end_date is null and with_next.next_start_date is not null
                -- the stay continued unless the next episode starts a new period of care
                then case when with_next.next_rne_code = 'S' then null else 'X1' end
            else with_next.rec_code
        end as reconciled_rec_code,
        case
            when with_next.episode_end_date is null and with_next.next_start_date is not null
                then 'closed by the next episode'
            when with_next.episode_end_date > with_next.next_start_date
                then 'cut back to the next episode'
        end as reconciliation_note
    from with_next
),

sequenced as (
    select
        reconciled.*,
        lag(reconciled.reconciled_end_date) over child_window as previous_end_date,
        lag(reconciled.reconciled_rec_code) over child_window as previous_rec_code,
        row_number() over child_window as episode_seq
    from reconciled
    window child_window as (partition by reconciled.child_id order by reconciled.episode_start_date)
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
    reconciled_end_date as episode_end_date,
    known_until_date,
    rne_code,
    ls_code,
    cin_code,
    place_code,
    place_provider_code,
    reconciled_rec_code as rec_code,
    reason_place_change_code,
    home_postcode,
    placement_postcode,
    urn,
    episode_end_date as returned_end_date,
    rec_code as returned_rec_code,
    reconciliation_note,
    first_return_year,
    collection_year as source_collection_year,
    source_file,
    source_line
from periods
