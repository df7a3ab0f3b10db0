with

header as not materialized (
    select * from {{ ref('stg_ssda903__header') }}
),

latest as (
    -- the latest return's header is the child's current record
    select
        header.*,
        row_number() over (
            partition by header.child_id
            order by header.collection_year desc, header.source_line
        ) as version_rank
    from header
)

select
    child_id,
    birth_date,
    sex_code,
    sex,
    ethnic_code,
    upn,
    collection_year as latest_return_year
from latest
where version_rank = 1
