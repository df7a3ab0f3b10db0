with

header as not materialized (
    select * from {{ ref('stg_ssda903__header') }}
),

episodes as not materialized (
    select * from {{ ref('stg_ssda903__episodes') }}
),

years as (
    select collection_year from header
    union
    select collection_year from episodes
)

select
    collection_year,
    (collection_year - 1) || '-' || right(cast(collection_year as varchar), 2) as collection_year_label,
    make_date(collection_year - 1, 4, 1) as period_start,
    make_date(collection_year, 3, 31) as period_end,
    collection_year = max(collection_year) over () as is_latest_year
from years
