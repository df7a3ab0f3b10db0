with

source as not materialized (
    select * from {{ source('ssda903', 'placed_adoption') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as placed_adoption_row_id,
    trim(child) as child_id,
    {{ parse_903_date('dob') }} as birth_date,
    dob as birth_date_text,
    {{ parse_903_date('date_placed') }} as placed_decision_date,
    date_placed as placed_decision_date_text,
    {{ parse_903_date('date_placed_ceased') }} as placed_ceased_date,
    date_placed_ceased as placed_ceased_date_text,
    nullif(upper(trim(reason_placed_ceased)), '') as reason_placed_ceased_code,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
