with

source as not materialized (
    select * from {{ source('local', 'ssd_cla_reviews') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as ssd_cla_reviews_row_id,
    nullif(trim(clar_cla_review_id), '') as review_id,
    nullif(trim(clar_person_id), '') as child_id,
    {{ parse_903_date('clar_cla_review_due_date') }} as local_due_date,
    {{ parse_903_date('clar_cla_review_date') }} as review_date,
    {{ parse_yes_no('clar_cla_review_cancelled') }} as is_cancelled,
    nullif(upper(trim(clar_cla_review_participation)), '') as review_code,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
