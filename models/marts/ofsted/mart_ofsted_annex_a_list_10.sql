with

children as not materialized (
    select * from {{ ref('dim_annex_a_child') }}
),

placed_adoption as not materialized (
    select * from {{ ref('stg_ssda903__placed_adoption') }}
),

ad1 as not materialized (
    select * from {{ ref('stg_ssda903__ad1') }}
),

episodes as not materialized (
    select * from {{ ref('int_episodes') }}
),

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

dropdowns as not materialized (
    select * from {{ ref('annex_a_dropdowns') }}
),

reference as (
    select
        max(period_end) as reference_date,
        max(period_end) - interval 12 month as twelve_months_before
    from collection_years
),

decisions as (
    -- one decision per child and date, as the latest return holding it has it
    select placed_adoption.*
    from placed_adoption
    qualify row_number() over (
        partition by placed_adoption.child_id, placed_adoption.placed_decision_date
        order by placed_adoption.collection_year desc, placed_adoption.source_line
    ) = 1
),

latest_decision as (
    select decisions.*
    from decisions
    qualify row_number() over (
        partition by decisions.child_id order by decisions.placed_decision_date desc
    ) = 1
),

decision_period as (
    -- the period of care the decision was made in
    select
        latest_decision.child_id,
        arg_max(periods.period_of_care_id, periods.period_start_date) as period_of_care_id
    from latest_decision
    inner join periods
        on latest_decision.child_id = periods.child_id
        and periods.period_start_date <= latest_decision.placed_decision_date
    group by latest_decision.child_id
),

period_facts as (
    select
        decision_period.child_id,
        periods.period_start_date,
        case when periods.period_end_rec_code in ('E11', 'E12') then periods.period_end_date end
            as adoption_order_date,
        min(episodes.episode_start_date) filter (where episodes.ls_code in ('E1', 'D1'))
            as placement_order_date,
        min(episodes.episode_start_date) filter (where episodes.place_code in ('A3', 'A4', 'A5', 'A6'))
            as placed_for_adoption_date,
        min(episodes.episode_start_date) filter (where episodes.place_code in ('U2', 'U5'))
            as ffa_placement_date
    from decision_period
    inner join periods
        on decision_period.period_of_care_id = periods.period_of_care_id
    inner join episodes
        on decision_period.period_of_care_id = episodes.period_of_care_id
    group by
        decision_period.child_id,
        periods.period_start_date,
        periods.period_end_rec_code,
        periods.period_end_date
),

matches as (
    select ad1.child_id, max(ad1.match_date) as matching_date
    from ad1
    group by ad1.child_id
),

listed as (
    -- children with an adoption decision still in force, or that ended, or ended in an
    -- adoption order, within the 12 months before the reference date
    select latest_decision.*
    from latest_decision
    cross join reference
    left join period_facts
        on latest_decision.child_id = period_facts.child_id
    where latest_decision.placed_decision_date <= reference.reference_date
        and coalesce(latest_decision.placed_ceased_date, reference.reference_date)
            >= reference.twelve_months_before
        and coalesce(period_facts.adoption_order_date, reference.reference_date)
            >= reference.twelve_months_before
)

select
    listed.child_id as child_unique_id,
    cast(null as varchar) as family_identifier,
    children.sex,
    children.ethnicity,
    children.birth_date as date_of_birth,
    cast(date_part('year', age(reference.reference_date, children.birth_date)) as integer)
        as age_of_child_years,
    cast(null as varchar) as has_disability,
    period_facts.period_start_date as date_entered_care,
    listed.placed_decision_date as adoption_decision_date,
    period_facts.placement_order_date,
    matches.matching_date,
    period_facts.placed_for_adoption_date,
    period_facts.adoption_order_date,
    listed.placed_ceased_date as decision_reversed_date,
    reason_dropdown.dropdown_value as decision_reversed_reason,
    period_facts.ffa_placement_date
from listed
cross join reference
left join children
    on listed.child_id = children.child_id
left join period_facts
    on listed.child_id = period_facts.child_id
left join matches
    on listed.child_id = matches.child_id
left join dropdowns as reason_dropdown
    on reason_dropdown.dropdown = 'reason_no_longer_placed'
    and listed.reason_placed_ceased_code = reason_dropdown.code
