with

scorecard as not materialized (
    select * from {{ ref('mart_board_scorecard') }}
),

benchmarks as (
    -- headline rows only: the mart also holds the breakdowns DfE publishes
    select * from {{ ref('mart_measure_benchmarks') }}
    where breakdown_type = 'all'
),

catalogue as not materialized (
    select * from {{ ref('measure_catalogue') }}
),

principles as not materialized (
    select * from {{ ref('corporate_parenting_principles') }}
),

outcomes as not materialized (
    select * from {{ ref('corporate_parenting_outcomes') }}
),

targets as not materialized (
    select * from {{ ref('board_targets') }}
),

framework as (
    select
        'principle' as framework_type,
        principle_id as framework_code,
        principle_name as framework_name,
        principle_description as framework_description
    from principles
    union all
    select 'outcome', outcome_id, outcome_name, outcome_description
    from outcomes
),

measure_codes as (
    -- the catalogue lists codes space-separated ("P1 P3 P6"); ; and , are read too
    select measure_id, unnest(regexp_split_to_array(trim(principles), '[\s;,]+')) as framework_code
    from catalogue
    union all
    select measure_id, unnest(regexp_split_to_array(trim(outcomes), '[\s;,]+'))
    from catalogue
),

ranked as (
    select
        scorecard.*,
        row_number() over (
            partition by scorecard.measure_id order by scorecard.collection_year desc
        ) as year_rank
    from scorecard
),

latest as (
    select * from ranked where year_rank = 1
),

previous as (
    select * from ranked where year_rank = 2
),

england_for_target as (
    -- an England target is England's value for the same year, or for the latest earlier year
    -- when DfE has not published that year yet (mart_measure_benchmarks maps each measure to
    -- the breakdown DfE publishes its headline under)
    select
        latest.measure_id,
        arg_max(benchmarks.england_value, benchmarks.collection_year) as england_value,
        max(benchmarks.collection_year) as england_year
    from latest
    inner join benchmarks
        on latest.measure_id = benchmarks.measure_id
        and benchmarks.collection_year <= latest.collection_year
        and benchmarks.england_value is not null
    group by latest.measure_id
),

compared as (
    select
        latest.measure_id,
        latest.collection_year,
        latest.period_end,
        latest.numerator,
        latest.denominator,
        latest.value,
        latest.numerator_display,
        latest.denominator_display,
        latest.value_display,
        latest.is_suppressed,
        previous.collection_year as previous_collection_year,
        previous.value as previous_value,
        previous.value_display as previous_value_display,
        benchmarks.england_value,
        benchmarks.region_name,
        benchmarks.region_value,
        benchmarks.neighbours_average,
        targets.target_basis,
        targets.amber_band,
        case
            when targets.target_basis = 'england' then england_for_target.england_value
            else targets.target_value
        end as target_value,
        case
            when targets.target_basis = 'england' and england_for_target.england_year is not null
                then targets.target_source || ' (England ' || (england_for_target.england_year - 1)
                    || '-' || right(cast(england_for_target.england_year as varchar), 2) || ')'
            else targets.target_source
        end as target_source,
        -- positive = better than target, whichever way the measure points; compared at the
        -- one decimal place the board sees, so a shown 90.0% never reads as below 90
        -- a context measure (polarity 'context') has no good direction: never rated
        case catalogue.polarity
            when 'higher is better' then 1
            when 'lower is better' then -1
        end as direction
    from latest
    inner join catalogue
        on latest.measure_id = catalogue.measure_id
    left join previous
        on latest.measure_id = previous.measure_id
    left join benchmarks
        on latest.measure_id = benchmarks.measure_id
        and latest.collection_year = benchmarks.collection_year
    left join targets
        on latest.measure_id = targets.measure_id
    left join england_for_target
        on latest.measure_id = england_for_target.measure_id
),

rated as (
    select
        compared.*,
        case
            when compared.is_suppressed then 'suppressed'
            when compared.value is null then 'n/a'
            when compared.target_value is null or compared.direction is null then 'no target'
            when compared.direction * (round(compared.value, 1) - compared.target_value) >= 0
                then 'green'
            when compared.direction * (round(compared.value, 1) - compared.target_value)
                >= -compared.amber_band
                then 'amber'
            else 'red'
        end as rag_status,
        case
            when compared.is_suppressed or compared.value is null
                or compared.previous_value is null or compared.direction is null then 'n/a'
            when round(compared.value, 1) = round(compared.previous_value, 1) then 'same'
            when compared.direction * (round(compared.value, 1) - round(compared.previous_value, 1))
                > 0 then 'better'
            else 'worse'
        end as trend
    from compared
),

described as (
    select
        rated.*,
        catalogue.value_unit,
        {{ display_measure_value('rated.target_value', 'catalogue.value_unit') }} as target_display,
        {{ display_measure_value('rated.england_value', 'catalogue.value_unit') }} as england_display,
        {{ display_measure_value('rated.region_value', 'catalogue.value_unit') }} as region_display,
        {{ display_measure_value('rated.neighbours_average', 'catalogue.value_unit') }}
            as neighbours_display,
        (rated.collection_year - 1) || '-' || right(cast(rated.collection_year as varchar), 2)
            as year_label,
        (rated.previous_collection_year - 1) || '-'
            || right(cast(rated.previous_collection_year as varchar), 2) as previous_year_label
    from rated
    inner join catalogue
        on rated.measure_id = catalogue.measure_id
),

explained as (
    select
        described.*,
        case described.rag_status
            when 'suppressed' then
                'Fewer than 5 children or events are counted, so the figure is withheld to '
                || 'protect their privacy.'
            when 'n/a' then 'No child was counted in this measure in ' || described.year_label || '.'
            else
                case described.rag_status
                    when 'green' then 'At or better than the target of ' || described.target_display
                        || '.'
                    when 'amber' then 'A little worse than the target of '
                        || described.target_display || '.'
                    when 'red' then 'Well short of the target of ' || described.target_display || '.'
                    else case when described.direction is null
                        then 'A context measure: not rated.' else 'No target is set.' end
                end
                || case described.trend
                    when 'better' then ' Better than in ' || described.previous_year_label
                        || ' (' || described.previous_value_display || ').'
                    when 'worse' then ' Worse than in ' || described.previous_year_label
                        || ' (' || described.previous_value_display || ').'
                    when 'same' then ' The same as in ' || described.previous_year_label || '.'
                    else ''
                end
                || case
                    -- England's count of children is no yardstick for one council's count
                    when described.england_value is null or described.value_unit = 'count'
                        then ''
                    when described.direction is null
                        then ' England: ' || described.england_display || '.'
                    when described.direction * (round(described.value, 1)
                        - round(described.england_value, 1)) > 0
                        then ' Better than England (' || described.england_display || ').'
                    when round(described.value, 1) = round(described.england_value, 1)
                        then ' Level with England (' || described.england_display || ').'
                    else ' Worse than England (' || described.england_display || ').'
                end
        end as what_this_means
    from described
)

select
    framework.framework_code || ':' || explained.measure_id as framework_row_id,
    framework.framework_type,
    framework.framework_code,
    framework.framework_name,
    framework.framework_description,
    explained.measure_id,
    catalogue.measure_name,
    catalogue.polarity,
    catalogue.counting_unit,
    explained.value_unit,
    explained.collection_year,
    explained.year_label,
    explained.period_end,
    explained.numerator,
    explained.denominator,
    explained.value,
    explained.numerator_display,
    explained.denominator_display,
    explained.value_display,
    explained.is_suppressed,
    explained.previous_year_label,
    explained.previous_value_display,
    explained.trend,
    explained.england_value,
    explained.england_display,
    explained.region_name,
    explained.region_value,
    explained.region_display,
    explained.neighbours_average,
    explained.neighbours_display,
    explained.target_basis,
    explained.target_value,
    explained.target_display,
    explained.target_source,
    explained.rag_status,
    explained.what_this_means
from measure_codes
inner join framework
    on measure_codes.framework_code = framework.framework_code
inner join explained
    on measure_codes.measure_id = explained.measure_id
inner join catalogue
    on explained.measure_id = catalogue.measure_id
