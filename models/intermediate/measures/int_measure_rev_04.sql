with

reviews as not materialized (
    select * from {{ ref('int_reviews') }}
),

review_codes as not materialized (
    select * from {{ ref('ssda903_review_codes') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
)

-- one row per review held while looked after; PN0 (under 4 at the review) is not counted
select
    'REV-04:' || reviews.review_id as child_measure_id,
    reviews.child_id,
    'REV-04' as measure_id,
    collection_years.collection_year,
    reviews.review_date as event_date,
    cast(null as date) as due_date,
    reviews.review_date as met_date,
    cast(null as double) as observed_value,
    coalesce(not review_codes.is_child_under_4, false) as is_in_denominator,
    coalesce(review_codes.is_views_conveyed, false) as is_in_numerator,
    coalesce(review_codes.description, 'participation not recorded') as status
from reviews
inner join collection_years
    on {{ collection_year_of('reviews.review_date') }} = collection_years.collection_year
left join review_codes
    on reviews.review_code = review_codes.review_code
where reviews.period_of_care_id is not null
    and {{ is_extract_returned('REV-04', 'collection_years.collection_year') }}
