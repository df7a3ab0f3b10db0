{%- set characteristics = ['sex', 'age_band', 'ethnic_group', 'legal_status',
    'category_of_need', 'placement_group'] -%}

with

child_measures as (
    select * from {{ ref('fct_child_measure') }}
),

catalogue as (
    select * from {{ ref('measure_catalogue') }}
),

collection_years as (
    select * from {{ ref('int_collection_years') }}
),

returned_tables as (
    select * from {{ ref('int_returned_tables') }}
),

child_population as (
    select * from {{ ref('int_child_population') }}
),

headline_rows as (
    select * from child_measures
    where population is null
),

counted_by_breakdown as (
    -- one pass over the child rows: the headline population whole and split by each child
    -- characteristic (grouping sets), then each of a measure's other populations. A 'mean'
    -- measure's numerator is the sum of its observed values (e.g. SDQ scores), so the mean is
    -- numerator / denominator; otherwise the numerator counts children
    select
        rows_with_unit.measure_id,
        rows_with_unit.collection_year,
        case
        {%- for characteristic in characteristics %}
            when grouping(rows_with_unit.{{ characteristic }}) = 0 then '{{ characteristic }}'
        {%- endfor %}
            else 'all'
        end as breakdown_type,
        coalesce(
        {%- for characteristic in characteristics %}
            rows_with_unit.{{ characteristic }},
        {%- endfor %}
            'All'
        ) as breakdown_value,
        count(*) filter (where rows_with_unit.is_in_denominator) as denominator,
        case
            when any_value(rows_with_unit.value_unit) = 'mean'
                then coalesce(cast(sum(rows_with_unit.observed_value) filter (
                    where rows_with_unit.is_in_denominator and rows_with_unit.is_in_numerator
                ) as bigint), 0)
            else count(*) filter (
                where rows_with_unit.is_in_denominator and rows_with_unit.is_in_numerator
            )
        end as numerator
    from (
        select child_measures.*, catalogue.value_unit
        from child_measures
        inner join catalogue
            on child_measures.measure_id = catalogue.measure_id
    ) as rows_with_unit
    -- the headline population (population null) is split; other populations are counted whole
    where rows_with_unit.population is null
    group by grouping sets (
        (rows_with_unit.measure_id, rows_with_unit.collection_year)
        {%- for characteristic in characteristics %},
        (rows_with_unit.measure_id, rows_with_unit.collection_year,
            rows_with_unit.{{ characteristic }})
        {%- endfor %}
    )
    union all
    select
        child_measures.measure_id,
        child_measures.collection_year,
        'population',
        child_measures.population,
        count(*) filter (where child_measures.is_in_denominator),
        case
            when any_value(catalogue.value_unit) = 'mean'
                then coalesce(cast(sum(child_measures.observed_value) filter (
                    where child_measures.is_in_denominator and child_measures.is_in_numerator
                ) as bigint), 0)
            else count(*) filter (
                where child_measures.is_in_denominator and child_measures.is_in_numerator
            )
        end
    from child_measures
    inner join catalogue
        on child_measures.measure_id = catalogue.measure_id
    where child_measures.population is not null
    group by child_measures.measure_id, child_measures.collection_year, child_measures.population
),

category_shares as (
    -- a category (e.g. an SDQ band, a reason for leaving care) as a share of the whole
    -- headline population: numerator the rows in the category, denominator all of them
    select
        headline_rows.measure_id,
        headline_rows.collection_year,
        'category' as breakdown_type,
        headline_rows.category as breakdown_value,
        any_value(totals.denominator) as denominator,
        count(*) as numerator
    from headline_rows
    inner join (
        select measure_id, collection_year, count(*) as denominator
        from headline_rows
        where is_in_denominator
        group by measure_id, collection_year
    ) as totals
        on headline_rows.measure_id = totals.measure_id
        and headline_rows.collection_year = totals.collection_year
    where headline_rows.category is not null and headline_rows.is_in_denominator
    group by headline_rows.measure_id, headline_rows.collection_year, headline_rows.category
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
