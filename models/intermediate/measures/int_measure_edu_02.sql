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

terms as not materialized (
    select * from {{ ref('int_school_terms') }}
),

child_terms as (
    -- a school-age child looked after for the whole term should have a PEP review in it
    select
        periods.child_id,
        terms.school_term_id,
        terms.collection_year,
        terms.term_start_date,
        terms.term_end_date
    from periods
    inner join terms
        on periods.period_start_date <= terms.term_start_date
        and coalesce(periods.period_end_date, periods.known_until_date) >= terms.term_end_date
    inner join children
        on periods.child_id = children.child_id
    where not periods.is_short_breaks_only
        and {{ age_in_years('children.birth_date', 'terms.term_start_date') }} between 5 and 15
),

reviewed as (
    select
        child_terms.child_id,
        child_terms.school_term_id,
        max(peps.pep_date) as pep_date
    from child_terms
    inner join peps
        on child_terms.child_id = peps.child_id
        and peps.pep_date between child_terms.term_start_date and child_terms.term_end_date
    group by child_terms.child_id, child_terms.school_term_id
)

select
    'EDU-02:' || child_terms.child_id || ':' || child_terms.school_term_id as child_measure_id,
    child_terms.child_id,
    'EDU-02' as measure_id,
    child_terms.collection_year,
    child_terms.term_start_date as event_date,
    child_terms.term_end_date as due_date,
    reviewed.pep_date as met_date,
    cast(null as double) as observed_value,
    true as is_in_denominator,
    reviewed.pep_date is not null as is_in_numerator,
    case when reviewed.pep_date is not null then 'PEP reviewed in term' else 'no PEP in term' end
        as status
from child_terms
left join reviewed
    on child_terms.child_id = reviewed.child_id
    and child_terms.school_term_id = reviewed.school_term_id
where {{ is_extract_returned('EDU-02', 'child_terms.collection_year') }}
