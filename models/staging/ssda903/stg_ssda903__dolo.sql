with

source as not materialized (
    select * from {{ source('ssda903', 'dolo') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as dolo_row_id,
    trim(child) as child_id,
    {{ parse_903_date('dob') }} as birth_date,
    dob as birth_date_text,
    {{ parse_903_date('dolo_start') }} as dolo_start_date,
    dolo_start as dolo_start_date_text,
    {{ parse_903_date('dolo_end') }} as dolo_end_date,
    dolo_end as dolo_end_date_text,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
