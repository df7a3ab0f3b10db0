with

spells as not materialized (
    select * from {{ ref('int_placement_spells') }}
),

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

matching as not materialized (
    select * from {{ ref('stg_local__cpw_placement_matching') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

placements as (
    select
        spells.placement_spell_id,
        spells.child_id,
        spells.placement_start_date
    from spells
    inner join periods
        on spells.period_of_care_id = periods.period_of_care_id
    where not periods.is_short_breaks_only
),

recorded as (
    -- the process proxy: the placement plan's identity-needs section is completed (CPPCR
    -- reg 5(b)(iv)); a literal carer match is descriptive, not a target
    select
        matching.child_id,
        matching.placement_start_date,
        bool_or(coalesce(matching.is_identity_needs_recorded, false)) as is_identity_needs_recorded,
        bool_or(coalesce(matching.is_carer_ethnicity_matched, false)) as is_carer_ethnicity_matched
    from matching
    group by matching.child_id, matching.placement_start_date
)

select
    'PLC-02:' || placements.placement_spell_id as child_measure_id,
    placements.child_id,
    'PLC-02' as measure_id,
    collection_years.collection_year,
    placements.placement_start_date as event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast(null as double) as observed_value,
    true as is_in_denominator,
    coalesce(recorded.is_identity_needs_recorded, false) as is_in_numerator,
    case
        when recorded.is_identity_needs_recorded and recorded.is_carer_ethnicity_matched
            then 'identity needs recorded, carer ethnicity matched'
        when recorded.is_identity_needs_recorded then 'identity needs recorded'
        when recorded.child_id is not null then 'identity needs not recorded'
        else 'no placement plan record'
    end as status
from placements
inner join collection_years
    on {{ collection_year_of('placements.placement_start_date') }} = collection_years.collection_year
left join recorded
    on placements.child_id = recorded.child_id
    and placements.placement_start_date = recorded.placement_start_date
where {{ is_extract_returned('PLC-02', 'collection_years.collection_year') }}
