with

bank_holidays as not materialized (
    select * from {{ ref('bank_holidays_england_wales') }}
),

bounds as (
    -- the calendar covers whole years of the bank-holiday seed, so working-day arithmetic is
    -- only ever done on dates whose holidays are known
    select
        make_date(cast(min(year(bank_holidays.holiday_date)) as integer), 1, 1) as first_day,
        make_date(cast(max(year(bank_holidays.holiday_date)) as integer), 12, 31) as last_day
    from bank_holidays
),

days as (
    select cast(day_series.generate_series as date) as date_day
    from bounds
    cross join generate_series(bounds.first_day, bounds.last_day, interval 1 day) as day_series
),

flagged as (
    select
        days.date_day,
        isodow(days.date_day) >= 6 as is_weekend,
        bank_holidays.holiday_date is not null as is_bank_holiday_ew,
        bank_holidays.holiday_name
    from days
    left join bank_holidays
        on days.date_day = bank_holidays.holiday_date
)

select
    date_day,
    is_weekend,
    is_bank_holiday_ew,
    holiday_name,
    -- "working day": not a Saturday, Sunday or bank holiday in England and Wales (Christmas
    -- Day and Good Friday are in the seed) — measures.md §0
    not is_weekend and not is_bank_holiday_ew as is_working_day_ew,
    sum(case when not is_weekend and not is_bank_holiday_ew then 1 else 0 end) over (
        order by date_day rows between unbounded preceding and current row
    ) as working_days_elapsed,
    case when month(date_day) >= 4 then year(date_day) + 1 else year(date_day) end
        as collection_year
from flagged
