with

source as not materialized (
    select * from {{ source('ssda903', 'sw_episodes') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as sw_episodes_row_id,
    trim(child) as child_id,
    {{ parse_903_date('dob') }} as birth_date,
    dob as birth_date_text,
    nullif(trim(sw_id), '') as social_worker_id,
    {{ parse_903_date('sw_decom') }} as sw_start_date,
    sw_decom as sw_start_date_text,
    {{ parse_903_date('sw_dec') }} as sw_end_date,
    sw_dec as sw_end_date_text,
    nullif(upper(trim(sw_reason)), '') as sw_reason_code,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
