-- One row per file loaded: counts and status only, no child data.
select
    source_file,
    table_name,
    collection_year,
    rows_in,
    rows_loaded,
    rows_quarantined,
    status,
    message
from load_history
