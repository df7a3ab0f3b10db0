-- DfE 903 validation rules on Missing, Reviews and PrevPerm, and the integrity checks that
-- every child in a linked table is in the Header with the same date of birth
-- (docs/validation_rules.md). One row per rule broken per row.
with

missing as (
    select * from {{ ref('stg_ssda903__missing') }}
),

reviews as (
    select * from {{ ref('stg_ssda903__reviews') }}
),

prev_perm as (
    select * from {{ ref('stg_ssda903__prev_perm') }}
),

oc2 as (
    select * from {{ ref('stg_ssda903__oc2') }}
),

oc3 as (
    select * from {{ ref('stg_ssda903__oc3') }}
),

episodes as (
    select * from {{ ref('stg_ssda903__episodes') }}
),

children as (
    select * from {{ ref('int_validation_children') }}
),

review_codes as (
    select * from {{ ref('ssda903_review_codes') }}
),

prev_perm_codes as (
    select * from {{ ref('ssda903_prev_perm_codes') }}
),

la_perm_codes as (
    select * from {{ ref('ssda903_la_perm_codes') }}
),

missing_codes as (
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

flagged as (
    select '1005' as rule_code, 'missing' as table_name, missing_rows.child_id,
        missing_rows.collection_year, missing_rows.source_file, missing_rows.source_line
    from missing_rows
    where nullif(trim(missing_rows.missing_end_date_text), '') is not null
        and missing_rows.missing_end_date is null
    union all
    select '1006', 'missing', child_id, collection_year, source_file, source_line
    from missing_rows where missing_code is not null and not is_valid_missing
    union all
    select '565', 'missing', child_id, collection_year, source_file, source_line
    from missing_rows where missing_code is null and missing_start_date is not null
    union all
    select '566', 'missing', child_id, collection_year, source_file, source_line
    from missing_rows where missing_code is null and missing_end_date is not null
    union all
    select '567', 'missing', child_id, collection_year, source_file, source_line
    from missing_rows where missing_start_date > missing_end_date
    union all
    select '570', 'missing', child_id, collection_year, source_file, source_line
    from missing_rows where missing_start_date > period_end
    union all
    select '571', 'missing', child_id, collection_year, source_file, source_line
    from missing_rows where missing_end_date < period_start or missing_end_date > period_end
    union all
    -- a missing period cannot start while the previous one is open or not yet over
    select '574', 'missing', child_id, collection_year, source_file, source_line
    from missing_rows
    where missing_seq > 1 and (previous_end_date is null or missing_start_date < previous_end_date)
    union all
    select '586', 'missing', child_id, collection_year, source_file, source_line
    from missing_rows where missing_start_date <= birth_date
    union all
    select '581', 'missing', missing_rows.child_id, missing_rows.collection_year,
        missing_rows.source_file, missing_rows.source_line
    from missing_rows
    inner join missing_in_episodes
        on missing_rows.missing_row_id = missing_in_episodes.missing_row_id
    where not missing_in_episodes.starts_in_episode
    union all
    select '575', 'missing', missing_rows.child_id, missing_rows.collection_year,
        missing_rows.source_file, missing_rows.source_line
    from missing_rows
    inner join missing_in_episodes
        on missing_rows.missing_row_id = missing_in_episodes.missing_row_id
    where missing_in_episodes.is_open_after_episode_end
    union all
    select 'INT04', 'missing', child_id, collection_year, source_file, source_line
    from missing_rows where not is_in_header
    union all
    select 'INT13', 'missing', child_id, collection_year, source_file, source_line
    from missing_rows where is_in_header and birth_date is distinct from header_birth_date
    union all
    select '1012', 'missing', child_id, collection_year, source_file, source_line
    from missing_rows where not has_episodes
    union all
    select '167', 'reviews', child_id, collection_year, source_file, source_line
    from review_rows where not (review_date is not null and is_valid_review_code)
    union all
    -- PN0 is for children under 4 at the review, and only for them
    select '440', 'reviews', child_id, collection_year, source_file, source_line
    from review_rows where review_code = 'PN0' and review_date > birth_date + interval 4 year
    union all
    select '441', 'reviews', child_id, collection_year, source_file, source_line
    from review_rows
    where review_code in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')
        and review_date < birth_date + interval 4 year
    union all
    select '399', 'reviews', child_id, collection_year, source_file, source_line
    from review_rows where is_short_breaks_only
    union all
    select 'INT08', 'reviews', child_id, collection_year, source_file, source_line
    from review_rows where not is_in_header
    union all
    select 'INT17', 'reviews', child_id, collection_year, source_file, source_line
    from review_rows where is_in_header and birth_date is distinct from header_birth_date
    union all
    select '1012', 'reviews', child_id, collection_year, source_file, source_line
    from review_rows where not has_episodes
    union all
    select '631', 'prev_perm', child_id, collection_year, source_file, source_line
    from prev_perm_rows where prev_perm_code is not null and not is_valid_prev_perm
    union all
    select '633', 'prev_perm', child_id, collection_year, source_file, source_line
    from prev_perm_rows where la_perm_code is not null and not is_valid_la_perm
    union all
    select '635', 'prev_perm', child_id, collection_year, source_file, source_line
    from prev_perm_rows
    where prev_perm_code is null
        and (la_perm_code is not null or nullif(trim(prev_perm_date_text), '') is not null)
    union all
    select '634', 'prev_perm', child_id, collection_year, source_file, source_line
    from prev_perm_rows
    where last_start_date < period_start
        and (
            prev_perm_code is not null or la_perm_code is not null
            or nullif(trim(prev_perm_date_text), '') is not null
        )
    union all
    select 'INT07', 'prev_perm', child_id, collection_year, source_file, source_line
    from prev_perm_rows where not is_in_header
    union all
    select 'INT16', 'prev_perm', child_id, collection_year, source_file, source_line
    from prev_perm_rows where is_in_header and birth_date is distinct from header_birth_date
    union all
    select '1012', 'prev_perm', child_id, collection_year, source_file, source_line
    from prev_perm_rows where not has_episodes
    union all
    select case table_name when 'oc2' then 'INT05' else 'INT06' end, table_name, child_id,
        collection_year, source_file, source_line
    from oc_children where not is_in_header
    union all
    select case table_name when 'oc2' then 'INT14' else 'INT15' end, table_name, child_id,
        collection_year, source_file, source_line
    from oc_children where is_in_header and birth_date is distinct from header_birth_date
    union all
    select '1012', table_name, child_id, collection_year, source_file, source_line
    from oc_children where table_name = 'oc2' and not has_episodes
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
