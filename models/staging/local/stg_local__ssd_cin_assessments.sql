with

source as not materialized (
    select * from {{ source('local', 'ssd_cin_assessments') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as ssd_cin_assessments_row_id,
    nullif(trim(cina_assessment_id), '') as assessment_id,
    nullif(trim(cina_person_id), '') as child_id,
    nullif(trim(cina_referral_id), '') as referral_id,
    {{ parse_903_date('cina_assessment_start_date') }} as assessment_start_date,
    {{ parse_yes_no('cina_assessment_child_seen') }} as is_child_seen,
    {{ parse_903_date('cina_assessment_auth_date') }} as assessment_auth_date,
    nullif(trim(cina_assessment_outcome_json), '') as outcome_json,
    {{ parse_yes_no('cina_assessment_outcome_nfa') }} as is_outcome_nfa,
    nullif(trim(cina_assessment_team), '') as assessment_team,
    nullif(trim(cina_assessment_worker_id), '') as worker_id,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
