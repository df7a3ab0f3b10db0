with

reviews as not materialized (
    select * from {{ ref('stg_ssda903__reviews') }}
),

local_reviews as not materialized (
    select * from {{ ref('stg_local__ssd_cla_reviews') }}
),

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

all_reviews as (
    -- the council's own review records fill in reviews a 903 return lacks; where both hold
    -- the same review (child and date), the 903's version is kept (docs/local_extracts.md)
    select
        reviews.child_id,
        reviews.review_date,
        reviews.review_code,
        reviews.collection_year,
        0 as source_rank,
        reviews.source_line
    from reviews
    union all
    select
        local_reviews.child_id,
        local_reviews.review_date,
        local_reviews.review_code,
        local_reviews.collection_year,
        1 as source_rank,
        local_reviews.source_line
    from local_reviews
    where not coalesce(local_reviews.is_cancelled, false)
),

latest as (
    -- a review can be returned again in a later year's file; keep one row per child and date
    select
        all_reviews.*,
        row_number() over (
            partition by all_reviews.child_id, all_reviews.review_date
            order by all_reviews.source_rank, all_reviews.collection_year desc,
                all_reviews.source_line
        ) as version_rank
    from all_reviews
    where all_reviews.review_date is not null
),

placed as (
    select
        latest.child_id,
        latest.review_date,
        latest.review_code,
        latest.collection_year as source_collection_year,
        periods.period_of_care_id,
        -- overlapping periods (bad data) would claim a review twice: the latest-starting wins
        row_number() over (
            partition by latest.child_id, latest.review_date
            order by periods.period_start_date desc nulls last
        ) as period_rank
    from latest
    left join periods
        on latest.child_id = periods.child_id
        and latest.review_date >= periods.period_start_date
        and latest.review_date <= coalesce(periods.period_end_date, periods.known_until_date)
    where latest.version_rank = 1
),

placed_once as (
    select * from placed
    where placed.period_rank = 1
)

select
    child_id || ':' || strftime(review_date, '%Y-%m-%d') as review_id,
    child_id,
    period_of_care_id,
    review_date,
    review_code,
    case
        when period_of_care_id is not null
            then row_number() over (partition by period_of_care_id order by review_date)
    end as review_number,
    source_collection_year
from placed_once
