{#- low-cardinality text is stored as ENUM (macros/as_enum.sql): the table has ~22 million
    rows at national scale, and a VARCHAR column is the costliest thing it writes -#}
{%- set characteristics_table = ref('int_child_year_characteristics') -%}
{%- set age_bands = ['Unknown', '17 to 18 years', '19 to 21 years', 'Other', 'Under 1', '1 to 4',
    '5 to 9', '10 to 15', '16 and over'] -%}

with

stb_01 as (
    select * from {{ ref('int_measure_stb_01') }}
),

rev_01 as (
    select * from {{ ref('int_measure_rev_01') }}
),

rev_02 as (
    select * from {{ ref('int_measure_rev_02') }}
),

rev_03 as (
    select * from {{ ref('int_measure_rev_03') }}
),

hlt_03 as (
    select * from {{ ref('int_measure_hlt_03') }}
),

hlt_04 as (
    select * from {{ ref('int_measure_hlt_04') }}
),

hlt_05 as (
    select * from {{ ref('int_measure_hlt_05') }}
),

hlt_06 as (
    select * from {{ ref('int_measure_hlt_06') }}
),

hlt_07 as (
    select * from {{ ref('int_measure_hlt_07') }}
),

hlt_08 as (
    select * from {{ ref('int_measure_hlt_08') }}
),

hlt_10 as (
    select * from {{ ref('int_measure_hlt_10') }}
),

saf_05 as (
    select * from {{ ref('int_measure_saf_05') }}
),

cl_01 as (
    select * from {{ ref('int_measure_cl_01') }}
),

cl_02 as (
    select * from {{ ref('int_measure_cl_02') }}
),

cl_03 as (
    select * from {{ ref('int_measure_cl_03') }}
),

cl_04 as (
    select * from {{ ref('int_measure_cl_04') }}
),

cl_05 as (
    select * from {{ ref('int_measure_cl_05') }}
),

saf_01 as (
    select * from {{ ref('int_measure_saf_01') }}
),

saf_02 as (
    select * from {{ ref('int_measure_saf_02') }}
),

ctx_01 as (
    select * from {{ ref('int_measure_ctx_01') }}
),

stb_02 as (
    select * from {{ ref('int_measure_stb_02') }}
),

stb_03 as (
    select * from {{ ref('int_measure_stb_03') }}
),

stb_06 as (
    select * from {{ ref('int_measure_stb_06') }}
),

stb_10 as (
    select * from {{ ref('int_measure_stb_10') }}
),

prm_02 as (
    select * from {{ ref('int_measure_prm_02') }}
),

adp_01 as (
    select * from {{ ref('int_measure_adp_01') }}
),

adp_02 as (
    select * from {{ ref('int_measure_adp_02') }}
),

hlt_09 as (
    select * from {{ ref('int_measure_hlt_09') }}
),

saf_03 as (
    select * from {{ ref('int_measure_saf_03') }}
),

cl_06 as (
    select * from {{ ref('int_measure_cl_06') }}
),

stb_04 as (
    select * from {{ ref('int_measure_stb_04') }}
),

stb_05 as (
    select * from {{ ref('int_measure_stb_05') }}
),

rev_04 as (
    select * from {{ ref('int_measure_rev_04') }}
),

iro_01 as (
    select * from {{ ref('int_measure_iro_01') }}
),

iro_02 as (
    select * from {{ ref('int_measure_iro_02') }}
),

iro_03 as (
    select * from {{ ref('int_measure_iro_03') }}
),

iro_04 as (
    select * from {{ ref('int_measure_iro_04') }}
),

iro_05 as (
    select * from {{ ref('int_measure_iro_05') }}
),

vis_01 as (
    select * from {{ ref('int_measure_vis_01') }}
),

vis_02 as (
    select * from {{ ref('int_measure_vis_02') }}
),

vis_03 as (
    select * from {{ ref('int_measure_vis_03') }}
),

vis_04 as (
    select * from {{ ref('int_measure_vis_04') }}
),

vis_05 as (
    select * from {{ ref('int_measure_vis_05') }}
),

hlt_01 as (
    select * from {{ ref('int_measure_hlt_01') }}
),

hlt_02 as (
    select * from {{ ref('int_measure_hlt_02') }}
),

edu_01 as (
    select * from {{ ref('int_measure_edu_01') }}
),

edu_02 as (
    select * from {{ ref('int_measure_edu_02') }}
),

edu_03 as (
    select * from {{ ref('int_measure_edu_03') }}
),

edu_04 as (
    select * from {{ ref('int_measure_edu_04') }}
),

cl_07 as (
    select * from {{ ref('int_measure_cl_07') }}
),

cl_08 as (
    select * from {{ ref('int_measure_cl_08') }}
),

cl_09 as (
    select * from {{ ref('int_measure_cl_09') }}
),

prm_01 as (
    select * from {{ ref('int_measure_prm_01') }}
),

ass_01 as (
    select * from {{ ref('int_measure_ass_01') }}
),

ass_02 as (
    select * from {{ ref('int_measure_ass_02') }}
),

plc_01 as (
    select * from {{ ref('int_measure_plc_01') }}
),

plc_02 as (
    select * from {{ ref('int_measure_plc_02') }}
),

plc_03 as (
    select * from {{ ref('int_measure_plc_03') }}
),

plc_04 as (
    select * from {{ ref('int_measure_plc_04') }}
),

fam_01 as (
    select * from {{ ref('int_measure_fam_01') }}
),

fam_02 as (
    select * from {{ ref('int_measure_fam_02') }}
),

stb_07 as (
    select * from {{ ref('int_measure_stb_07') }}
),

collection_years as (
    select * from {{ ref('int_collection_years') }}
),

children as (
    select * from {{ ref('dim_child') }}
),

characteristics as (
    select * from {{ ref('int_child_year_characteristics') }}
),

stacked as (
    select * from stb_01
    union all by name
    select * from rev_01
    union all by name
    select * from rev_02
    union all by name
    select * from rev_03
    union all by name
    select * from hlt_03
    union all by name
    select * from hlt_04
    union all by name
    select * from hlt_05
    union all by name
    select * from hlt_06
    union all by name
    select * from hlt_07
    union all by name
    select * from hlt_08
    union all by name
    select * from hlt_10
    union all by name
    select * from saf_05
    union all by name
    select * from cl_01
    union all by name
    select * from cl_02
    union all by name
    select * from cl_03
    union all by name
    select * from cl_04
    union all by name
    select * from cl_05
    union all by name
    select * from saf_01
    union all by name
    select * from saf_02
    union all by name
    select * from ctx_01
    union all by name
    select * from stb_02
    union all by name
    select * from stb_03
    union all by name
    select * from stb_06
    union all by name
    select * from stb_10
    union all by name
    select * from prm_02
    union all by name
    select * from adp_01
    union all by name
    select * from adp_02
    union all by name
    select * from hlt_09
    union all by name
    select * from saf_03
    union all by name
    select * from cl_06
    union all by name
    select * from stb_04
    union all by name
    select * from stb_05
    union all by name
    select * from rev_04
    union all by name
    select * from iro_01
    union all by name
    select * from iro_02
    union all by name
    select * from iro_03
    union all by name
    select * from iro_04
    union all by name
    select * from iro_05
    union all by name
    select * from vis_01
    union all by name
    select * from vis_02
    union all by name
    select * from vis_03
    union all by name
    select * from vis_04
    union all by name
    select * from vis_05
    union all by name
    select * from hlt_01
    union all by name
    select * from hlt_02
    union all by name
    select * from edu_01
    union all by name
    select * from edu_02
    union all by name
    select * from edu_03
    union all by name
    select * from edu_04
    union all by name
    select * from cl_07
    union all by name
    select * from cl_08
    union all by name
    select * from cl_09
    union all by name
    select * from prm_01
    union all by name
    select * from ass_01
    union all by name
    select * from ass_02
    union all by name
    select * from plc_01
    union all by name
    select * from plc_02
    union all by name
    select * from plc_03
    union all by name
    select * from plc_04
    union all by name
    select * from fam_01
    union all by name
    select * from fam_02
    union all by name
    select * from stb_07
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
    {{ as_enum("'" ~ var('la_code') ~ "'", values=[var('la_code')]) }} as la_code,
    banded.child_id,
    {{ as_enum('banded.measure_id', 'select measure_id from ' ~ ref('measure_catalogue')) }}
        as measure_id,
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
    {{ as_enum("coalesce(banded.sex, 'U')",
        "select coalesce(sex, 'U') from " ~ ref('dim_child') ~ " union select 'U'") }} as sex,
    {%- for characteristic, source_column, missing in [
        ('ethnic_group', 'ethnic_group', 'Unknown'),
        ('legal_status', 'legal_status', 'Unknown'),
        ('category_of_need', 'category_of_need', 'Unknown'),
        ('placement_group', 'placement_group', 'Unknown'),
        ('iro', 'iro_id', 'Not recorded'),
    ] %}
    {{ as_enum(
        "coalesce(banded." ~ characteristic ~ ", '" ~ missing ~ "')",
        "select coalesce(" ~ source_column ~ ", '" ~ missing ~ "') from " ~ characteristics_table
            ~ " union select '" ~ missing ~ "'"
    ) }} as {{ characteristic }},
    {%- endfor %}
    {{ as_enum('banded.age_band', values=age_bands) }} as age_band
from banded
