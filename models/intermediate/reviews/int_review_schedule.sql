with

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

reviews as not materialized (
    select * from {{ ref('int_reviews') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

history as (
    -- reviews are only known from the first loaded return onwards
    select min(collection_years.period_start) as history_start_date
    from collection_years
),

reviewable_periods as (
    -- short breaks follow reg 48's own regime, not reg 33's (measures.md §0). A period that
    -- began before the first loaded return may have had reviews we cannot see, so its reviews
    -- cannot be numbered: the first one seen is not assessed and each later one is held to the
    -- six-month rule, the interval that applies to every review after the second.
    select
        periods.*,
        periods.period_start_date >= history.history_start_date as is_numbering_known
    from periods
    cross join history
    where not periods.is_short_breaks_only
),

first_due as (
    -- reg 33(1): the first review within 20 working days of becoming looked after
    select
        reviewable_periods.period_of_care_id,
        1 as review_number,
        reviewable_periods.period_start_date as clock_start_date,
        {{ add_working_days('reviewable_periods.period_start_date', 20) }} as due_date
    from reviewable_periods
    where reviewable_periods.is_numbering_known
),

later_due as (
    -- reg 33(2): the second within 3 months of the first, then at most 6 months apart; each
    -- clock runs from the date the previous review was actually held
    select
        reviews.period_of_care_id,
        reviews.review_number + 1 as review_number,
        reviews.review_date as clock_start_date,
        case
            when reviews.review_number = 1 and reviewable_periods.is_numbering_known
                then {{ add_months('reviews.review_date', 3) }}
            else {{ add_months('reviews.review_date', 6) }}
        end as due_date
    from reviews
    inner join reviewable_periods
        on reviews.period_of_care_id = reviewable_periods.period_of_care_id
),

schedule as (
    select * from first_due
    union all
    select * from later_due
),

joined as (
    select
        schedule.period_of_care_id,
        reviewable_periods.child_id,
        schedule.review_number,
        schedule.clock_start_date,
        schedule.due_date,
        held.review_date as held_date,
        reviewable_periods.is_numbering_known,
        reviewable_periods.period_start_date,
        reviewable_periods.period_end_date,
        reviewable_periods.known_until_date
    from schedule
    inner join reviewable_periods
        on schedule.period_of_care_id = reviewable_periods.period_of_care_id
    left join reviews as held
        on schedule.period_of_care_id = held.period_of_care_id
        and schedule.review_number = held.review_number
)

select
    period_of_care_id || ':' || review_number as review_due_id,
    period_of_care_id,
    child_id,
    review_number,
    case
        when not is_numbering_known then 'later'
        when review_number = 1 then 'first'
        when review_number = 2 then 'second'
        else 'later'
    end as review_kind,
    is_numbering_known,
    clock_start_date,
    due_date,
    held_date,
    case when month(due_date) >= 4 then year(due_date) + 1 else year(due_date) end
        as due_collection_year,
    -- a review stops being due once the child leaves care (reg 33 applies while looked after)
    coalesce(period_end_date >= due_date, due_date <= known_until_date) as is_due_while_looked_after,
    due_date <= known_until_date as is_due_within_data,
    held_date is not null and held_date <= due_date as is_held_on_time,
    case
        when held_date is not null then datediff('day', due_date, held_date)
    end as days_after_due,
    case
        when held_date is not null and held_date <= due_date then 'on time'
        when held_date is not null then 'late'
        when period_end_date is not null and period_end_date < due_date then 'care ended before due'
        when due_date > known_until_date then 'not yet due'
        else 'not held'
    end as review_status
from joined
