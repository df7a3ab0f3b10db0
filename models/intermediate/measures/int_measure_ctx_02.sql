-- the same children as CTX-01: mart_measure_values divides their count by the council's
-- population aged 0-17 (int_child_population) for the rate per 10,000
with

counted as not materialized (
    select * from {{ ref('int_measure_ctx_01') }}
)

select
    replace(counted.child_measure_id, 'CTX-01:', 'CTX-02:') as child_measure_id,
    counted.child_id,
    'CTX-02' as measure_id,
    counted.collection_year,
    counted.event_date,
    counted.due_date,
    counted.met_date,
    counted.observed_value,
    counted.is_in_denominator,
    counted.is_in_numerator,
    counted.population,
    counted.category,
    counted.status
from counted
