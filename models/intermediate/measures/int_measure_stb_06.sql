with

looked_after as not materialized (
    select * from {{ ref('int_looked_after_in_year') }}
),

sw_episodes as not materialized (
    select * from {{ ref('stg_ssda903__sw_episodes') }}
),

returned_tables as not materialized (
    select * from {{ ref('int_returned_tables') }}
),

workers as (
    -- a return to an earlier worker is not a new worker, so distinct SW_IDs are counted; the
    -- return holds every allocation in the year, including while the child was not in care
    select
        sw_episodes.collection_year,
        sw_episodes.child_id,
        count(distinct upper(trim(sw_episodes.social_worker_id))) as workers_count
    from sw_episodes
    where sw_episodes.social_worker_id is not null
    group by sw_episodes.collection_year, sw_episodes.child_id
),

cohort as (
    select looked_after.*
    from looked_after
    inner join returned_tables
        on looked_after.collection_year = returned_tables.collection_year
        and returned_tables.table_name = 'sw_episodes'
    where looked_after.is_looked_after_at_year_end
)

select
    'STB-06:' || cohort.child_id || ':' || cohort.collection_year as child_measure_id,
    cohort.child_id,
    'STB-06' as measure_id,
    cohort.collection_year,
    cohort.period_end as event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast(coalesce(workers.workers_count, 0) as double) as observed_value,
    true as is_in_denominator,
    coalesce(workers.workers_count, 0) >= 3 as is_in_numerator,
    coalesce(workers.workers_count, 0) || ' social workers in the year' as status
from cohort
left join workers
    on cohort.collection_year = workers.collection_year
    and cohort.child_id = workers.child_id
