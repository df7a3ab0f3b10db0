with

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

periods_of_care as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

ceased as (
    -- every period of care (short breaks only left out) that ended in the year
    select
        collection_years.collection_year,
        periods_of_care.*
    from periods_of_care
    inner join collection_years
        on periods_of_care.period_end_date between collection_years.period_start
            and collection_years.period_end
    where not periods_of_care.is_short_breaks_only
),

grouped as (
    select
        ceased.*,
        case
            when ceased.period_end_rec_code in ('E11', 'E12') then 'Adopted'
            when ceased.period_end_rec_code in ('E43', 'E44', 'E45', 'E46', 'E47', 'E48')
                then 'Special guardianship order'
            when ceased.period_end_rec_code = 'E41'
                then 'Residence or child arrangements order'
            when ceased.period_end_rec_code = 'E4A' then 'Returned home as part of the care plan'
            when ceased.period_end_rec_code = 'E4B' then 'Returned home not as part of the care plan'
            when ceased.period_end_rec_code in ('E5', 'E6') then 'Moved to independent living'
            when ceased.period_end_rec_code = 'E17' then 'Aged 18 and remained with carers'
            else 'Other reasons'
        end as reason_group
    from ceased
)

select
    'PRM-02:' || grouped.period_of_care_id || ':' || grouped.collection_year as child_measure_id,
    grouped.child_id,
    'PRM-02' as measure_id,
    grouped.collection_year,
    grouped.period_end_date as event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast(null as double) as observed_value,
    true as is_in_denominator,
    grouped.reason_group in (
        'Adopted', 'Special guardianship order', 'Residence or child arrangements order'
    ) as is_in_numerator,
    grouped.reason_group as category,
    grouped.reason_group || ' (' || coalesce(grouped.period_end_rec_code, 'no REC') || ')' as status
from grouped
