with

measure_values as not materialized (
    select * from {{ ref('mart_measure_values') }}
),

catalogue as not materialized (
    select * from {{ ref('measure_catalogue') }}
),

benchmarks as not materialized (
    select * from {{ ref('dfe_benchmark_values') }}
),

local_authorities as not materialized (
    select * from {{ ref('local_authorities') }}
),

neighbours as not materialized (
    select * from {{ ref('statistical_neighbours') }}
),

council as (
    select local_authorities.*
    from local_authorities
    where local_authorities.new_la_code = '{{ var("la_code") }}'
),

breakdown_labels as not materialized (
    select * from {{ ref('measure_benchmark_breakdowns') }}
),

headline as (
    -- the headline and the breakdowns DfE also publishes (care leavers' age bands, flows such
    -- as children who started care, SDQ bands), each with the label DfE's files use
    select
        measure_values.*,
        lower(case
            when measure_values.breakdown_type = 'all'
                then coalesce(breakdown_labels.benchmark_breakdown, 'all')
            else measure_values.breakdown_value
        end) as benchmark_breakdown
    from measure_values
    left join breakdown_labels
        on measure_values.measure_id = breakdown_labels.measure_id
    where measure_values.breakdown_type in ('all', 'age_band', 'population', 'category')
),

published as (
    -- published percentages are whole numbers
    select benchmarks.*, lower(benchmarks.breakdown) as benchmark_breakdown
    from benchmarks
),

england as (
    select measure_id, time_period, benchmark_breakdown, value, suppression_reason
    from published
    where geographic_level = 'national'
),

region as (
    select published.measure_id, published.time_period, published.benchmark_breakdown,
        published.value, published.suppression_reason
    from published
    inner join council
        on published.geography_code = council.region_code
),

neighbour_values as (
    select
        published.measure_id,
        published.time_period,
        published.benchmark_breakdown,
        avg(published.value) as neighbours_average,
        count(published.value) as neighbours_with_value
    from published
    inner join neighbours
        on published.geography_code = neighbours.neighbour_new_la_code
    inner join council
        on neighbours.new_la_code = council.new_la_code
    group by published.measure_id, published.time_period, published.benchmark_breakdown
),

placed as (
    -- where the local value would stand among every LA's published value that year
    select
        headline.measure_value_id,
        count(published.value) as authorities_with_value,
        count(published.value) filter (
            where (catalogue.polarity = 'higher is better' and published.value > headline.value)
                or (catalogue.polarity = 'lower is better' and published.value < headline.value)
        ) as authorities_doing_better
    from headline
    inner join catalogue
        on headline.measure_id = catalogue.measure_id
    inner join published
        on headline.measure_id = published.measure_id
        and headline.collection_year = published.time_period
        and headline.benchmark_breakdown = published.benchmark_breakdown
        and published.geographic_level = 'la'
    -- a context measure (e.g. the number looked after) has no better or worse direction
    where headline.value is not null
        and catalogue.polarity in ('higher is better', 'lower is better')
    group by headline.measure_value_id
)

select
    headline.measure_value_id,
    headline.la_code,
    headline.measure_id,
    headline.collection_year,
    headline.breakdown_type,
    headline.breakdown_value,
    headline.value_unit,
    headline.numerator,
    headline.denominator,
    headline.value as local_value,
    -- DfE's rounding, for side-by-side reading only: local values stay unrounded
    case
        when headline.value_unit = 'mean' then round(headline.value, 1)
        else round(headline.value, 0)
    end as local_value_rounded_as_dfe,
    england.value as england_value,
    england.suppression_reason as england_suppression_reason,
    council.region_name,
    region.value as region_value,
    region.suppression_reason as region_suppression_reason,
    neighbour_values.neighbours_average,
    neighbour_values.neighbours_with_value,
    placed.authorities_with_value,
    case
        when placed.authorities_with_value > 0
            then cast(least(4, 1 + floor(
                4.0 * placed.authorities_doing_better / placed.authorities_with_value)) as integer)
    end as national_quartile
from headline
cross join council
left join england
    on headline.measure_id = england.measure_id
    and headline.collection_year = england.time_period
    and headline.benchmark_breakdown = england.benchmark_breakdown
left join region
    on headline.measure_id = region.measure_id
    and headline.collection_year = region.time_period
    and headline.benchmark_breakdown = region.benchmark_breakdown
left join neighbour_values
    on headline.measure_id = neighbour_values.measure_id
    and headline.collection_year = neighbour_values.time_period
    and headline.benchmark_breakdown = neighbour_values.benchmark_breakdown
left join placed
    on headline.measure_value_id = placed.measure_value_id
