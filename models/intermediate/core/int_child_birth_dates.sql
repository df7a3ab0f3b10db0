with

header as not materialized (
    select * from {{ ref('stg_ssda903__header') }}
)

select
    header.collection_year || ':' || header.child_id as child_year_id,
    header.collection_year,
    header.child_id,
    -- a child listed twice in a year's Header keeps the earliest valid date
    min(header.birth_date) as birth_date
from header
group by header.collection_year, header.child_id
