with

child_measures as not materialized (
    select * from {{ ref('fct_child_measure') }}
),

catalogue as not materialized (
    select * from {{ ref('measure_catalogue') }}
)

select
    child_measures.child_measure_id,
    child_measures.child_id,
    child_measures.measure_id,
    catalogue.measure_name,
    child_measures.collection_year,
    child_measures.period_end,
    child_measures.event_date,
    child_measures.due_date,
    child_measures.met_date,
    child_measures.status,
    case
        when child_measures.met_date > child_measures.due_date
            then datediff('day', child_measures.due_date, child_measures.met_date)
    end as days_late
from child_measures
inner join catalogue
    on child_measures.measure_id = catalogue.measure_id
where child_measures.measure_id in ('REV-01', 'REV-02', 'REV-03')
    and child_measures.is_in_denominator
