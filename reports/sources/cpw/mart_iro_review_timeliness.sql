-- Child-level: read by the IRO page only.
select
    child_measure_id,
    child_id,
    measure_id,
    measure_name,
    collection_year,
    period_end,
    event_date,
    due_date,
    met_date,
    status,
    days_late
from mart_iro_review_timeliness
