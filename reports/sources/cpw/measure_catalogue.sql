select
    measure_id,
    measure_name,
    principles,
    outcomes,
    polarity,
    definition,
    counting_unit,
    value_unit
from measure_catalogue
