-- Aggregate, suppressed: the only table the board page reads.
select
    la_code,
    measure_id,
    measure_name,
    principles,
    outcomes,
    polarity,
    collection_year,
    period_start,
    period_end,
    numerator,
    denominator,
    value,
    numerator_display,
    denominator_display,
    value_display,
    is_suppressed
from mart_board_scorecard
