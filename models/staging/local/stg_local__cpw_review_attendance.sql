with

source as not materialized (
    select * from {{ source('local', 'cpw_review_attendance') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as cpw_review_attendance_row_id,
    nullif(trim(rvat_review_id), '') as review_id,
    nullif(trim(rvat_person_id), '') as child_id,
    {{ parse_903_date('rvat_review_date') }} as review_date,
    {{ parse_yes_no('rvat_parent_invited') }} as is_parent_invited,
    {{ parse_yes_no('rvat_parent_attended') }} as is_parent_attended,
    {{ parse_yes_no('rvat_parent_views_recorded') }} as is_parent_views_recorded,
    {{ parse_yes_no('rvat_parent_excluded') }} as is_parent_excluded,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
