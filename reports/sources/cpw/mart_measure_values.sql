-- Unsuppressed counts by breakdown: extracted for completeness, not shown on the board.
select
    measure_value_id,
    la_code,
    measure_id,
    collection_year,
    period_start,
    period_end,
    breakdown_type,
    breakdown_value,
    value_unit,
    numerator,
    denominator,
    value
from mart_measure_values
