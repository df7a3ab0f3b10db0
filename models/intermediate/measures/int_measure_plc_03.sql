with

spells as not materialized (
    select * from {{ ref('int_placement_spells') }}
),

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

children as not materialized (
    select * from {{ ref('int_child_earliest_birth_dates') }}
),

moves as not materialized (
    select * from {{ ref('stg_local__cpw_school_moves') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

placement_moves as (
    -- a move: a placement that is not the first of its period of care, for a school-age child
    select
        spells.placement_spell_id,
        spells.child_id,
        spells.placement_start_date
    from spells
    inner join periods
        on spells.period_of_care_id = periods.period_of_care_id
    inner join children
        on spells.child_id = children.child_id
    where spells.placement_start_date > periods.period_start_date
        and not periods.is_short_breaks_only
        and {{ age_in_years('children.birth_date', 'spells.placement_start_date') }} between 5 and 15
),

school_changes as (
    -- CA 1989 s22C(8)(b): a school move around the placement move means education was disrupted
    select
        placement_moves.placement_spell_id,
        min(moves.school_move_date) as school_move_date
    from placement_moves
    inner join moves
        on placement_moves.child_id = moves.child_id
        and moves.school_move_date between
            placement_moves.placement_start_date - {{ var('school_move_with_placement_days') }}
            and placement_moves.placement_start_date + {{ var('school_move_with_placement_days') }}
        and coalesce(moves.school_move_reason, '') <> 'Phase transfer'
    group by placement_moves.placement_spell_id
)

select
    'PLC-03:' || placement_moves.placement_spell_id as child_measure_id,
    placement_moves.child_id,
    'PLC-03' as measure_id,
    collection_years.collection_year,
    placement_moves.placement_start_date as event_date,
    cast(null as date) as due_date,
    school_changes.school_move_date as met_date,
    cast(null as double) as observed_value,
    true as is_in_denominator,
    school_changes.school_move_date is null as is_in_numerator,
    case
        when school_changes.school_move_date is null then 'same school'
        else 'school changed with the placement'
    end as status
from placement_moves
inner join collection_years
    on {{ collection_year_of('placement_moves.placement_start_date') }} = collection_years.collection_year
left join school_changes
    on placement_moves.placement_spell_id = school_changes.placement_spell_id
where {{ is_extract_returned('PLC-03', 'collection_years.collection_year') }}
