-- Data team page: errors by rule, latest check run beside the one before.
select
    rule_code,
    rule_message,
    errors_count,
    children_count,
    previous_errors_count,
    errors_change
from validation_error_changes
