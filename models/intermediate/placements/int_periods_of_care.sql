with

episodes as not materialized (
    select * from {{ ref('int_episodes') }}
),

ls_codes as not materialized (
    select * from {{ ref('ssda903_ls_codes') }}
)

select
    episodes.period_of_care_id,
    episodes.child_id,
    episodes.period_of_care_seq,
    min(episodes.episode_start_date) as period_start_date,
    -- the period ends with its last episode; an open last episode leaves it open
    arg_max_null(episodes.episode_end_date, episodes.episode_start_date) as period_end_date,
    arg_max_null(episodes.rec_code, episodes.episode_start_date) as period_end_rec_code,
    max(episodes.known_until_date) as known_until_date,
    arg_min(episodes.ls_code, episodes.episode_start_date) as first_ls_code,
    arg_min(episodes.rne_code, episodes.episode_start_date) as first_rne_code,
    coalesce(bool_and(ls_codes.is_short_break), false) as is_short_breaks_only,
    count(*) as episodes_count
from episodes
left join ls_codes
    on episodes.ls_code = ls_codes.ls_code
group by episodes.period_of_care_id, episodes.child_id, episodes.period_of_care_seq
