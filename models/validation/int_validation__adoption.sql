-- DfE 903 validation rules on AD1 (adoptions) and PlacedAdoption (should-be-placed
-- decisions), with the episodes they must agree with (docs/validation_rules.md).
with

ad1 as not materialized (
    select * from {{ ref('stg_ssda903__ad1') }}
),

placed_adoption as not materialized (
    select * from {{ ref('stg_ssda903__placed_adoption') }}
),

episodes as not materialized (
    select * from {{ ref('stg_ssda903__episodes') }}
),

children as not materialized (
    select * from {{ ref('int_validation_children') }}
),

sex_adoptr_codes as not materialized (
    select * from {{ ref('ssda903_sex_adoptr_codes') }}
),

ls_adoptr_codes as not materialized (
    select * from {{ ref('ssda903_ls_adoptr_codes') }}
),

reason_placed_ceased_codes as not materialized (
    select * from {{ ref('ssda903_reason_placed_ceased_codes') }}
),

episode_facts as (
    select
        episodes.collection_year,
        episodes.child_id,
        bool_or(
            episodes.rec_code in ('E11', 'E12')
            and episodes.episode_end_date between children.period_start and children.period_end
        ) as is_adopted_in_year,
        bool_or(episodes.ls_code = 'E1') as has_placement_order,
        bool_or(episodes.ls_code = 'E1' and episodes.episode_end_date is null) as has_open_placement_order,
        bool_or(
            (episodes.place_code in ('A3', 'A4', 'A5', 'A6') or episodes.ls_code = 'E1')
            and episodes.rec_code is not null
            and episodes.rec_code not in ('E11', 'E12', 'X1')
        ) as has_left_care_not_adopted,
        max(case when episodes.rne_code = 'S' then episodes.episode_start_date end) as last_care_start_date,
        min(case when episodes.rne_code = 'S' then episodes.episode_start_date end) as first_care_start_date,
        min(case when episodes.ls_code not in ('V3', 'V4') then episodes.episode_start_date end) as first_start_not_short_break,
        -- the last episode that ends care, for rule 117
        max(case when episodes.rec_code is distinct from 'X1' then episodes.episode_start_date end) as last_not_x1_start_date
    from episodes
    inner join children
        on episodes.collection_year = children.collection_year
        and episodes.child_id = children.child_id
    group by episodes.collection_year, episodes.child_id
),

last_not_x1 as (
    select
        episodes.collection_year,
        episodes.child_id,
        episodes.episode_end_date
    from episodes
    inner join episode_facts
        on episodes.collection_year = episode_facts.collection_year
        and episodes.child_id = episode_facts.child_id
        and episodes.episode_start_date = episode_facts.last_not_x1_start_date
    where episodes.rec_code is distinct from 'X1'
),

ad1_rows as (
    select
        ad1.*,
        children.period_start,
        children.period_end,
        children.is_looked_after_12_months,
        children.is_in_header,
        children.has_episodes,
        children.birth_date as header_birth_date,
        coalesce(episode_facts.is_adopted_in_year, false) as is_adopted_in_year,
        episode_facts.last_care_start_date,
        sex_adoptr_codes.sex_adoptr_code is not null as is_valid_sex_adoptr,
        ls_adoptr_codes.ls_adoptr_code is not null as is_valid_ls_adoptr,
        -- a date counts as entered by its text: a date that does not parse is still filled in
        -- (it breaks its own date rule), as the DfE reads these rules
        (nullif(trim(ad1.adoption_decision_date_text), '') is not null)::int
        + (nullif(trim(ad1.match_date_text), '') is not null)::int
        + (ad1.is_adopted_by_foster_carer is not null)::int + (ad1.adopters_count is not null)::int
        + (ad1.sex_adoptr_code is not null)::int + (ad1.ls_adoptr_code is not null)::int as items_filled
    from ad1
    inner join children
        on ad1.collection_year = children.collection_year
        and ad1.child_id = children.child_id
    left join episode_facts
        on ad1.collection_year = episode_facts.collection_year
        and ad1.child_id = episode_facts.child_id
    left join sex_adoptr_codes
        on ad1.sex_adoptr_code = sex_adoptr_codes.sex_adoptr_code
    left join ls_adoptr_codes
        on ad1.ls_adoptr_code = ls_adoptr_codes.ls_adoptr_code
),

ceased_decisions as (
    select distinct
        placed_adoption.collection_year,
        placed_adoption.child_id
    from placed_adoption
    where placed_adoption.placed_ceased_date is not null
),

ad1_dates as (
    select
        ad1.collection_year,
        ad1.child_id,
        min(ad1.adoption_decision_date) as adoption_decision_date,
        max(
            (ad1.adoption_decision_date is not null or ad1.match_date is not null
            or ad1.is_adopted_by_foster_carer is not null or ad1.adopters_count is not null
            or ad1.sex_adoptr_code is not null or ad1.ls_adoptr_code is not null)::int
        ) = 1 as has_ad1_data
    from ad1
    group by ad1.collection_year, ad1.child_id
),

pa_rows as (
    select
        placed_adoption.*,
        children.period_start,
        children.period_end,
        children.is_in_header,
        children.has_episodes,
        children.birth_date as header_birth_date,
        episode_facts.first_care_start_date,
        episode_facts.first_start_not_short_break,
        coalesce(episode_facts.has_open_placement_order, false) as has_open_placement_order,
        last_not_x1.episode_end_date as last_end_date,
        ad1_dates.adoption_decision_date,
        coalesce(ad1_dates.has_ad1_data, false) as has_ad1_data,
        reason_placed_ceased_codes.reason_placed_ceased_code is not null as is_valid_reason
    from placed_adoption
    inner join children
        on placed_adoption.collection_year = children.collection_year
        and placed_adoption.child_id = children.child_id
    left join episode_facts
        on placed_adoption.collection_year = episode_facts.collection_year
        and placed_adoption.child_id = episode_facts.child_id
    left join last_not_x1
        on placed_adoption.collection_year = last_not_x1.collection_year
        and placed_adoption.child_id = last_not_x1.child_id
    left join ad1_dates
        on placed_adoption.collection_year = ad1_dates.collection_year
        and placed_adoption.child_id = ad1_dates.child_id
    left join reason_placed_ceased_codes
        on placed_adoption.reason_placed_ceased_code = reason_placed_ceased_codes.reason_placed_ceased_code
),

checked_ad1 as (
    -- every rule is checked in one pass over the rows; a row keeps the codes it breaks
    select
        ad1_rows.collection_year,
        ad1_rows.child_id,
        ad1_rows.source_file,
        ad1_rows.source_line,
        [
            case when nullif(trim(ad1_rows.adoption_decision_date_text), '') is not null
                    and ad1_rows.adoption_decision_date is null
                then '112' end,
            case when nullif(trim(ad1_rows.match_date_text), '') is not null and ad1_rows.match_date is null
                then '113' end,
            case when ad1_rows.items_filled between 1 and 5
                then '151' end,
            case when ad1_rows.adopters_count is not null and ad1_rows.adopters_count not in (1, 2)
                then '175' end,
            case when ad1_rows.sex_adoptr_code is not null and not ad1_rows.is_valid_sex_adoptr
                then '176' end,
            case when ad1_rows.ls_adoptr_code is not null and not ad1_rows.is_valid_ls_adoptr
                then '177' end,
            case when ad1_rows.is_looked_after_12_months and ad1_rows.items_filled > 0
                then '187' end,
            case when (ad1_rows.match_date is not null and ad1_rows.adoption_decision_date is null)
                    or ad1_rows.adoption_decision_date > ad1_rows.match_date
                then '333' end,
            case when ad1_rows.adoption_decision_date < ad1_rows.last_care_start_date
                then '334' end,
            -- adopters' sexes must agree with their number and legal status
            case when ad1_rows.adopters_count = 2 and ad1_rows.sex_adoptr_code in ('M1', 'F1')
                then '511' end,
            case when ad1_rows.ls_adoptr_code = 'L0' and ad1_rows.sex_adoptr_code is distinct from 'M1'
                    and ad1_rows.sex_adoptr_code is distinct from 'F1'
                then '514' end,
            case when ad1_rows.ls_adoptr_code = 'L3' and ad1_rows.sex_adoptr_code is distinct from 'MF'
                then '517' end,
            case when ad1_rows.ls_adoptr_code = 'L4' and coalesce(ad1_rows.sex_adoptr_code, '') not in ('MM', 'FF')
                then '518' end,
            case when ad1_rows.ls_adoptr_code = 'L2' and coalesce(ad1_rows.sex_adoptr_code, '') not in ('MM', 'FF', 'MF')
                then '519' end,
            case when ad1_rows.ls_adoptr_code = 'L11' and ad1_rows.sex_adoptr_code is distinct from 'MF'
                then '520' end,
            case when ad1_rows.ls_adoptr_code = 'L12' and coalesce(ad1_rows.sex_adoptr_code, '') not in ('MM', 'FF')
                then '524' end,
            case when ad1_rows.items_filled > 0
                    and exists (
                        select 1 from ceased_decisions
                        where ceased_decisions.collection_year = ad1_rows.collection_year
                            and ceased_decisions.child_id = ad1_rows.child_id
                    )
                then '525' end,
            case when ad1_rows.is_adopted_in_year and ad1_rows.items_filled < 6
                then '601' end,
            case when not ad1_rows.is_adopted_in_year and ad1_rows.items_filled > 0
                then '602' end,
            case when not ad1_rows.is_in_header
                then 'INT01' end,
            case when ad1_rows.is_in_header and ad1_rows.birth_date is distinct from ad1_rows.header_birth_date
                then 'INT11' end,
            -- as for Missing, Reviews, PrevPerm and OC2 (int_validation__linked_tables)
            case when not ad1_rows.has_episodes
                then '1012' end
        ] as rule_checks
    from ad1_rows
),

flagged_ad1 as (
    select
        checked_ad1.collection_year,
        checked_ad1.child_id,
        checked_ad1.source_file,
        checked_ad1.source_line,
        unnest(list_filter(checked_ad1.rule_checks, broken -> broken is not null)) as rule_code
    from checked_ad1
),

checked_pa as (
    -- every rule is checked in one pass over the rows; a row keeps the codes it breaks
    select
        pa_rows.collection_year,
        pa_rows.child_id,
        pa_rows.source_file,
        pa_rows.source_line,
        [
            case when nullif(trim(pa_rows.placed_ceased_date_text), '') is not null and pa_rows.placed_ceased_date is null
                then '116' end,
            case when pa_rows.placed_decision_date > pa_rows.period_end
                    or pa_rows.placed_decision_date > pa_rows.last_end_date
                    or pa_rows.placed_ceased_date > pa_rows.period_end
                    or pa_rows.placed_ceased_date > pa_rows.last_end_date
                then '117' end,
            case when pa_rows.placed_ceased_date < pa_rows.first_start_not_short_break
                    or pa_rows.placed_ceased_date < pa_rows.period_start
                then '118' end,
            case when (nullif(trim(pa_rows.placed_ceased_date_text), '') is null)
                    != (pa_rows.reason_placed_ceased_code is null)
                then '119' end,
            case when pa_rows.reason_placed_ceased_code is not null and not pa_rows.is_valid_reason
                then '120' end,
            case when pa_rows.placed_decision_date < pa_rows.birth_date
                then '184' end,
            case when pa_rows.placed_ceased_date < pa_rows.placed_decision_date
                then '522' end,
            case when pa_rows.placed_decision_date != pa_rows.adoption_decision_date
                then '523' end,
            case when pa_rows.placed_ceased_date is not null and pa_rows.has_ad1_data
                then '525' end,
            case when pa_rows.has_open_placement_order
                    and (pa_rows.placed_ceased_date is not null or pa_rows.reason_placed_ceased_code is not null)
                then '553' end,
            case when pa_rows.placed_decision_date < pa_rows.first_care_start_date
                then '1003' end,
            case when not pa_rows.is_in_header
                then 'INT02' end,
            case when pa_rows.is_in_header and pa_rows.birth_date is distinct from pa_rows.header_birth_date
                then 'INT12' end,
            case when not pa_rows.has_episodes
                then '1012' end
        ] as rule_checks
    from pa_rows
),

flagged_pa as (
    select
        checked_pa.collection_year,
        checked_pa.child_id,
        checked_pa.source_file,
        checked_pa.source_line,
        unnest(list_filter(checked_pa.rule_checks, broken -> broken is not null)) as rule_code
    from checked_pa
),

placed_children as (
    select
        placed_adoption.collection_year,
        placed_adoption.child_id,
        bool_and(placed_adoption.placed_decision_date is not null) as has_decision_date,
        bool_or(placed_adoption.placed_ceased_date is null or placed_adoption.reason_placed_ceased_code is null) as has_incomplete_ceased
    from placed_adoption
    group by placed_adoption.collection_year, placed_adoption.child_id
),

eps as (
    select
        episodes.*,
        placed_children.child_id is not null as has_placed_adoption,
        coalesce(placed_children.has_incomplete_ceased, false) as has_incomplete_ceased
    from episodes
    left join placed_children
        on episodes.collection_year = placed_children.collection_year
        and episodes.child_id = placed_children.child_id
),

checked_episodes as (
    -- every rule is checked in one pass over the rows; a row keeps the codes it breaks
    select
        eps.collection_year,
        eps.child_id,
        eps.source_file,
        eps.source_line,
        [
            case when eps.rec_code in ('E45', 'E46') and coalesce(eps.place_code, '') not in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6')
                then '516' end,
            case when eps.place_code in ('A3', 'A4', 'A5', 'A6') and not eps.has_placed_adoption
                then '551' end,
            case when eps.ls_code = 'E1' and not eps.has_placed_adoption
                then '553' end,
            -- left care (not adopted) after an adoption plan: the reversal must be recorded
            -- freeing orders (D1) count until 2023-24
            case when (
                    eps.place_code in ('A3', 'A4', 'A5', 'A6') or eps.ls_code = 'E1'
                    or (eps.collection_year <= 2024 and eps.ls_code = 'D1')
                )
                    and eps.rec_code is not null and eps.rec_code not in ('E11', 'E12', 'X1')
                    and (not eps.has_placed_adoption or eps.has_incomplete_ceased)
                then '557' end
        ] as rule_checks
    from eps
),

flagged_episodes as (
    select
        checked_episodes.collection_year,
        checked_episodes.child_id,
        checked_episodes.source_file,
        checked_episodes.source_line,
        unnest(list_filter(checked_episodes.rule_checks, broken -> broken is not null)) as rule_code
    from checked_episodes
)

select
    flagged_ad1.rule_code || ':' || flagged_ad1.collection_year || ':' || flagged_ad1.source_file || ':' || flagged_ad1.source_line as validation_row_id,
    flagged_ad1.rule_code,
    flagged_ad1.collection_year,
    'ad1' as table_name,
    flagged_ad1.child_id,
    flagged_ad1.source_file,
    flagged_ad1.source_line
from flagged_ad1
union all
select
    flagged_pa.rule_code || ':' || flagged_pa.collection_year || ':' || flagged_pa.source_file || ':' || flagged_pa.source_line as validation_row_id,
    flagged_pa.rule_code,
    flagged_pa.collection_year,
    'placed_adoption' as table_name,
    flagged_pa.child_id,
    flagged_pa.source_file,
    flagged_pa.source_line
from flagged_pa
union all
select
    flagged_episodes.rule_code || ':' || flagged_episodes.collection_year || ':' || flagged_episodes.source_file || ':' || flagged_episodes.source_line as validation_row_id,
    flagged_episodes.rule_code,
    flagged_episodes.collection_year,
    'episodes' as table_name,
    flagged_episodes.child_id,
    flagged_episodes.source_file,
    flagged_episodes.source_line
from flagged_episodes
