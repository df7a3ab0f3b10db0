with

source as not materialized (
    select * from {{ source('ssda903', 'reviews') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as review_row_id,
    trim(child) as child_id,
    {{ parse_903_date('dob') }} as birth_date,
    {{ parse_903_date('review') }} as review_date,
    nullif(upper(trim(review_code)), '') as review_code,
    review as review_date_text,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
