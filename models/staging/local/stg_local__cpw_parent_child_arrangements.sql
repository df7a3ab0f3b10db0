with

source as not materialized (
    select * from {{ source('local', 'cpw_parent_child_arrangements') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as cpw_parent_child_arrangements_row_id,
    nullif(trim(pcar_arrangement_id), '') as arrangement_id,
    nullif(trim(pcar_person_id), '') as child_id,
    nullif(trim(pcar_arrangement_type), '') as arrangement_type,
    {{ parse_903_date('pcar_pre_birth_assessment_date') }} as pre_birth_assessment_date,
    {{ parse_903_date('pcar_risk_assessment_date') }} as risk_assessment_date,
    nullif(trim(pcar_fostering_household_id), '') as fostering_household_id,
    try_cast(trim(pcar_approved_carers) as integer) as approved_carers_count,
    {{ parse_yes_no('pcar_other_foster_children') }} as has_other_foster_children,
    {{ parse_903_date('pcar_arrangement_start_date') }} as arrangement_start_date,
    {{ parse_903_date('pcar_arrangement_end_date') }} as arrangement_end_date,
    {{ parse_yes_no('pcar_planned_ending_recorded') }} as is_planned_ending_recorded,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
