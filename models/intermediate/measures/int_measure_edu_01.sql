with

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

children as not materialized (
    select * from {{ ref('int_child_earliest_birth_dates') }}
),

peps as not materialized (
    select * from {{ ref('stg_local__cpw_pep') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

entrants as (
    -- school-age children coming into care: the PEP is part of the care plan, due within
    -- 10 working days (CPPCR reg 4(2), reg 5(b)(ii))
    select
        periods.period_of_care_id,
        periods.child_id,
        periods.period_start_date,
        periods.period_end_date,
        periods.known_until_date,
        {{ add_working_days('periods.period_start_date', var('pep_initial_working_days')) }}
            as due_date
    from periods
    inner join children
        on periods.child_id = children.child_id
    where not periods.is_short_breaks_only
        and {{ age_in_years('children.birth_date', 'periods.period_start_date') }} between 5 and 15
),

first_peps as (
    select
        entrants.period_of_care_id,
        min(peps.pep_date) as pep_date
    from entrants
    inner join peps
        on entrants.child_id = peps.child_id
        and peps.pep_date >= entrants.period_start_date
        and peps.pep_date <= coalesce(entrants.period_end_date, entrants.known_until_date)
    group by entrants.period_of_care_id
)

select
    'EDU-01:' || entrants.period_of_care_id as child_measure_id,
    entrants.child_id,
    'EDU-01' as measure_id,
    collection_years.collection_year,
    entrants.period_start_date as event_date,
    entrants.due_date,
    first_peps.pep_date as met_date,
    cast(datediff('day', entrants.due_date, first_peps.pep_date) as double) as observed_value,
    coalesce(entrants.period_end_date >= entrants.due_date, entrants.due_date <= entrants.known_until_date)
        and entrants.due_date <= entrants.known_until_date as is_in_denominator,
    coalesce(first_peps.pep_date <= entrants.due_date, false) as is_in_numerator,
    case
        when first_peps.pep_date <= entrants.due_date then 'PEP on time'
        when first_peps.pep_date is not null then 'PEP late'
        when entrants.period_end_date < entrants.due_date then 'care ended before due'
        else 'no PEP'
    end as status
from entrants
inner join collection_years
    on {{ collection_year_of('entrants.due_date') }} = collection_years.collection_year
left join first_peps
    on entrants.period_of_care_id = first_peps.period_of_care_id
where {{ is_extract_returned('EDU-01', 'collection_years.collection_year') }}
