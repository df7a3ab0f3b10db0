with

load_audit as not materialized (
    select * from {{ ref('stg_ssda903__load_audit') }}
)

select
    load_audit.load_audit_id,
    load_audit.source_file,
    -- files that are not a 903 table have no table name; the page still lists them
    coalesce(load_audit.table_name, '(not a 903 table)') as table_name,
    load_audit.collection_year,
    load_audit.status,
    load_audit.rows_in,
    load_audit.rows_loaded,
    load_audit.rows_quarantined,
    load_audit.message
from load_audit
