with

reviews as not materialized (
    select * from {{ ref('int_reviews') }}
),

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

plans as not materialized (
    select * from {{ ref('stg_local__cpw_permanence_plans') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

history as (
    select min(collection_years.period_start) as history_start_date
    from collection_years
),

deciding_reviews as (
    -- the plan for permanence is due by the second review, about four months in (CA 1989
    -- guidance vol 2); review numbers are only known for periods begun inside the history
    select
        reviews.review_id,
        reviews.child_id,
        reviews.period_of_care_id,
        reviews.review_date,
        periods.period_start_date,
        coalesce(periods.period_end_date, periods.known_until_date) as period_last_date
    from reviews
    inner join periods
        on reviews.period_of_care_id = periods.period_of_care_id
    cross join history
    where reviews.review_number = {{ var('permanence_plan_by_review_number') }}
        and periods.period_start_date >= history.history_start_date
        and not periods.is_short_breaks_only
),

first_plans as (
    select
        deciding_reviews.review_id,
        min(plans.permanence_plan_date) as plan_date
    from deciding_reviews
    inner join plans
        on deciding_reviews.child_id = plans.child_id
        and plans.permanence_plan_date >= deciding_reviews.period_start_date
        and plans.permanence_plan_date <= deciding_reviews.period_last_date
    group by deciding_reviews.review_id
)

select
    'PRM-01:' || deciding_reviews.period_of_care_id as child_measure_id,
    deciding_reviews.child_id,
    'PRM-01' as measure_id,
    collection_years.collection_year,
    deciding_reviews.period_start_date as event_date,
    deciding_reviews.review_date as due_date,
    first_plans.plan_date as met_date,
    cast(datediff('day', deciding_reviews.review_date, first_plans.plan_date) as double)
        as observed_value,
    true as is_in_denominator,
    coalesce(first_plans.plan_date <= deciding_reviews.review_date, false) as is_in_numerator,
    case
        when first_plans.plan_date <= deciding_reviews.review_date then 'plan by the second review'
        when first_plans.plan_date is not null then 'plan after the second review'
        else 'no permanence plan'
    end as status
from deciding_reviews
inner join collection_years
    on {{ collection_year_of('deciding_reviews.review_date') }} = collection_years.collection_year
left join first_plans
    on deciding_reviews.review_id = first_plans.review_id
where {{ is_extract_returned('PRM-01', 'collection_years.collection_year') }}
