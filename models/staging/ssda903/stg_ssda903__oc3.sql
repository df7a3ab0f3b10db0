with

source as not materialized (
    select * from {{ source('ssda903', 'oc3') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as oc3_row_id,
    trim(child) as child_id,
    {{ parse_903_date('dob') }} as birth_date,
    dob as birth_date_text,
    nullif(upper(trim(in_touch)), '') as in_touch_code,
    nullif(upper(trim(activ)), '') as activ_code,
    nullif(upper(trim(accom)), '') as accom_code,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
