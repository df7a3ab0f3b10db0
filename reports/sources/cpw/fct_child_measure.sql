-- Child-level: read by the IRO theme pages only.
select
    child_measure_id,
    child_id,
    measure_id,
    collection_year,
    event_date,
    due_date,
    met_date,
    observed_value,
    is_in_denominator,
    is_in_numerator,
    status,
    sex,
    age_band
from fct_child_measure
