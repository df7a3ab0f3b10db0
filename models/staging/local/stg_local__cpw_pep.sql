with

source as not materialized (
    select * from {{ source('local', 'cpw_pep') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as cpw_pep_row_id,
    nullif(trim(pep_pep_id), '') as pep_id,
    nullif(trim(pep_person_id), '') as child_id,
    nullif(trim(pep_type), '') as pep_type,
    {{ parse_903_date('pep_date') }} as pep_date,
    {{ parse_903_date('pep_period_start_date') }} as period_start_date,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
