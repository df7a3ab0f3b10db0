with

source as not materialized (
    select * from {{ source('local', 'cpw_siblings') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as cpw_siblings_row_id,
    nullif(trim(sibl_person_id), '') as child_id,
    nullif(trim(sibl_sibling_person_id), '') as sibling_child_id,
    nullif(trim(sibl_relationship), '') as sibling_relationship,
    {{ parse_yes_no('sibl_both_looked_after_31_march') }} as is_both_looked_after_31_march,
    {{ parse_yes_no('sibl_placed_together') }} as is_placed_together,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
