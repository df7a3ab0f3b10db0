with

source as not materialized (
    select * from {{ source('local', 'ssd_cla_immunisations') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as ssd_cla_immunisations_row_id,
    nullif(trim(clai_person_id), '') as child_id,
    {{ parse_yes_no('clai_immunisations_status') }} as is_immunisations_up_to_date,
    {{ parse_903_date('clai_immunisations_status_date') }} as immunisations_status_date,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
