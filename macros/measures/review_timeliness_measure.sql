{% macro review_timeliness_measure(measure_id, review_number_condition) -%}
{#- REV-01/02/03 differ only in which review they count; the due dates come from
    int_review_schedule, the one place they are computed. One row per review due in a loaded
    collection year. -#}
with

schedule as (
    select * from {{ ref('int_review_schedule') }}
),

collection_years as (
    select * from {{ ref('int_collection_years') }}
)

select
    '{{ measure_id }}:' || schedule.review_due_id as child_measure_id,
    schedule.child_id,
    '{{ measure_id }}' as measure_id,
    collection_years.collection_year,
    schedule.clock_start_date as event_date,
    schedule.due_date,
    schedule.held_date as met_date,
    cast(schedule.days_after_due as double) as observed_value,
    schedule.is_due_while_looked_after and schedule.is_due_within_data as is_in_denominator,
    schedule.is_due_while_looked_after and schedule.is_due_within_data and schedule.is_held_on_time
        as is_in_numerator,
    schedule.review_status as status
from schedule
inner join collection_years
    on schedule.due_collection_year = collection_years.collection_year
where {{ review_number_condition }}
{%- endmacro %}
