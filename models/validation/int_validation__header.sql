-- DfE 903 validation rules on the Header and UASC tables of each return
-- (docs/validation_rules.md). One row per rule broken per row.
with

header as not materialized (
    select * from {{ ref('stg_ssda903__header') }}
),

uasc as not materialized (
    select * from {{ ref('stg_ssda903__uasc') }}
),

episodes as not materialized (
    select * from {{ ref('stg_ssda903__episodes') }}
),

oc3 as not materialized (
    select * from {{ ref('stg_ssda903__oc3') }}
),

children as not materialized (
    select * from {{ ref('int_validation_children') }}
),

ethnic_codes as not materialized (
    select * from {{ ref('ssda903_ethnic_codes') }}
),

last_year_header as (
    select
        header.collection_year + 1 as collection_year,
        header.child_id,
        min(header.sex) as sex,
        min(header.birth_date) as birth_date,
        min(header.ethnic_code) as ethnic_code,
        min(header.upn) as upn,
        min(header.mother_child_birth_date) as mother_child_birth_date,
        bool_or(header.is_mother) as is_mother
    from header
    group by header.collection_year, header.child_id
),

episode_mother_checks as (
    select
        episodes.collection_year,
        episodes.child_id,
        -- left care in the year (rule 607)
        bool_or(
            episodes.ls_code not in ('V3', 'V4')
            and episodes.rec_code is not null and episodes.rec_code != 'X1'
            and episodes.episode_end_date between children.period_start and children.period_end
        ) as has_left_care_in_year,
        -- looked after for more than a week at 31 March (rule 210)
        bool_or(episodes.episode_start_date >= children.period_end - interval 6 day) as has_start_in_last_week,
        -- rule 625 compares MC_DOB with the DEC of the child's latest episode: none while that
        -- episode is open (the DfE validator takes the latest DEC of any episode, so it flags
        -- a girl whose child is born after a change of placement; docs/validation_rules.md)
        arg_max_null(episodes.episode_end_date, episodes.episode_start_date) as latest_episode_end_date
    from episodes
    inner join children
        on episodes.collection_year = children.collection_year
        and episodes.child_id = children.child_id
    group by episodes.collection_year, episodes.child_id
),

oc3_children as (
    select distinct
        oc3.collection_year,
        oc3.child_id
    from oc3
    where oc3.in_touch_code is not null or oc3.activ_code is not null or oc3.accom_code is not null
),

upn_counts as (
    select
        header.collection_year,
        header.upn,
        count(*) as children_count
    from header
    where header.upn not in ('UN1', 'UN2', 'UN3', 'UN4', 'UN5') and header.upn != ''
    group by header.collection_year, header.upn
),

hdr as (
    select
        header.*,
        children.period_start,
        children.period_end,
        children.has_episodes,
        children.is_short_breaks_only,
        children.has_episode_not_short_break,
        ethnic_codes.ethnic_code is not null as is_valid_ethnic,
        coalesce(episode_mother_checks.has_left_care_in_year, false) as has_left_care_in_year,
        episode_mother_checks.has_start_in_last_week,
        episode_mother_checks.latest_episode_end_date,
        oc3_children.child_id is not null as has_oc3,
        coalesce(upn_counts.children_count, 0) as upn_children_count,
        last_year_header.child_id is not null as was_in_last_year,
        last_year_header.sex as last_year_sex,
        last_year_header.birth_date as last_year_birth_date,
        last_year_header.ethnic_code as last_year_ethnic_code,
        last_year_header.upn as last_year_upn,
        last_year_header.mother_child_birth_date as last_year_mother_child_birth_date,
        last_year_header.is_mother as last_year_is_mother
    from header
    inner join children
        on header.collection_year = children.collection_year
        and header.child_id = children.child_id
    left join ethnic_codes
        on header.ethnic_code = ethnic_codes.ethnic_code
    left join episode_mother_checks
        on header.collection_year = episode_mother_checks.collection_year
        and header.child_id = episode_mother_checks.child_id
    left join oc3_children
        on header.collection_year = oc3_children.collection_year
        and header.child_id = oc3_children.child_id
    left join upn_counts
        on header.collection_year = upn_counts.collection_year
        and header.upn = upn_counts.upn
    left join last_year_header
        on header.collection_year = last_year_header.collection_year
        and header.child_id = last_year_header.child_id
),

uasc_rows as (
    select
        uasc.*,
        children.period_start,
        children.period_end,
        children.birth_date as header_birth_date,
        children.sex as header_sex,
        children.is_in_header
    from uasc
    inner join children
        on uasc.collection_year = children.collection_year
        and uasc.child_id = children.child_id
),

checked_header as (
    -- every rule is checked in one pass over the rows; a row keeps the codes it breaks
    select
        hdr.collection_year,
        hdr.child_id,
        hdr.source_file,
        hdr.source_line,
        [
            -- SEX is checked against the year's coding (1/2 until 2023-24, M/F/U from 2024-25)
            case when hdr.sex is null
                then '101' end,
            case when hdr.birth_date is null
                then '102' end,
            case when not hdr.is_valid_ethnic
                then '103' end,
            case when hdr.upn != ''
                    and not regexp_full_match(hdr.upn, '([A-HJ-NP-RT-Z](\d{12}|\d{11}[A-Z]))|(UN[1-5])')
                then '168' end,
            case when hdr.sex = 'M' and hdr.mother_child_birth_date is not null
                then '174' end,
            case when hdr.sex_code = 'U'
                then '232' end,
            case when hdr.birth_date > hdr.period_end
                then '301' end,
            case when hdr.period_start > hdr.birth_date + interval 25 year
                then '351' end,
            -- UN1 (not yet of school age) cannot be used for a child of school age
            case when hdr.upn = 'UN1'
                    and make_date(year(hdr.period_start) - 1, 8, 31) >= hdr.birth_date + interval 4 year
                then '209' end,
            case when hdr.upn = 'UN4' and not coalesce(hdr.has_start_in_last_week, true)
                then '210' end,
            case when hdr.sex = 'F' and hdr.has_episode_not_short_break and hdr.is_mother is null
                then '393' end,
            -- no mother details for a child on short breaks (V3/V4) only
            case when hdr.is_short_breaks_only and hdr.is_mother is not null
                then '399' end,
            case when hdr.sex = 'F' and hdr.has_left_care_in_year and hdr.is_mother is null
                then '607' end,
            case when hdr.is_mother and hdr.mother_child_birth_date is null
                then '611' end,
            case when hdr.sex = 'F' and not coalesce(hdr.is_mother, false)
                    and hdr.mother_child_birth_date is not null
                then '612' end,
            case when hdr.is_mother and hdr.birth_date + interval 11 year > hdr.period_start
                then '620' end,
            case when hdr.mother_child_birth_date <= hdr.birth_date
                then '621' end,
            case when hdr.mother_child_birth_date > hdr.period_end
                    or hdr.mother_child_birth_date > hdr.latest_episode_end_date
                then '625' end,
            case when hdr.upn_children_count > 1
                then '444' end,
            case when not hdr.has_episodes and not hdr.has_oc3
                then 'EPI' end,
            -- agreement with last year's return
            case when hdr.was_in_last_year and hdr.sex != hdr.last_year_sex
                then '202' end,
            case when hdr.was_in_last_year and hdr.birth_date != hdr.last_year_birth_date
                then '203' end,
            case when hdr.was_in_last_year and hdr.ethnic_code != hdr.last_year_ethnic_code
                then '204' end,
            case when hdr.was_in_last_year and hdr.upn != hdr.last_year_upn
                    and hdr.last_year_upn not in ('UN1', 'UN2', 'UN3', 'UN4', 'UN5')
                then '208' end,
            -- a date of the first child given last year must not change or disappear
            case when hdr.last_year_mother_child_birth_date is not null
                    and hdr.mother_child_birth_date is distinct from hdr.last_year_mother_child_birth_date
                then '624' end,
            case when hdr.is_mother and hdr.last_year_is_mother = false
                    and hdr.mother_child_birth_date < hdr.period_start
                then '626' end
        ] as rule_checks
    from hdr
),

flagged_header as (
    select
        checked_header.collection_year,
        checked_header.child_id,
        checked_header.source_file,
        checked_header.source_line,
        unnest(list_filter(checked_header.rule_checks, broken -> broken is not null)) as rule_code
    from checked_header
),

checked_uasc as (
    -- every rule is checked in one pass over the rows; a row keeps the codes it breaks
    select
        uasc_rows.collection_year,
        uasc_rows.child_id,
        uasc_rows.source_file,
        uasc_rows.source_line,
        [
            case when (nullif(trim(uasc_rows.uasc_ceased_date_text), '') is not null and uasc_rows.uasc_ceased_date is null)
                    or uasc_rows.uasc_ceased_date < uasc_rows.period_start
                then '104' end,
            case when uasc_rows.uasc_ceased_date > uasc_rows.birth_date + interval 18 year
                then '304' end,
            case when not uasc_rows.is_in_header
                then 'INT09' end,
            case when uasc_rows.is_in_header and uasc_rows.birth_date is distinct from uasc_rows.header_birth_date
                then 'INT18' end,
            case when uasc_rows.is_in_header and uasc_rows.sex is distinct from uasc_rows.header_sex
                then 'INT21' end,
            -- under 11 on 31 March, the end of the collection year, as the DfE checks it
            case when uasc_rows.birth_date + interval 11 year > uasc_rows.period_end
                then '231' end
        ] as rule_checks
    from uasc_rows
),

flagged_uasc as (
    select
        checked_uasc.collection_year,
        checked_uasc.child_id,
        checked_uasc.source_file,
        checked_uasc.source_line,
        unnest(list_filter(checked_uasc.rule_checks, broken -> broken is not null)) as rule_code
    from checked_uasc
)

select
    flagged_header.rule_code || ':' || flagged_header.collection_year || ':' || flagged_header.source_file || ':' || flagged_header.source_line as validation_row_id,
    flagged_header.rule_code,
    flagged_header.collection_year,
    'header' as table_name,
    flagged_header.child_id,
    flagged_header.source_file,
    flagged_header.source_line
from flagged_header
union all
select
    flagged_uasc.rule_code || ':' || flagged_uasc.collection_year || ':' || flagged_uasc.source_file || ':' || flagged_uasc.source_line as validation_row_id,
    flagged_uasc.rule_code,
    flagged_uasc.collection_year,
    'uasc' as table_name,
    flagged_uasc.child_id,
    flagged_uasc.source_file,
    flagged_uasc.source_line
from flagged_uasc
