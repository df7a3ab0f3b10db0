{#- A view, not a table: it stacks tables that are already written, and writing its ~22 million
    national-scale rows a second time cost more than every query that reads it (docs/performance.md,
    "Third pass"). Filters on measure_id reach the int_measure_* tables, so a reader that wants a
    few measures reads only theirs. The list below is every int_measure_* model but the rates
    (CTX-02); test_dbt_conventions.py holds it to the models. -#}
{{ config(materialized='view') }}
{%- set measures = [
    'stb_01', 'rev_01', 'rev_02', 'rev_03', 'hlt_03', 'hlt_04', 'hlt_05', 'hlt_06',
    'hlt_07', 'hlt_08', 'hlt_10', 'saf_05', 'cl_01', 'cl_02', 'cl_03', 'cl_04',
    'cl_05', 'saf_01', 'saf_02', 'ctx_01', 'stb_02', 'stb_03', 'stb_06', 'stb_10',
    'prm_02', 'adp_01', 'adp_02', 'hlt_09', 'saf_03', 'cl_06', 'stb_04', 'stb_05',
    'rev_04', 'iro_01', 'iro_02', 'iro_03', 'iro_04', 'iro_05', 'vis_01', 'vis_02',
    'vis_03', 'vis_04', 'vis_05', 'hlt_01', 'hlt_02', 'edu_01', 'edu_02', 'edu_03',
    'edu_04', 'cl_07', 'cl_08', 'cl_09', 'prm_01', 'ass_01', 'ass_02', 'plc_01',
    'plc_02', 'plc_03', 'plc_04', 'fam_01', 'fam_02', 'stb_07',
] %}

with
{% for measure in measures %}
{{ measure }} as not materialized (
    select * from {{ ref('int_measure_' ~ measure) }}
),
{% endfor %}
collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

children as not materialized (
    select * from {{ ref('dim_child') }}
),

characteristics as not materialized (
    select * from {{ ref('int_child_year_characteristics') }}
),

stacked as (
    {%- for measure in measures %}
    select * from {{ measure }}
    {%- if not loop.last %}
    union all by name
    {%- endif %}
    {%- endfor %}
),

aged as (
    select
        stacked.*,
        collection_years.period_start,
        collection_years.period_end,
        {{ age_in_years('children.birth_date', 'collection_years.period_end') }} as age_at_31_march,
        children.sex,
        children.birth_date,
        characteristics.ethnic_group,
        characteristics.legal_status,
        characteristics.category_of_need,
        characteristics.placement_group,
        characteristics.iro_id as iro
    from stacked
    inner join collection_years
        on stacked.collection_year = collection_years.collection_year
    left join children
        on stacked.child_id = children.child_id
    left join characteristics
        on stacked.child_id = characteristics.child_id
        and stacked.collection_year = characteristics.collection_year
),

banded as (
    select
        aged.*,
        case
            when aged.birth_date is null then 'Unknown'
            -- care leavers: DfE's OC3 bands, by the age at the birthday in the year (= at 31 March)
            when aged.measure_id like 'CL-%' and aged.age_at_31_march between 17 and 18
                then '17 to 18 years'
            when aged.measure_id like 'CL-%' and aged.age_at_31_march between 19 and 21
                then '19 to 21 years'
            when aged.measure_id like 'CL-%' then 'Other'
            -- everyone else: DfE's children looked after bands at 31 March
            when aged.age_at_31_march < 1 then 'Under 1'
            when aged.age_at_31_march < 5 then '1 to 4'
            when aged.age_at_31_march < 10 then '5 to 9'
            when aged.age_at_31_march < 16 then '10 to 15'
            else '16 and over'
        end as age_band
    from aged
)

select
    banded.child_measure_id,
    '{{ var('la_code') }}' as la_code,
    banded.child_id,
    banded.measure_id,
    banded.collection_year,
    banded.period_start,
    banded.period_end,
    banded.event_date,
    banded.due_date,
    banded.met_date,
    banded.observed_value,
    banded.is_in_denominator,
    banded.is_in_numerator,
    banded.status,
    -- a measure-specific population (e.g. children who started care) sits beside the headline
    -- population (null); a category splits the headline population (e.g. SDQ bands)
    banded.population,
    banded.category,
    coalesce(banded.sex, 'U') as sex,
    coalesce(banded.ethnic_group, 'Unknown') as ethnic_group,
    coalesce(banded.legal_status, 'Unknown') as legal_status,
    coalesce(banded.category_of_need, 'Unknown') as category_of_need,
    coalesce(banded.placement_group, 'Unknown') as placement_group,
    coalesce(banded.iro, 'Not recorded') as iro,
    banded.age_band
from banded
