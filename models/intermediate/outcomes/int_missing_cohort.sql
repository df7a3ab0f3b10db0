with

episodes as not materialized (
    select * from {{ ref('int_episodes') }}
),

missing as not materialized (
    select * from {{ ref('stg_ssda903__missing') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

returned_tables as not materialized (
    select * from {{ ref('int_returned_tables') }}
),

ls_codes as not materialized (
    select * from {{ ref('ssda903_ls_codes') }}
),

missing_years as (
    -- without the year's missing table nobody can be counted as missing, so no cohort
    select collection_years.*
    from collection_years
    inner join returned_tables
        on collection_years.collection_year = returned_tables.collection_year
        and returned_tables.table_name = 'missing'
),

looked_after_in_year as (
    -- looked after at any time from 1 April to 31 March under something other than short
    -- breaks (V3/V4); an episode ending on 1 April still had the child looked after that day
    select distinct
        missing_years.collection_year,
        missing_years.period_start,
        missing_years.period_end,
        episodes.child_id
    from episodes
    inner join missing_years
        on episodes.episode_start_date <= missing_years.period_end
        and coalesce(episodes.episode_end_date, episodes.known_until_date)
            >= missing_years.period_start
    inner join ls_codes
        on episodes.ls_code = ls_codes.ls_code
    where not ls_codes.is_short_break
),

missing_episodes as (
    -- an episode open at 31 March can reappear in the next return: one per child and start
    select distinct
        missing.child_id,
        missing.missing_code,
        missing.missing_start_date
    from missing
    where missing.missing_start_date is not null
),

counted as (
    -- only episodes starting in the year count; one that began before 1 April belongs to the
    -- year it started in
    select
        looked_after_in_year.collection_year,
        looked_after_in_year.child_id,
        looked_after_in_year.period_end,
        count(missing_episodes.missing_start_date) filter (
            where missing_episodes.missing_code = 'M'
        ) as missing_episodes_count,
        count(missing_episodes.missing_start_date) filter (
            where missing_episodes.missing_code = 'A'
        ) as away_episodes_count
    from looked_after_in_year
    left join missing_episodes
        on looked_after_in_year.child_id = missing_episodes.child_id
        and missing_episodes.missing_start_date
            between looked_after_in_year.period_start and looked_after_in_year.period_end
    group by
        looked_after_in_year.collection_year,
        looked_after_in_year.child_id,
        looked_after_in_year.period_end
)

select
    child_id || ':' || collection_year as missing_cohort_id,
    child_id,
    collection_year,
    period_end,
    missing_episodes_count,
    away_episodes_count
from counted
