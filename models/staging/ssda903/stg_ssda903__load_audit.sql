with

source as not materialized (
    select * from {{ source('ssda903', 'load_audit') }}
)

select
    source_file || ':' || coalesce(cast(collection_year as varchar), '') as load_audit_id,
    source_file,
    table_name,
    collection_year,
    rows_in,
    rows_loaded,
    rows_quarantined,
    status,
    message
from source
