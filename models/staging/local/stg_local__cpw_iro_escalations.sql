with

source as not materialized (
    select * from {{ source('local', 'cpw_iro_escalations') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as cpw_iro_escalations_row_id,
    nullif(trim(iroe_escalation_stage_id), '') as escalation_stage_id,
    nullif(trim(iroe_escalation_id), '') as escalation_id,
    nullif(trim(iroe_person_id), '') as child_id,
    nullif(trim(iroe_professional_id), '') as iro_id,
    nullif(trim(iroe_escalation_stage), '') as escalation_stage,
    {{ parse_903_date('iroe_stage_start_date') }} as stage_start_date,
    {{ parse_903_date('iroe_stage_end_date') }} as stage_end_date,
    nullif(trim(iroe_stage_outcome), '') as stage_outcome,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
