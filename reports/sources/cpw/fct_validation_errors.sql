-- Child-level: the DfE validation errors, for the data team's page only.
select
    validation_error_id,
    la_code,
    collection_year,
    rule_code,
    rule_message,
    table_name,
    child_id,
    row_number,
    columns_affected
from fct_validation_errors
