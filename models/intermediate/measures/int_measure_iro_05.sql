with

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

children as not materialized (
    select * from {{ ref('int_child_earliest_birth_dates') }}
),

offers as not materialized (
    select * from {{ ref('stg_local__cpw_advocacy_offers') }}
),

visitors as not materialized (
    select * from {{ ref('stg_local__cpw_independent_visitors') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

advocacy_due as (
    -- CA 1989 s26A: children aged 5+ coming into care are told of and offered an advocate
    select
        periods.period_of_care_id,
        periods.child_id,
        periods.period_start_date,
        min(offers.offer_date) as offer_date
    from periods
    inner join children
        on periods.child_id = children.child_id
    left join offers
        on periods.child_id = offers.child_id
        and offers.offer_date >= periods.period_start_date
        and offers.offer_date <= coalesce(periods.period_end_date, periods.known_until_date)
    where not periods.is_short_breaks_only
        and {{ age_in_years('children.birth_date', 'periods.period_start_date') }} >= 5
    group by periods.period_of_care_id, periods.child_id, periods.period_start_date
),

visitor_due as (
    -- s23ZB: a child meeting the criteria gets an independent visitor unless they object
    select
        visitors.child_id,
        visitors.collection_year,
        visitors.assessed_date,
        visitors.appointed_date,
        coalesce(visitors.is_child_declined, false) as is_child_declined
    from visitors
    where visitors.is_criteria_met
    qualify row_number() over (
        partition by visitors.child_id order by visitors.collection_year desc
    ) = 1
)

-- two duties, one row each: advocacy offered on entry (children 5+) and an independent
-- visitor appointed where the criteria are met; status says which
select
    'IRO-05:advocacy:' || advocacy_due.period_of_care_id as child_measure_id,
    advocacy_due.child_id,
    'IRO-05' as measure_id,
    collection_years.collection_year,
    advocacy_due.period_start_date as event_date,
    cast(null as date) as due_date,
    advocacy_due.offer_date as met_date,
    cast(datediff('day', advocacy_due.period_start_date, advocacy_due.offer_date) as double)
        as observed_value,
    true as is_in_denominator,
    advocacy_due.offer_date is not null as is_in_numerator,
    case
        when advocacy_due.offer_date is not null then 'advocacy offered'
        else 'advocacy not offered'
    end as status
from advocacy_due
inner join collection_years
    on {{ collection_year_of('advocacy_due.period_start_date') }} = collection_years.collection_year
where {{ is_extract_returned('IRO-05', 'collection_years.collection_year') }}
union all
select
    'IRO-05:visitor:' || visitor_due.child_id as child_measure_id,
    visitor_due.child_id,
    'IRO-05' as measure_id,
    visitor_due.collection_year,
    visitor_due.assessed_date as event_date,
    cast(null as date) as due_date,
    visitor_due.appointed_date as met_date,
    cast(datediff('day', visitor_due.assessed_date, visitor_due.appointed_date) as double)
        as observed_value,
    not visitor_due.is_child_declined as is_in_denominator,
    visitor_due.appointed_date is not null as is_in_numerator,
    case
        when visitor_due.appointed_date is not null then 'independent visitor appointed'
        when visitor_due.is_child_declined then 'child declined an independent visitor'
        else 'independent visitor not appointed'
    end as status
from visitor_due
inner join collection_years
    on visitor_due.collection_year = collection_years.collection_year
where {{ is_extract_returned('IRO-05', 'collection_years.collection_year') }}
