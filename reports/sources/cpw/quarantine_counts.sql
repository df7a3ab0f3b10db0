-- Data team page: rows the loader quarantined or flagged, per check run.
select
    run_id,
    run_at,
    table_name,
    collection_year,
    disposition,
    reason,
    rows_count
from quarantine_counts
