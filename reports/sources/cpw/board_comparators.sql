-- Published England, regional and statistical-neighbour values only: no local counts, so the
-- board pack may read it beside the suppressed scorecard.
select
    measure_id,
    collection_year,
    england_value,
    region_name,
    region_value,
    neighbours_average
from mart_measure_benchmarks
where breakdown_type = 'all'
