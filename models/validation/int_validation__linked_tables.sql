-- DfE 903 validation rules on Missing, Reviews and PrevPerm, and the integrity checks that
-- every child in a linked table is in the Header with the same date of birth
-- (docs/validation_rules.md). One row per rule broken per row.
with

missing as not materialized (
    select * from {{ ref('stg_ssda903__missing') }}
),

reviews as not materialized (
    select * from {{ ref('stg_ssda903__reviews') }}
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

episodes as not materialized (
    select * from {{ ref('stg_ssda903__episodes') }}
),

children as not materialized (
    select * from {{ ref('int_validation_children') }}
),

review_codes as not materialized (
    select * from {{ ref('ssda903_review_codes') }}
),

prev_perm_codes as not materialized (
    select * from {{ ref('ssda903_prev_perm_codes') }}
),

la_perm_codes as not materialized (
    select * from {{ ref('ssda903_la_perm_codes') }}
),

missing_codes as not materialized (
    select * from {{ ref('ssda903_missing_codes') }}
),

missing_rows as (
    select
        missing.*,
        children.period_start,
        children.period_end,
        children.is_in_header,
        children.has_episodes,
        children.birth_date as header_birth_date,
        missing_codes.missing_code is not null as is_valid_missing,
        lag(missing.missing_end_date) over child_window as previous_end_date,
        lag(missing.child_id) over child_window as previous_child_id,
        row_number() over child_window as missing_seq
    from missing
    inner join children
        on missing.collection_year = children.collection_year
        and missing.child_id = children.child_id
    left join missing_codes
        on missing.missing_code = missing_codes.missing_code
    window child_window as (
        partition by missing.collection_year, missing.child_id
        order by coalesce(missing.missing_end_date, missing.missing_start_date), missing.missing_start_date
    )
),

missing_in_episodes as (
    -- whether each missing period starts inside one of the child's episodes
    select
        missing.missing_row_id,
        bool_or(
            missing.missing_start_date >= episodes.episode_start_date
            and (missing.missing_start_date <= episodes.episode_end_date or episodes.episode_end_date is null)
        ) as starts_in_episode,
        bool_or(
            missing.missing_start_date >= episodes.episode_start_date
            and missing.missing_start_date <= episodes.episode_end_date
            and missing.missing_end_date is null
        ) as is_open_after_episode_end
    from missing
    inner join episodes
        on missing.collection_year = episodes.collection_year
        and missing.child_id = episodes.child_id
    group by missing.missing_row_id
),

review_rows as (
    select
        reviews.*,
        children.is_in_header,
        children.has_episodes,
        children.is_short_breaks_only,
        children.birth_date as header_birth_date,
        review_codes.review_code is not null as is_valid_review_code
    from reviews
    inner join children
        on reviews.collection_year = children.collection_year
        and reviews.child_id = children.child_id
    left join review_codes
        on reviews.review_code = review_codes.review_code
),

care_starts as (
    select
        episodes.collection_year,
        episodes.child_id,
        max(episodes.episode_start_date) as last_start_date,
        min(episodes.episode_start_date) as first_start_date
    from episodes
    group by episodes.collection_year, episodes.child_id
),

prev_perm_rows as (
    select
        prev_perm.*,
        children.period_start,
        children.is_in_header,
        children.has_episodes,
        children.birth_date as header_birth_date,
        care_starts.last_start_date,
        care_starts.first_start_date,
        prev_perm_codes.prev_perm_code is not null as is_valid_prev_perm,
        la_perm_codes.la_perm_code is not null
        or prev_perm.la_perm_code in ('WAL', 'SCO', 'NUK', 'NIR') as is_valid_la_perm
    from prev_perm
    inner join children
        on prev_perm.collection_year = children.collection_year
        and prev_perm.child_id = children.child_id
    left join care_starts
        on prev_perm.collection_year = care_starts.collection_year
        and prev_perm.child_id = care_starts.child_id
    left join prev_perm_codes
        on prev_perm.prev_perm_code = prev_perm_codes.prev_perm_code
    left join la_perm_codes
        on prev_perm.la_perm_code = la_perm_codes.la_perm_code
),

oc_rows as (
    select
        oc2.collection_year,
        oc2.child_id,
        oc2.birth_date,
        oc2.source_file,
        oc2.source_line,
        'oc2' as table_name
    from oc2
    union all
    select
        oc3.collection_year,
        oc3.child_id,
        oc3.birth_date,
        oc3.source_file,
        oc3.source_line,
        'oc3' as table_name
    from oc3
),

oc_children as (
    select
        oc_rows.*,
        children.is_in_header,
        children.has_episodes,
        children.birth_date as header_birth_date
    from oc_rows
    inner join children
        on oc_rows.collection_year = children.collection_year
        and oc_rows.child_id = children.child_id
),

missing_checked as (
    -- every rule is checked in one pass over the rows; a row keeps the codes it breaks
    select
        missing_rows.collection_year,
        missing_rows.child_id,
        missing_rows.source_file,
        missing_rows.source_line,
        [
            case when nullif(trim(missing_rows.missing_end_date_text), '') is not null
                    and missing_rows.missing_end_date is null
                then '1005' end,
            case when missing_rows.missing_code is not null and not missing_rows.is_valid_missing
                then '1006' end,
            case when missing_rows.missing_code is null and missing_rows.missing_start_date is not null
                then '565' end,
            case when missing_rows.missing_code is null and missing_rows.missing_end_date is not null
                then '566' end,
            case when missing_rows.missing_start_date > missing_rows.missing_end_date
                then '567' end,
            case when missing_rows.missing_start_date > missing_rows.period_end
                then '570' end,
            case when missing_rows.missing_end_date < missing_rows.period_start
                    or missing_rows.missing_end_date > missing_rows.period_end
                then '571' end,
            -- a missing period cannot start while the previous one is open or not yet over
            case when missing_rows.missing_seq > 1
                    and (
                        missing_rows.previous_end_date is null
                        or missing_rows.missing_start_date < missing_rows.previous_end_date
                    )
                then '574' end,
            case when missing_rows.missing_start_date <= missing_rows.birth_date
                then '586' end,
            case when not coalesce(missing_in_episodes.starts_in_episode, true)
                then '581' end,
            case when missing_in_episodes.is_open_after_episode_end
                then '575' end,
            case when not missing_rows.is_in_header
                then 'INT04' end,
            case when missing_rows.is_in_header
                    and missing_rows.birth_date is distinct from missing_rows.header_birth_date
                then 'INT13' end,
            case when not missing_rows.has_episodes
                then '1012' end
        ] as rule_checks
    from missing_rows
    left join missing_in_episodes
        on missing_rows.missing_row_id = missing_in_episodes.missing_row_id
),

review_checked as (
    select
        review_rows.collection_year,
        review_rows.child_id,
        review_rows.source_file,
        review_rows.source_line,
        [
            case when not (review_rows.review_date is not null and review_rows.is_valid_review_code)
                then '167' end,
            -- PN0 is for children under 4 at the review, and only for them
            case when review_rows.review_code = 'PN0'
                    and review_rows.review_date > review_rows.birth_date + interval 4 year
                then '440' end,
            case when review_rows.review_code in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')
                    and review_rows.review_date < review_rows.birth_date + interval 4 year
                then '441' end,
            case when review_rows.is_short_breaks_only
                then '399' end,
            case when not review_rows.is_in_header
                then 'INT08' end,
            case when review_rows.is_in_header
                    and review_rows.birth_date is distinct from review_rows.header_birth_date
                then 'INT17' end,
            case when not review_rows.has_episodes
                then '1012' end
        ] as rule_checks
    from review_rows
),

prev_perm_checked as (
    select
        prev_perm_rows.collection_year,
        prev_perm_rows.child_id,
        prev_perm_rows.source_file,
        prev_perm_rows.source_line,
        [
            case when prev_perm_rows.prev_perm_code is not null and not prev_perm_rows.is_valid_prev_perm
                then '631' end,
            case when prev_perm_rows.la_perm_code is not null and not prev_perm_rows.is_valid_la_perm
                then '633' end,
            case when prev_perm_rows.prev_perm_code is null
                    and (
                        prev_perm_rows.la_perm_code is not null
                        or nullif(trim(prev_perm_rows.prev_perm_date_text), '') is not null
                    )
                then '635' end,
            -- previous permanence is returned only for children who started care this year
            case when prev_perm_rows.last_start_date < prev_perm_rows.period_start
                    and (
                        prev_perm_rows.prev_perm_code is not null
                        or prev_perm_rows.la_perm_code is not null
                        or nullif(trim(prev_perm_rows.prev_perm_date_text), '') is not null
                    )
                then '634' end,
            case when not prev_perm_rows.is_in_header
                then 'INT07' end,
            case when prev_perm_rows.is_in_header
                    and prev_perm_rows.birth_date is distinct from prev_perm_rows.header_birth_date
                then 'INT16' end,
            case when not prev_perm_rows.has_episodes
                then '1012' end
        ] as rule_checks
    from prev_perm_rows
),

oc_checked as (
    select
        oc_children.collection_year,
        oc_children.child_id,
        oc_children.source_file,
        oc_children.source_line,
        oc_children.table_name,
        [
            case when not oc_children.is_in_header
                then case oc_children.table_name when 'oc2' then 'INT05' else 'INT06' end end,
            case when oc_children.is_in_header
                    and oc_children.birth_date is distinct from oc_children.header_birth_date
                then case oc_children.table_name when 'oc2' then 'INT14' else 'INT15' end end,
            case when oc_children.table_name = 'oc2' and not oc_children.has_episodes
                then '1012' end
        ] as rule_checks
    from oc_children
),

checked as (
    select *, 'missing' as table_name from missing_checked
    union all
    select *, 'reviews' as table_name from review_checked
    union all
    select *, 'prev_perm' as table_name from prev_perm_checked
    union all
    select
        oc_checked.collection_year,
        oc_checked.child_id,
        oc_checked.source_file,
        oc_checked.source_line,
        oc_checked.rule_checks,
        oc_checked.table_name
    from oc_checked
),

flagged as (
    select
        checked.collection_year,
        checked.child_id,
        checked.source_file,
        checked.source_line,
        checked.table_name,
        unnest(list_filter(checked.rule_checks, broken -> broken is not null)) as rule_code
    from checked
)

select
    flagged.rule_code || ':' || flagged.collection_year || ':' || flagged.source_file || ':' || flagged.source_line as validation_row_id,
    flagged.rule_code,
    flagged.collection_year,
    flagged.table_name,
    flagged.child_id,
    flagged.source_file,
    flagged.source_line
from flagged
