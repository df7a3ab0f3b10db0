with

source as not materialized (
    select * from {{ source('local', 'cpw_placement_matching') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as cpw_placement_matching_row_id,
    nullif(trim(plmt_placement_id), '') as placement_id,
    nullif(trim(plmt_person_id), '') as child_id,
    {{ parse_903_date('plmt_placement_start_date') }} as placement_start_date,
    {{ parse_yes_no('plmt_identity_needs_recorded') }} as is_identity_needs_recorded,
    {{ parse_yes_no('plmt_carer_ethnicity_matched') }} as is_carer_ethnicity_matched,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
