with

looked_after as not materialized (
    select * from {{ ref('int_looked_after_in_year') }}
),

periods_of_care as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

placement_spells as not materialized (
    select * from {{ ref('int_placement_spells') }}
),

place_codes as not materialized (
    select * from {{ ref('ssda903_place_codes') }}
),

child_birth_dates as not materialized (
    select * from {{ ref('int_child_birth_dates') }}
),

cohort as (
    -- under 16 at 31 March, in a period of care begun at least 2.5 years (30 calendar months)
    -- before it
    select
        looked_after.collection_year,
        looked_after.period_end,
        looked_after.child_id,
        periods_of_care.period_start_date
    from looked_after
    inner join periods_of_care
        on looked_after.latest_period_of_care_id = periods_of_care.period_of_care_id
    inner join child_birth_dates
        on looked_after.child_id = child_birth_dates.child_id
        and looked_after.collection_year = child_birth_dates.collection_year
    where looked_after.is_looked_after_at_year_end
        and {{ age_in_years('child_birth_dates.birth_date', 'looked_after.period_end') }} < 16
        and periods_of_care.period_start_date <= looked_after.period_end - interval 30 month
),

current_spell as (
    select
        cohort.collection_year,
        cohort.child_id,
        arg_max(placement_spells.placement_spell_id, placement_spells.placement_start_date)
            as placement_spell_id
    from cohort
    inner join placement_spells
        on cohort.child_id = placement_spells.child_id
        and placement_spells.placement_start_date <= cohort.period_end
    group by cohort.collection_year, cohort.child_id
),

spell_dates as (
    -- a child placed for adoption away from the foster carer (A4/A6) counts the adoptive
    -- placement together with the placement just before it; a placement for adoption with the
    -- foster carer (A3/A5) is already part of that carer's spell
    select
        current_spell.collection_year,
        current_spell.child_id,
        spells.placement_start_date,
        spells.first_place_code,
        coalesce(place_codes.placement_group = 'Placed for adoption', false) as is_adoptive,
        previous_spell.placement_start_date as previous_start_date,
        previous_spell.placement_end_date as previous_end_date
    from current_spell
    inner join placement_spells as spells
        on current_spell.placement_spell_id = spells.placement_spell_id
    left join place_codes
        on spells.first_place_code = place_codes.place_code
    left join placement_spells as previous_spell
        on spells.child_id = previous_spell.child_id
        and spells.placement_seq = previous_spell.placement_seq + 1
),

judged as (
    select
        cohort.*,
        spell_dates.placement_start_date,
        case
            when spell_dates.is_adoptive
                and spell_dates.previous_end_date = spell_dates.placement_start_date
                then spell_dates.previous_start_date
            else spell_dates.placement_start_date
        end as stable_since_date
    from cohort
    inner join spell_dates
        on cohort.collection_year = spell_dates.collection_year
        and cohort.child_id = spell_dates.child_id
)

select
    'STB-02:' || judged.child_id || ':' || judged.collection_year as child_measure_id,
    judged.child_id,
    'STB-02' as measure_id,
    judged.collection_year,
    judged.period_end as event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast(datediff('day', judged.stable_since_date, judged.period_end) as double) as observed_value,
    true as is_in_denominator,
    judged.stable_since_date <= judged.period_end - interval 2 year as is_in_numerator,
    'in the same placement since ' || strftime(judged.stable_since_date, '%d/%m/%Y') as status
from judged
