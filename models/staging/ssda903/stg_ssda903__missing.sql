with

source as not materialized (
    select * from {{ source('ssda903', 'missing') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as missing_row_id,
    trim(child) as child_id,
    {{ parse_903_date('dob') }} as birth_date,
    dob as birth_date_text,
    nullif(upper(trim(missing)), '') as missing_code,
    {{ parse_903_date('mis_start') }} as missing_start_date,
    mis_start as missing_start_date_text,
    {{ parse_903_date('mis_end') }} as missing_end_date,
    mis_end as missing_end_date_text,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
