with

birth_dates as not materialized (
    select * from {{ ref('int_child_birth_dates') }}
)

select
    birth_dates.child_id,
    -- returns can disagree about a child's birth date; the duties and the worklist age every
    -- child by one date, the earliest any return gave
    min(birth_dates.birth_date) as birth_date
from birth_dates
group by birth_dates.child_id
