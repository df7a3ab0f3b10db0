with

spells as not materialized (
    select * from {{ ref('int_placement_spells') }}
),

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

episodes as not materialized (
    select * from {{ ref('int_episodes') }}
),

reviews as not materialized (
    select * from {{ ref('int_reviews') }}
),

visits as not materialized (
    select * from {{ ref('stg_local__ssd_cla_visits') }}
),

-- short breaks follow reg 48's agreed intervals, not reg 28's
visited_spells as (
    select spells.*
    from spells
    inner join periods
        on spells.period_of_care_id = periods.period_of_care_id
    where not periods.is_short_breaks_only
),

first_reviews as (
    select
        reviews.period_of_care_id,
        min(reviews.review_date) as first_review_date
    from reviews
    where reviews.period_of_care_id is not null
    group by reviews.period_of_care_id
),

seen_visits as (
    -- only a visit where the child was seen meets reg 28; one a day is enough
    select distinct
        visits.child_id,
        visits.visit_date
    from visits
    where visits.is_child_seen and visits.visit_date is not null
),

spell_visits as (
    -- a visit on the day of a move belongs to the new placement, whose clock it starts
    select
        visited_spells.placement_spell_id,
        seen_visits.visit_date,
        row_number() over (
            partition by visited_spells.placement_spell_id order by seen_visits.visit_date
        ) as visit_seq
    from visited_spells
    inner join seen_visits
        on visited_spells.child_id = seen_visits.child_id
        and seen_visits.visit_date >= visited_spells.placement_start_date
        and seen_visits.visit_date < coalesce(
            visited_spells.placement_end_date, visited_spells.known_until_date + 1
        )
),

clocks as (
    -- each placement's clock starts at its start date, then again at every visit
    select
        visited_spells.placement_spell_id,
        0 as visit_seq,
        visited_spells.placement_start_date as clock_start_date
    from visited_spells
    union all
    select
        spell_visits.placement_spell_id,
        spell_visits.visit_seq,
        spell_visits.visit_date
    from spell_visits
),

regimes as (
    -- the placement type and legal status on the clock's start date set the next interval
    select
        clocks.placement_spell_id,
        clocks.visit_seq,
        clocks.clock_start_date,
        visited_spells.child_id,
        visited_spells.period_of_care_id,
        visited_spells.placement_start_date,
        visited_spells.placement_end_date,
        visited_spells.known_until_date,
        episodes.place_code,
        episodes.ls_code,
        first_reviews.first_review_date,
        case
            when clocks.visit_seq = 0 then 'first week'
            when episodes.place_code in {{ sql_list(var('placed_with_parents_place_codes')) }}
                and (first_reviews.first_review_date is null
                    or clocks.clock_start_date < first_reviews.first_review_date)
                then 'with parents before first review'
            when episodes.place_code in {{ sql_list(var('placed_with_parents_place_codes')) }}
                and episodes.ls_code in {{ sql_list(var('interim_care_order_ls_codes')) }}
                then 'with parents on an interim care order'
            when episodes.place_code in {{ sql_list(var('placed_with_parents_place_codes')) }}
                then 'with parents'
            when clocks.clock_start_date >= {{ add_months('visited_spells.placement_start_date', 12) }}
                and episodes.place_code in {{ sql_list(var('long_term_place_codes')) }}
                then 'after first year, long term'
            when clocks.clock_start_date >= {{ add_months('visited_spells.placement_start_date', 12) }}
                then 'after first year'
            else 'first year'
        end as visit_regime
    from clocks
    inner join visited_spells
        on clocks.placement_spell_id = visited_spells.placement_spell_id
    left join episodes
        on visited_spells.child_id = episodes.child_id
        and clocks.clock_start_date >= episodes.episode_start_date
        and clocks.clock_start_date < coalesce(episodes.episode_end_date, episodes.known_until_date + 1)
    left join first_reviews
        on visited_spells.period_of_care_id = first_reviews.period_of_care_id
    -- a clock date with two episodes (a same-day change) takes the later one
    qualify row_number() over (
        partition by clocks.placement_spell_id, clocks.visit_seq
        order by episodes.episode_start_date desc nulls last
    ) = 1
),

due as (
    select
        regimes.*,
        case regimes.visit_regime
            when 'first week' then regimes.clock_start_date + {{ var('visit_first_days') }}
            when 'with parents before first review'
                then regimes.clock_start_date + {{ var('visit_special_interval_days') }}
            when 'with parents on an interim care order'
                then regimes.clock_start_date + {{ var('visit_special_later_days') }}
            when 'after first year, long term'
                then {{ add_months('regimes.clock_start_date', var('visit_long_term_months')) }}
            else regimes.clock_start_date + {{ var('visit_interval_days') }}
        end as due_date
    from regimes
),

met as (
    select
        due.*,
        next_visits.visit_date as next_visit_date
    from due
    left join spell_visits as next_visits
        on due.placement_spell_id = next_visits.placement_spell_id
        and next_visits.visit_seq = due.visit_seq + 1
)

select
    placement_spell_id || ':' || visit_seq as visit_due_id,
    placement_spell_id,
    child_id,
    period_of_care_id,
    visit_seq,
    visit_regime,
    case
        when visit_regime = 'first week' then 'VIS-01'
        when visit_regime like 'with parents%' then 'VIS-04'
        when visit_regime like 'after first year%' then 'VIS-03'
        else 'VIS-02'
    end as measure_id,
    place_code,
    placement_start_date,
    placement_end_date,
    clock_start_date,
    due_date,
    next_visit_date,
    {{ collection_year_of('due_date') }} as due_collection_year,
    -- a visit stops being due when the placement ends (the next placement has its own clock)
    coalesce(placement_end_date > due_date, due_date <= known_until_date) as is_due_while_placed,
    due_date <= known_until_date as is_due_within_data,
    next_visit_date is not null and next_visit_date <= due_date as is_visited_on_time,
    case
        when next_visit_date is not null and next_visit_date <= due_date then 'on time'
        when next_visit_date is not null then 'late'
        when placement_end_date is not null and placement_end_date <= due_date
            then 'placement ended before due'
        when due_date > known_until_date then 'not yet due'
        else 'not visited'
    end as visit_status
from met
