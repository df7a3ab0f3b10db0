{% macro cohort_measure(measure_id, cohort, observed, numerator, status, denominator='true', where='true',
    category='null', population='null') -%}
{#- The body of a measure counted over a cohort model (one row per child and collection year,
    with period_end): the arguments are the SQL that differs between measures, written against
    the alias `cohort`. -#}
with

cohort as (
    select * from {{ ref(cohort) }}
)

select
    '{{ measure_id }}:' || cohort.child_id || ':' || cohort.collection_year as child_measure_id,
    cohort.child_id,
    '{{ measure_id }}' as measure_id,
    cohort.collection_year,
    cohort.period_end as event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast({{ observed }} as double) as observed_value,
    {{ denominator }} as is_in_denominator,
    {{ numerator }} as is_in_numerator,
    cast({{ population }} as varchar) as population,
    cast({{ category }} as varchar) as category,
    {{ status }} as status
from cohort
where {{ where }}
{%- endmacro %}
