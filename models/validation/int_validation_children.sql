with

header as not materialized (
    select * from {{ ref('stg_ssda903__header') }}
),

episodes as not materialized (
    select * from {{ ref('stg_ssda903__episodes') }}
),

uasc as not materialized (
    select * from {{ ref('stg_ssda903__uasc') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

reviews as not materialized (
    select * from {{ ref('stg_ssda903__reviews') }}
),

missing as not materialized (
    select * from {{ ref('stg_ssda903__missing') }}
),

prev_perm as not materialized (
    select * from {{ ref('stg_ssda903__prev_perm') }}
),

oc2 as not materialized (
    select * from {{ ref('stg_ssda903__oc2') }}
),

oc3 as not materialized (
    select * from {{ ref('stg_ssda903__oc3') }}
),

ad1 as not materialized (
    select * from {{ ref('stg_ssda903__ad1') }}
),

placed_adoption as not materialized (
    select * from {{ ref('stg_ssda903__placed_adoption') }}
),

returned_tables as not materialized (
    select * from {{ ref('int_returned_tables') }}
),

header_children as (
    -- a child listed twice keeps the earliest valid date, as int_child_birth_dates does
    select
        header.collection_year,
        header.child_id,
        min(header.birth_date) as birth_date,
        min(header.sex) as sex,
        min(header.sex_code) as sex_code,
        max(case when header.is_mother then 1 else 0 end) as is_mother_flag,
        bool_or(header.is_mother is not null) as has_mother_value
    from header
    group by header.collection_year, header.child_id
),

episode_facts as (
    -- Continuously looked after for 12 months at 31 March, as the DfE validation rules
    -- define it (CLA_SSDA903 validation rules): in care at some point in the year, and no
    -- episode that starts care in the year, ends care in the year, or is a short break.
    select
        episodes.collection_year,
        episodes.child_id,
        count(*) as episodes_count,
        bool_or(
            episodes.episode_start_date <= collection_years.period_end
            and (
                episodes.episode_end_date >= collection_years.period_start
                or episodes.episode_end_date is null
            )
        ) as is_in_care_during_year,
        bool_or(
            (
                episodes.rne_code = 'S'
                and episodes.episode_start_date > collection_years.period_start
                and episodes.episode_start_date <= collection_years.period_end
            )
            or (
                episodes.rec_code is distinct from 'X1'
                and episodes.episode_end_date >= collection_years.period_start
                and episodes.episode_end_date < collection_years.period_end
            )
            or (
                episodes.ls_code in ('V3', 'V4')
                and episodes.episode_start_date <= collection_years.period_end
                and (
                    episodes.episode_end_date >= collection_years.period_start
                    or episodes.episode_end_date is null
                )
            )
        ) as has_break_in_year,
        bool_and(episodes.ls_code in ('V3', 'V4')) as is_short_breaks_only,
        bool_or(episodes.ls_code not in ('V3', 'V4')) as has_episode_not_short_break,
        min(episodes.episode_start_date) as first_start_date
    from episodes
    inner join collection_years
        on episodes.collection_year = collection_years.collection_year
    group by episodes.collection_year, episodes.child_id
),

uasc_children as (
    select distinct
        uasc.collection_year,
        uasc.child_id
    from uasc
),

oc2_children as (
    select distinct
        oc2.collection_year,
        oc2.child_id
    from oc2
),

oc2_returns as (
    -- the DfE checks a missing OC2 row only when the table came (an empty file counts)
    select returned_tables.collection_year
    from returned_tables
    where returned_tables.table_name = 'oc2'
),

children as (
    -- every child in any table of the year, so a child missing from the Header is still
    -- checked; one distinct over the stacked keys, as a chain of unions would dedupe 10 times
    select distinct collection_year, child_id
    from (
        select collection_year, child_id from header_children
        union all
        select collection_year, child_id from episode_facts
        union all
        select collection_year, child_id from uasc_children
        union all
        select collection_year, child_id from reviews
        union all
        select collection_year, child_id from missing
        union all
        select collection_year, child_id from prev_perm
        union all
        select collection_year, child_id from oc2
        union all
        select collection_year, child_id from oc3
        union all
        select collection_year, child_id from ad1
        union all
        select collection_year, child_id from placed_adoption
    ) as stacked
)

select
    children.collection_year || ':' || children.child_id as child_year_id,
    children.collection_year,
    children.child_id,
    collection_years.period_start,
    collection_years.period_end,
    header_children.birth_date,
    header_children.sex,
    header_children.sex_code,
    header_children.child_id is not null as is_in_header,
    episode_facts.child_id is not null as has_episodes,
    coalesce(episode_facts.episodes_count, 0) as episodes_count,
    coalesce(episode_facts.is_in_care_during_year, false)
    and not coalesce(episode_facts.has_break_in_year, false) as is_looked_after_12_months,
    coalesce(episode_facts.is_short_breaks_only, false) as is_short_breaks_only,
    coalesce(episode_facts.has_episode_not_short_break, false) as has_episode_not_short_break,
    episode_facts.first_start_date,
    uasc_children.child_id is not null as is_uasc,
    oc2_children.child_id is not null as has_oc2_row,
    oc2_returns.collection_year is not null as is_oc2_returned
from children
inner join collection_years
    on children.collection_year = collection_years.collection_year
left join header_children
    on children.collection_year = header_children.collection_year
    and children.child_id = header_children.child_id
left join episode_facts
    on children.collection_year = episode_facts.collection_year
    and children.child_id = episode_facts.child_id
left join uasc_children
    on children.collection_year = uasc_children.collection_year
    and children.child_id = uasc_children.child_id
left join oc2_children
    on children.collection_year = oc2_children.collection_year
    and children.child_id = oc2_children.child_id
left join oc2_returns
    on children.collection_year = oc2_returns.collection_year
