with

involvements as not materialized (
    select * from {{ ref('stg_local__ssd_involvements') }}
)

-- an allocation open at 31 March is listed again in the next year's extract, perhaps now
-- with its end date: the latest extract's version is kept
select
    involvements.involvement_id,
    involvements.child_id,
    involvements.worker_id,
    involvements.worker_role,
    involvements.involvement_start_date,
    involvements.involvement_end_date,
    involvements.sw_reason_code,
    involvements.team_name,
    involvements.collection_year as source_collection_year
from involvements
where involvements.involvement_start_date is not null
qualify row_number() over (
    partition by involvements.involvement_id
    order by involvements.collection_year desc, involvements.source_line
) = 1
