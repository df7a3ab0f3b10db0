with

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

term_years as (
    -- the year after the latest too, so the next term after 31 March is known (worklist)
    select collection_years.collection_year from collection_years
    union
    select max(collection_years.collection_year) + 1 from collection_years
),

term_days as (
    -- var('school_terms') lists each term's first and last month-day; a term from April on
    -- falls in the calendar year the collection year starts in
    {% for term in var('school_terms') %}
    select
        {{ loop.index }} as term_number,
        '{{ term[0] }}' as start_month_day,
        '{{ term[1] }}' as end_month_day
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

terms as (
    select
        term_years.collection_year,
        term_days.term_number,
        cast(
            (case when cast(left(term_days.start_month_day, 2) as integer) >= 4
                then term_years.collection_year - 1
                else term_years.collection_year end)
            || '-' || term_days.start_month_day as date
        ) as term_start_date,
        cast(
            (case when cast(left(term_days.end_month_day, 2) as integer) >= 4
                then term_years.collection_year - 1
                else term_years.collection_year end)
            || '-' || term_days.end_month_day as date
        ) as term_end_date
    from term_years
    cross join term_days
)

select
    strftime(terms.term_start_date, '%Y-%m-%d') as school_term_id,
    terms.collection_year,
    terms.term_number,
    terms.term_start_date,
    terms.term_end_date
from terms
