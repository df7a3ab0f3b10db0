with

source as not materialized (
    select * from {{ source('ssda903', 'oc2') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as oc2_row_id,
    trim(child) as child_id,
    {{ parse_903_date('dob') }} as birth_date,
    dob as birth_date_text,
    try_cast(trim(sdq_score) as integer) as sdq_score,
    nullif(upper(trim(sdq_reason)), '') as sdq_reason_code,
    {{ parse_903_flag('convicted') }} as is_convicted,
    {{ parse_903_flag('health_check') }} as is_health_check_up_to_date,
    {{ parse_903_flag('immunisations') }} as is_immunisations_up_to_date,
    {{ parse_903_flag('teeth_check') }} as is_teeth_checked,
    {{ parse_903_flag('health_assessment') }} as is_health_assessment_done,
    {{ parse_903_flag('substance_misuse') }} as is_substance_misuse,
    {{ parse_903_flag('intervention_received') }} as is_intervention_received,
    {{ parse_903_flag('intervention_offered') }} as is_intervention_offered,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
