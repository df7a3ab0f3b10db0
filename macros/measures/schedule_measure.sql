{% macro schedule_measure(measure_id, schedule, due_id, met_date, is_due, is_met, status) -%}
{#- A measure counted over a duty schedule (one row per duty falling due, e.g. a visit or a
    health assessment): the schedule model computes the due dates once; this picks the rows
    of one measure in the collection year their due date falls in. -#}
with

schedule as (
    select * from {{ ref(schedule) }}
),

collection_years as (
    select * from {{ ref('int_collection_years') }}
)

select
    '{{ measure_id }}:' || schedule.{{ due_id }} as child_measure_id,
    schedule.child_id,
    '{{ measure_id }}' as measure_id,
    collection_years.collection_year,
    schedule.clock_start_date as event_date,
    schedule.due_date,
    schedule.{{ met_date }} as met_date,
    cast(datediff('day', schedule.due_date, schedule.{{ met_date }}) as double) as observed_value,
    schedule.{{ is_due }} and schedule.is_due_within_data as is_in_denominator,
    schedule.{{ is_due }} and schedule.is_due_within_data and schedule.{{ is_met }}
        as is_in_numerator,
    schedule.{{ status }} as status
from schedule
inner join collection_years
    on schedule.due_collection_year = collection_years.collection_year
where schedule.measure_id = '{{ measure_id }}'
    and {{ is_extract_returned(measure_id, 'collection_years.collection_year') }}
{%- endmacro %}
