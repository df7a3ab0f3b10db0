with

source as not materialized (
    select * from {{ source('local', 'ssd_cla_health') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as ssd_cla_health_row_id,
    nullif(trim(clah_health_check_id), '') as health_check_id,
    nullif(trim(clah_person_id), '') as child_id,
    nullif(trim(clah_health_check_type), '') as health_check_type,
    {{ parse_903_date('clah_health_check_date') }} as health_check_date,
    nullif(trim(clah_health_check_status), '') as health_check_status,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
