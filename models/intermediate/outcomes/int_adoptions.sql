with

periods_of_care as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

episodes as not materialized (
    select * from {{ ref('int_episodes') }}
),

placement_spells as not materialized (
    select * from {{ ref('int_placement_spells') }}
),

place_codes as not materialized (
    select * from {{ ref('ssda903_place_codes') }}
),

ad1 as not materialized (
    select * from {{ ref('stg_ssda903__ad1') }}
),

adopted as (
    select *
    from periods_of_care
    where period_end_rec_code in ('E11', 'E12')
),

first_adoptive_episode as (
    select
        adopted.period_of_care_id,
        min(episodes.episode_start_date) as placed_for_adoption_date
    from adopted
    inner join episodes
        on adopted.period_of_care_id = episodes.period_of_care_id
    inner join place_codes
        on episodes.place_code = place_codes.place_code
    where place_codes.placement_group = 'Placed for adoption'
    group by adopted.period_of_care_id
),

moved_in as (
    -- A10: the day the child moved in with the family who adopted them, which for a child
    -- adopted by their foster carers (A3/A5) is when that foster placement began: the start of
    -- the placement spell holding the first adoptive episode
    select
        first_adoptive_episode.period_of_care_id,
        first_adoptive_episode.placed_for_adoption_date,
        max(placement_spells.placement_start_date) as moved_in_date
    from first_adoptive_episode
    inner join adopted
        on first_adoptive_episode.period_of_care_id = adopted.period_of_care_id
    inner join placement_spells
        on adopted.child_id = placement_spells.child_id
        and placement_spells.placement_start_date
            <= first_adoptive_episode.placed_for_adoption_date
    group by first_adoptive_episode.period_of_care_id, first_adoptive_episode.placed_for_adoption_date
),

placement_order as (
    -- court authority to place: the first placement order (E1) or freeing order (D1) episode
    select
        adopted.period_of_care_id,
        min(episodes.episode_start_date) as placement_order_date
    from adopted
    inner join episodes
        on adopted.period_of_care_id = episodes.period_of_care_id
    where episodes.ls_code in ('E1', 'D1')
    group by adopted.period_of_care_id
),

match as (
    select
        ad1.child_id,
        arg_max(ad1.match_date, ad1.collection_year) as match_date,
        arg_max(ad1.adoption_decision_date, ad1.collection_year) as adoption_decision_date
    from ad1
    group by ad1.child_id
)

select
    adopted.period_of_care_id,
    adopted.child_id,
    adopted.period_start_date,
    adopted.period_end_date as adoption_order_date,
    moved_in.placed_for_adoption_date,
    moved_in.moved_in_date,
    placement_order.placement_order_date,
    match.adoption_decision_date,
    match.match_date
from adopted
left join moved_in
    on adopted.period_of_care_id = moved_in.period_of_care_id
left join placement_order
    on adopted.period_of_care_id = placement_order.period_of_care_id
left join match
    on adopted.child_id = match.child_id
