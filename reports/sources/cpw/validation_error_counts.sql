-- Data team page: DfE validation errors by LA, year and rule, per check run.
select
    run_id,
    run_at,
    la_code,
    collection_year,
    rule_code,
    rule_message,
    errors_count,
    children_count
from validation_error_counts
