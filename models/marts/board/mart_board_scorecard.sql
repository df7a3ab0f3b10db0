with

measure_values as not materialized (
    select * from {{ ref('mart_measure_values') }}
),

catalogue as not materialized (
    select * from {{ ref('measure_catalogue') }}
),

headline as (
    select
        measure_values.*,
        {{ is_suppressed_count('measure_values.numerator') }}
            or {{ is_suppressed_count('measure_values.denominator') }} as is_suppressed
    from measure_values
    where measure_values.breakdown_type = 'all'
)

select
    headline.measure_value_id,
    headline.la_code,
    headline.measure_id,
    catalogue.measure_name,
    catalogue.principles,
    catalogue.outcomes,
    catalogue.polarity,
    catalogue.counting_unit,
    catalogue.value_unit,
    headline.collection_year,
    headline.period_start,
    headline.period_end,
    case when not {{ is_suppressed_count('headline.numerator') }} then headline.numerator end
        as numerator,
    case when not {{ is_suppressed_count('headline.denominator') }} then headline.denominator end
        as denominator,
    case when not headline.is_suppressed then headline.value end as value,
    case
        when {{ is_suppressed_count('headline.numerator') }} then 'c'
        else cast(headline.numerator as varchar)
    end as numerator_display,
    case
        when {{ is_suppressed_count('headline.denominator') }} then 'c'
        else cast(headline.denominator as varchar)
    end as denominator_display,
    case
        when headline.is_suppressed then 'c'
        when headline.value is null then 'n/a'
        else {{ display_measure_value('headline.value', 'catalogue.value_unit') }}
    end as value_display,
    headline.is_suppressed
from headline
inner join catalogue
    on headline.measure_id = catalogue.measure_id
