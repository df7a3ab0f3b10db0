with

reviews as not materialized (
    select * from {{ ref('int_reviews') }}
),

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

review_codes as not materialized (
    select * from {{ ref('ssda903_review_codes') }}
),

contacts as not materialized (
    select * from {{ ref('stg_local__cpw_iro_contacts') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

windows as (
    -- the IRO should speak with the child before each review: since the previous review, or
    -- since the child came into care for the first
    select
        reviews.review_id,
        reviews.child_id,
        reviews.review_date,
        reviews.review_code,
        coalesce(
            lag(reviews.review_date) over (
                partition by reviews.period_of_care_id order by reviews.review_date
            ),
            periods.period_start_date - 1
        ) as window_after_date
    from reviews
    inner join periods
        on reviews.period_of_care_id = periods.period_of_care_id
),

contacted as (
    select
        windows.review_id,
        max(contacts.contact_date) as last_contact_date
    from windows
    inner join contacts
        on windows.child_id = contacts.child_id
        and contacts.contact_date > windows.window_after_date
        and contacts.contact_date <= windows.review_date
    group by windows.review_id
)

-- children under 4 at the review (PN0) are not of an age to be spoken with in private
select
    'IRO-01:' || windows.review_id as child_measure_id,
    windows.child_id,
    'IRO-01' as measure_id,
    collection_years.collection_year,
    windows.review_date as event_date,
    windows.review_date as due_date,
    contacted.last_contact_date as met_date,
    cast(datediff('day', contacted.last_contact_date, windows.review_date) as double)
        as observed_value,
    coalesce(not review_codes.is_child_under_4, true) as is_in_denominator,
    contacted.last_contact_date is not null as is_in_numerator,
    case
        when contacted.last_contact_date is not null then 'IRO spoke with the child'
        else 'no IRO contact recorded'
    end as status
from windows
inner join collection_years
    on {{ collection_year_of('windows.review_date') }} = collection_years.collection_year
left join contacted
    on windows.review_id = contacted.review_id
left join review_codes
    on windows.review_code = review_codes.review_code
where {{ is_extract_returned('IRO-01', 'collection_years.collection_year') }}
