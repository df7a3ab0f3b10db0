{%- set characteristics = ['sex', 'age_band', 'ethnic_group', 'legal_status',
    'category_of_need', 'placement_group', 'iro'] -%}

with

child_measures as not materialized (
    select * from {{ ref('fct_child_measure') }}
),

rate_measures as (
    -- a rate per 10,000 (CTX-02) is not stacked into fct_child_measure: it is counted whole
    -- or by population only (see counted), so its model's rows are all it needs
    select * from {{ ref('int_measure_ctx_02') }}
),

catalogue as not materialized (
    select * from {{ ref('measure_catalogue') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

returned_tables as not materialized (
    select * from {{ ref('int_returned_tables') }}
),

child_population as not materialized (
    select * from {{ ref('int_child_population') }}
),

cells as (
    -- the child rows counted once, at the finest grain the breakdowns need; every breakdown
    -- below adds these cells up, so the large table is read in a single pass
    select
        child_measures.measure_id,
        child_measures.collection_year,
        child_measures.population,
        child_measures.category,
        {%- for characteristic in characteristics %}
        child_measures.{{ characteristic }},
        {%- endfor %}
        count(*) filter (where child_measures.is_in_denominator) as denominator_rows,
        count(*) filter (
            where child_measures.is_in_denominator and child_measures.is_in_numerator
        ) as numerator_rows,
        sum(child_measures.observed_value) filter (
            where child_measures.is_in_denominator and child_measures.is_in_numerator
        ) as numerator_observed_sum
    from child_measures
    group by all
    union all by name
    select
        rate_measures.measure_id,
        rate_measures.collection_year,
        rate_measures.population,
        rate_measures.category,
        count(*) filter (where rate_measures.is_in_denominator) as denominator_rows,
        count(*) filter (
            where rate_measures.is_in_denominator and rate_measures.is_in_numerator
        ) as numerator_rows,
        sum(rate_measures.observed_value) filter (
            where rate_measures.is_in_denominator and rate_measures.is_in_numerator
        ) as numerator_observed_sum
    from rate_measures
    group by all
),

cells_with_unit as (
    -- a 'mean' measure's numerator is the sum of its observed values (e.g. SDQ scores), so
    -- the mean is numerator / denominator; otherwise the numerator counts children
    select
        cells.*,
        case
            when catalogue.value_unit = 'mean' then coalesce(cells.numerator_observed_sum, 0)
            else cells.numerator_rows
        end as numerator_part
    from cells
    inner join catalogue
        on cells.measure_id = catalogue.measure_id
),

counted_by_breakdown as (
    -- the headline population whole and split by each child characteristic (grouping sets),
    -- then each of a measure's other populations, counted whole
    select
        cells_with_unit.measure_id,
        cells_with_unit.collection_year,
        case
        {%- for characteristic in characteristics %}
            when grouping(cells_with_unit.{{ characteristic }}) = 0 then '{{ characteristic }}'
        {%- endfor %}
            else 'all'
        end as breakdown_type,
        coalesce(
        {%- for characteristic in characteristics %}
            cells_with_unit.{{ characteristic }},
        {%- endfor %}
            'All'
        ) as breakdown_value,
        cast(sum(cells_with_unit.denominator_rows) as bigint) as denominator,
        cast(sum(cells_with_unit.numerator_part) as bigint) as numerator
    from cells_with_unit
    where cells_with_unit.population is null
    group by grouping sets (
        (cells_with_unit.measure_id, cells_with_unit.collection_year)
        {%- for characteristic in characteristics %},
        (cells_with_unit.measure_id, cells_with_unit.collection_year,
            cells_with_unit.{{ characteristic }})
        {%- endfor %}
    )
    union all
    select
        cells_with_unit.measure_id,
        cells_with_unit.collection_year,
        'population',
        cells_with_unit.population,
        cast(sum(cells_with_unit.denominator_rows) as bigint),
        cast(sum(cells_with_unit.numerator_part) as bigint)
    from cells_with_unit
    where cells_with_unit.population is not null
    group by all
),

category_totals as (
    select measure_id, collection_year, cast(sum(denominator_rows) as bigint) as denominator
    from cells
    where population is null
    group by measure_id, collection_year
),

category_shares as (
    -- a category (e.g. an SDQ band, a reason for leaving care) as a share of the whole
    -- headline population: numerator the rows in the category, denominator all of them
    select
        cells.measure_id,
        cells.collection_year,
        'category' as breakdown_type,
        cells.category as breakdown_value,
        any_value(category_totals.denominator) as denominator,
        cast(sum(cells.denominator_rows) as bigint) as numerator
    from cells
    inner join category_totals
        on cells.measure_id = category_totals.measure_id
        and cells.collection_year = category_totals.collection_year
    where cells.population is null and cells.category is not null
    group by cells.measure_id, cells.collection_year, cells.category
),

counted_all as (
    select * from counted_by_breakdown
    union all by name
    select * from category_shares
),

counted as (
    -- a rate per 10,000 divides by the council's population aged 0-17, which exists for the
    -- whole council only, so a rate has no breakdown by child characteristics
    select
        counted_all.measure_id,
        counted_all.collection_year,
        counted_all.breakdown_type,
        counted_all.breakdown_value,
        counted_all.numerator,
        case
            when catalogue.value_unit = 'rate' then child_population.population_0_17
            else counted_all.denominator
        end as denominator
    from counted_all
    inner join catalogue
        on counted_all.measure_id = catalogue.measure_id
    left join child_population
        on counted_all.collection_year = child_population.collection_year
    where catalogue.value_unit <> 'rate' or counted_all.breakdown_type in ('all', 'population')
),

headline_grid as (
    -- every catalogue measure gets a headline row in every loaded year whose return held the
    -- table it needs, even with no children; without that table 0 of 0 would mislead
    select
        catalogue.measure_id,
        collection_years.collection_year,
        'all' as breakdown_type,
        'All' as breakdown_value
    from catalogue
    cross join collection_years
    inner join returned_tables
        on collection_years.collection_year = returned_tables.collection_year
        and catalogue.required_table = returned_tables.table_name
),

completed as (
    select
        coalesce(counted.measure_id, headline_grid.measure_id) as measure_id,
        coalesce(counted.collection_year, headline_grid.collection_year) as collection_year,
        coalesce(counted.breakdown_type, headline_grid.breakdown_type) as breakdown_type,
        coalesce(counted.breakdown_value, headline_grid.breakdown_value) as breakdown_value,
        coalesce(counted.numerator, 0) as numerator,
        coalesce(counted.denominator, 0) as denominator
    from counted
    full outer join headline_grid
        on counted.measure_id = headline_grid.measure_id
        and counted.collection_year = headline_grid.collection_year
        and counted.breakdown_type = headline_grid.breakdown_type
        and counted.breakdown_value = headline_grid.breakdown_value
)

select
    completed.measure_id || ':' || completed.collection_year || ':' || completed.breakdown_type
        || ':' || completed.breakdown_value as measure_value_id,
    '{{ var("la_code") }}' as la_code,
    completed.measure_id,
    completed.collection_year,
    collection_years.period_start,
    collection_years.period_end,
    completed.breakdown_type,
    completed.breakdown_value,
    catalogue.value_unit,
    completed.numerator,
    completed.denominator,
    case
        when catalogue.value_unit = 'count' then 1.0 * completed.numerator
        when completed.denominator = 0 then null
        when catalogue.value_unit = 'mean' then 1.0 * completed.numerator / completed.denominator
        when catalogue.value_unit = 'rate' then 10000.0 * completed.numerator / completed.denominator
        else 100.0 * completed.numerator / completed.denominator
    end as value
from completed
inner join collection_years
    on completed.collection_year = collection_years.collection_year
inner join catalogue
    on completed.measure_id = catalogue.measure_id
