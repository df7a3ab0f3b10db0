-- Child-level: read by the IRO worklist page only.
select
    worklist_item_id,
    child_id,
    child_status,
    iro_id,
    social_worker_id,
    item,
    due_date,
    days_to_due,
    is_overdue,
    last_done_date,
    as_of_date
from mart_iro_worklist
