with

source as not materialized (
    select * from {{ source('ssda903', 'prev_perm') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as prev_perm_row_id,
    trim(child) as child_id,
    {{ parse_903_date('dob') }} as birth_date,
    dob as birth_date_text,
    nullif(upper(trim(prev_perm)), '') as prev_perm_code,
    nullif(upper(trim(la_perm)), '') as la_perm_code,
    {{ parse_903_date('date_perm') }} as prev_perm_date,
    date_perm as prev_perm_date_text,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
