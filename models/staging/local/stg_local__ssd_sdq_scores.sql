with

source as not materialized (
    select * from {{ source('local', 'ssd_sdq_scores') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as ssd_sdq_scores_row_id,
    nullif(trim(csdq_table_id), '') as sdq_id,
    nullif(trim(csdq_person_id), '') as child_id,
    {{ parse_903_date('csdq_sdq_completed_date') }} as sdq_completed_date,
    try_cast(trim(csdq_sdq_score) as integer) as sdq_score,
    nullif(upper(trim(csdq_sdq_reason)), '') as sdq_reason_code,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
