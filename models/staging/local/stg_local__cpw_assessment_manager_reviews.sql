with

source as not materialized (
    select * from {{ source('local', 'cpw_assessment_manager_reviews') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as cpw_assessment_manager_reviews_row_id,
    nullif(trim(amrv_assessment_id), '') as assessment_id,
    nullif(trim(amrv_person_id), '') as child_id,
    {{ parse_903_date('amrv_manager_review_date') }} as manager_review_date,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
