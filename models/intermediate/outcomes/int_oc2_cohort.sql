with

oc2 as not materialized (
    select * from {{ ref('stg_ssda903__oc2') }}
),

child_birth_dates as not materialized (
    select * from {{ ref('int_child_birth_dates') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

oc2_rows as (
    -- the OC2 table is filled only for the cohort (looked after continuously 12 months at
    -- 31 March, short breaks excluded), so its rows are the cohort; a child listed twice keeps
    -- the first row
    select
        oc2.*,
        row_number() over (
            partition by oc2.collection_year, oc2.child_id
            order by oc2.source_line
        ) as row_rank
    from oc2
    where oc2.child_id is not null and oc2.child_id <> ''
),

dated as (
    -- DfE ages the cohort at 31 March from the header DOB; OC2's own DOB only if the header
    -- row is missing
    select
        oc2_rows.collection_year,
        oc2_rows.child_id,
        collection_years.period_end,
        coalesce(child_birth_dates.birth_date, oc2_rows.birth_date) as birth_date,
        oc2_rows.sdq_score,
        oc2_rows.sdq_reason_code,
        oc2_rows.is_convicted,
        oc2_rows.is_health_check_up_to_date,
        oc2_rows.is_immunisations_up_to_date,
        oc2_rows.is_teeth_checked,
        oc2_rows.is_health_assessment_done,
        oc2_rows.is_substance_misuse,
        oc2_rows.is_intervention_received,
        oc2_rows.is_intervention_offered
    from oc2_rows
    inner join collection_years
        on oc2_rows.collection_year = collection_years.collection_year
    left join child_birth_dates
        on oc2_rows.collection_year = child_birth_dates.collection_year
        and oc2_rows.child_id = child_birth_dates.child_id
    where oc2_rows.row_rank = 1
)

select
    child_id || ':' || collection_year as oc2_cohort_id,
    child_id,
    collection_year,
    period_end,
    birth_date,
    {{ age_in_years('birth_date', 'period_end') }} as age_at_31_march,
    sdq_score,
    sdq_reason_code,
    is_convicted,
    is_health_check_up_to_date,
    is_immunisations_up_to_date,
    is_teeth_checked,
    is_health_assessment_done,
    is_substance_misuse,
    is_intervention_received,
    is_intervention_offered
from dated
