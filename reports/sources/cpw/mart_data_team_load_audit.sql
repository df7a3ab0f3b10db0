-- Data team page: what the last load did with each file.
select
    load_audit_id,
    source_file,
    table_name,
    collection_year,
    status,
    rows_in,
    rows_loaded,
    rows_quarantined,
    message
from mart_data_team_load_audit
