with

header as (
    select * from {{ ref('stg_ssda903__header') }}
),

sex_codes as (
    select * from {{ ref('ssda903_sex_codes') }}
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
    latest.child_id,
    latest.birth_date,
    latest.sex_code,
    -- SEX was 1/2 until 2023-24 and M/F/U from 2024-25: map by the return's year
    sex_codes.sex,
    latest.ethnic_code,
    latest.upn,
    latest.collection_year as latest_return_year
from latest
left join sex_codes
    on latest.sex_code = sex_codes.sex_code
    and latest.collection_year between sex_codes.first_collection_year and sex_codes.last_collection_year
where latest.version_rank = 1
