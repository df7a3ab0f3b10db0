with

episodes as not materialized (
    select * from {{ ref('int_episodes') }}
),

rne_codes as not materialized (
    select * from {{ ref('ssda903_rne_codes') }}
),

place_codes as not materialized (
    select * from {{ ref('ssda903_place_codes') }}
),

flagged as (
    select
        episodes.child_id,
        episodes.period_of_care_id,
        episodes.episode_start_date,
        episodes.episode_end_date,
        episodes.known_until_date,
        episodes.place_code,
        -- S, P and B move the child to a new carer; T, U and L keep the carer. A placement for
        -- adoption with the existing foster carer (A3, A5) is not a new placement (LAIT def. 372).
        case
            when episodes.episode_seq = 1 then true
            when episodes.period_of_care_seq <> lag(episodes.period_of_care_seq) over child_window then true
            when coalesce(place_codes.is_adoption_with_current_carer, false) then false
            else coalesce(rne_codes.starts_new_placement, false)
        end as is_new_placement
    from episodes
    left join rne_codes
        on episodes.rne_code = rne_codes.rne_code
    left join place_codes
        on episodes.place_code = place_codes.place_code
    window child_window as (partition by episodes.child_id order by episodes.episode_start_date)
),

numbered as (
    select
        flagged.*,
        sum(case when flagged.is_new_placement then 1 else 0 end) over (
            partition by flagged.child_id
            order by flagged.episode_start_date
            rows between unbounded preceding and current row
        ) as placement_seq
    from flagged
)

select
    child_id || ':' || placement_seq as placement_spell_id,
    child_id,
    placement_seq,
    any_value(period_of_care_id) as period_of_care_id,
    min(episode_start_date) as placement_start_date,
    -- an open last episode leaves the spell open
    case
        when count(episode_end_date) = count(*) then max(episode_end_date)
    end as placement_end_date,
    max(known_until_date) as known_until_date,
    arg_min(place_code, episode_start_date) as first_place_code,
    count(*) as episodes_count
from numbered
group by child_id, placement_seq
