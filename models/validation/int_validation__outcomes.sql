-- DfE 903 validation rules on OC2 (children looked after 12 months) and OC3 (care leavers)
-- of each return (docs/validation_rules.md). One row per rule broken per row.
with

oc2 as not materialized (
    select * from {{ ref('stg_ssda903__oc2') }}
),

oc3 as not materialized (
    select * from {{ ref('stg_ssda903__oc3') }}
),

ad1 as not materialized (
    select * from {{ ref('stg_ssda903__ad1') }}
),

episodes as not materialized (
    select * from {{ ref('stg_ssda903__episodes') }}
),

children as not materialized (
    select * from {{ ref('int_validation_children') }}
),

sdq_reason_codes as not materialized (
    select * from {{ ref('ssda903_sdq_reason_codes') }}
),

in_touch_codes as not materialized (
    select * from {{ ref('ssda903_in_touch_codes') }}
),

activ_codes as not materialized (
    select * from {{ ref('ssda903_activ_codes') }}
),

accom_codes as not materialized (
    select * from {{ ref('ssda903_accom_codes') }}
),

oc3_children as (
    select distinct
        oc3.collection_year,
        oc3.child_id
    from oc3
    where oc3.in_touch_code is not null or oc3.activ_code is not null or oc3.accom_code is not null
),

oc2_children as (
    select
        oc2.collection_year,
        oc2.child_id
    from oc2
    where oc2.is_convicted is not null or oc2.is_health_check_up_to_date is not null
        or oc2.is_immunisations_up_to_date is not null or oc2.is_teeth_checked is not null
        or oc2.is_health_assessment_done is not null or oc2.is_substance_misuse is not null
        or oc2.is_intervention_received is not null or oc2.is_intervention_offered is not null
    group by oc2.collection_year, oc2.child_id
),

birthday_in_care as (
    -- OC3 children still looked after on their 17th or 18th birthday in the year (rule 1007):
    -- a closed episode that spans the birthday
    select distinct
        oc3.collection_year,
        oc3.child_id
    from oc3
    inner join children
        on oc3.collection_year = children.collection_year
        and oc3.child_id = children.child_id
    inner join episodes
        on oc3.collection_year = episodes.collection_year
        and oc3.child_id = episodes.child_id
    where oc3.birth_date + interval 17 year <= children.period_end
        and oc3.birth_date + interval 19 year > children.period_end
        and episodes.episode_start_date <= case
            when oc3.birth_date + to_years(year(children.period_end) - year(oc3.birth_date)) > children.period_end
                then oc3.birth_date + to_years(year(children.period_end) - year(oc3.birth_date) - 1)
            else oc3.birth_date + to_years(year(children.period_end) - year(oc3.birth_date))
        end
        and episodes.episode_end_date > case
            when oc3.birth_date + to_years(year(children.period_end) - year(oc3.birth_date)) > children.period_end
                then oc3.birth_date + to_years(year(children.period_end) - year(oc3.birth_date) - 1)
            else oc3.birth_date + to_years(year(children.period_end) - year(oc3.birth_date))
        end
),

final_episodes as (
    select
        episodes.collection_year,
        episodes.child_id,
        arg_max(episodes.rec_code, episodes.episode_start_date) as last_rec_code,
        bool_or(episodes.rec_code = 'E2') as has_died_in_care
    from episodes
    group by episodes.collection_year, episodes.child_id
),

oc2_rows as (
    select
        oc2.*,
        children.period_start,
        children.period_end,
        children.is_looked_after_12_months,
        oc3_children.child_id is not null as has_oc3,
        sdq_reason_codes.sdq_reason_code is not null as is_valid_sdq_reason
    from oc2
    inner join children
        on oc2.collection_year = children.collection_year
        and oc2.child_id = children.child_id
    left join oc3_children
        on oc2.collection_year = oc3_children.collection_year
        and oc2.child_id = oc3_children.child_id
    left join sdq_reason_codes
        on oc2.sdq_reason_code = sdq_reason_codes.sdq_reason_code
),

oc3_rows as (
    select
        oc3.*,
        children.period_start,
        children.period_end,
        children.is_looked_after_12_months,
        oc2_children.child_id is not null as has_oc2,
        final_episodes.last_rec_code,
        coalesce(final_episodes.has_died_in_care, false) as has_died_in_care,
        birthday_in_care.child_id is not null as is_in_care_on_birthday,
        in_touch_codes.in_touch_code is not null as is_valid_in_touch,
        activ_codes.activ_code is not null as is_valid_activ,
        accom_codes.accom_code is not null as is_valid_accom,
        coalesce(oc3.in_touch_code, oc3.activ_code, oc3.accom_code) is not null as has_oc3_data
    from oc3
    inner join children
        on oc3.collection_year = children.collection_year
        and oc3.child_id = children.child_id
    left join oc2_children
        on oc3.collection_year = oc2_children.collection_year
        and oc3.child_id = oc2_children.child_id
    left join final_episodes
        on oc3.collection_year = final_episodes.collection_year
        and oc3.child_id = final_episodes.child_id
    left join birthday_in_care
        on oc3.collection_year = birthday_in_care.collection_year
        and oc3.child_id = birthday_in_care.child_id
    left join in_touch_codes
        on oc3.in_touch_code = in_touch_codes.in_touch_code
    left join activ_codes
        on oc3.activ_code = activ_codes.activ_code
        and oc3.collection_year between activ_codes.first_collection_year
            and activ_codes.last_collection_year
    left join accom_codes
        on oc3.accom_code = accom_codes.accom_code
),

checked_oc2 as (
    -- every rule is checked in one pass over the rows; a row keeps the codes it breaks
    select
        oc2_rows.collection_year,
        oc2_rows.child_id,
        oc2_rows.source_file,
        oc2_rows.source_line,
        [
            case when oc2_rows.sdq_score is not null and oc2_rows.sdq_score not between 0 and 40
                then '180' end,
            case when oc2_rows.sdq_reason_code is not null and not oc2_rows.is_valid_sdq_reason
                then '196' end,
            case when oc2_rows.sdq_score is not null and oc2_rows.sdq_reason_code is not null
                then '197a' end,
            -- the 12-month cohort (is_looked_after_12_months) decides which items belong
            case when oc2_rows.sdq_score is not null and not oc2_rows.is_looked_after_12_months
                then '185' end,
            case when oc2_rows.sdq_reason_code is not null and not oc2_rows.is_looked_after_12_months
                then '198' end,
            case when not oc2_rows.is_looked_after_12_months
                    and (
                        oc2_rows.is_convicted is not null or oc2_rows.is_immunisations_up_to_date is not null
                        or oc2_rows.is_health_check_up_to_date is not null or oc2_rows.is_teeth_checked is not null
                        or oc2_rows.is_health_assessment_done is not null or oc2_rows.is_substance_misuse is not null
                        or oc2_rows.is_intervention_received is not null or oc2_rows.is_intervention_offered is not null
                    )
                then '190' end,
            case when oc2_rows.is_looked_after_12_months
                    and (
                        oc2_rows.is_immunisations_up_to_date is null or oc2_rows.is_teeth_checked is null
                        or oc2_rows.is_health_assessment_done is null or oc2_rows.is_substance_misuse is null
                    )
                then '191' end,
            case when oc2_rows.birth_date + interval 4 year <= oc2_rows.period_start
                    and oc2_rows.birth_date + interval 17 year > oc2_rows.period_end
                    and oc2_rows.is_looked_after_12_months
                    and oc2_rows.sdq_score is null and oc2_rows.sdq_reason_code is null
                then '186' end,
            case when oc2_rows.birth_date + interval 4 year > oc2_rows.period_end
                    and (oc2_rows.sdq_score is not null or oc2_rows.sdq_reason_code is not null)
                then '188' end,
            case when oc2_rows.birth_date + interval 17 year < oc2_rows.period_start
                    and (oc2_rows.sdq_score is not null or oc2_rows.sdq_reason_code is not null)
                then '189' end,
            case when oc2_rows.is_looked_after_12_months
                    and oc2_rows.birth_date + interval 4 year <= oc2_rows.period_start
                    and oc2_rows.birth_date + interval 16 year >= oc2_rows.period_end
                    and oc2_rows.sdq_score is null and oc2_rows.sdq_reason_code = 'SDQ1'
                then '157' end,
            case when oc2_rows.is_looked_after_12_months
                    and (
                        oc2_rows.birth_date + interval 4 year between oc2_rows.period_start and oc2_rows.period_end
                        or oc2_rows.birth_date + interval 17 year between oc2_rows.period_start and oc2_rows.period_end
                    )
                    and oc2_rows.sdq_score is null and oc2_rows.sdq_reason_code is null
                then '197B' end,
            case when oc2_rows.is_intervention_received and oc2_rows.is_intervention_offered is not null
                then '158' end,
            case when oc2_rows.is_substance_misuse and oc2_rows.is_intervention_received = false
                    and oc2_rows.is_intervention_offered is null
                then '159' end,
            case when oc2_rows.is_substance_misuse and oc2_rows.is_intervention_received is null
                then '192' end,
            case when not coalesce(oc2_rows.is_substance_misuse, false)
                    and (oc2_rows.is_intervention_received is not null or oc2_rows.is_intervention_offered is not null)
                then '193' end,
            -- convictions from age 10, health checks under 5 (ages at 31 March)
            case when oc2_rows.is_convicted is not null
                    and oc2_rows.birth_date + interval 10 year > oc2_rows.period_end
                then '542' end,
            case when oc2_rows.period_end > oc2_rows.birth_date + interval 10 year
                    and oc2_rows.is_looked_after_12_months and oc2_rows.is_convicted is null
                then '543' end,
            case when oc2_rows.is_convicted
                    and (
                        oc2_rows.is_immunisations_up_to_date is null or oc2_rows.is_teeth_checked is null
                        or oc2_rows.is_health_assessment_done is null or oc2_rows.is_substance_misuse is null
                    )
                then '544' end,
            case when oc2_rows.period_end < oc2_rows.birth_date + interval 5 year
                    and oc2_rows.is_looked_after_12_months and oc2_rows.is_health_check_up_to_date is null
                then '545' end,
            case when oc2_rows.is_health_check_up_to_date is not null and oc2_rows.is_looked_after_12_months
                    and oc2_rows.birth_date + interval 5 year <= oc2_rows.period_end
                then '546' end,
            case when oc2_rows.is_health_check_up_to_date
                    and (
                        oc2_rows.is_immunisations_up_to_date is null or oc2_rows.is_teeth_checked is null
                        or oc2_rows.is_health_assessment_done is null or oc2_rows.is_substance_misuse is null
                    )
                then '547' end,
            case when oc2_rows.has_oc3
                    and (
                        oc2_rows.is_convicted is not null or oc2_rows.is_health_check_up_to_date is not null
                        or oc2_rows.is_immunisations_up_to_date is not null or oc2_rows.is_teeth_checked is not null
                        or oc2_rows.is_health_assessment_done is not null or oc2_rows.is_substance_misuse is not null
                        or oc2_rows.is_intervention_received is not null or oc2_rows.is_intervention_offered is not null
                    )
                then '215' end
        ] as rule_checks
    from oc2_rows
),

flagged_oc2 as (
    select
        checked_oc2.collection_year,
        checked_oc2.child_id,
        checked_oc2.source_file,
        checked_oc2.source_line,
        unnest(list_filter(checked_oc2.rule_checks, broken -> broken is not null)) as rule_code
    from checked_oc2
),

checked_oc3 as (
    -- every rule is checked in one pass over the rows; a row keeps the codes it breaks
    select
        oc3_rows.collection_year,
        oc3_rows.child_id,
        oc3_rows.source_file,
        oc3_rows.source_line,
        [
            case when oc3_rows.in_touch_code is not null and not oc3_rows.is_valid_in_touch
                then '131' end,
            case when not oc3_rows.is_valid_activ
                then '132' end,
            case when not oc3_rows.is_valid_accom
                then '133' end,
            case when oc3_rows.has_oc3_data
                    and (oc3_rows.in_touch_code is null or oc3_rows.activ_code is null or oc3_rows.accom_code is null)
                then '153' end,
            case when oc3_rows.in_touch_code in ('DIED', 'RHOM')
                    and (oc3_rows.activ_code is distinct from '0' or oc3_rows.accom_code is distinct from '0')
                then '344' end,
            case when oc3_rows.accom_code in ('T1', 'T2')
                    and oc3_rows.birth_date + interval 18 year > oc3_rows.period_end
                then '347' end,
            case when oc3_rows.birth_date + interval 17 year > oc3_rows.period_end and oc3_rows.has_oc3_data
                then '391' end,
            -- staying put (Z) is not possible around the 17th birthday
            case when oc3_rows.accom_code in ('Z1', 'Z2')
                    and oc3_rows.birth_date + interval 17 year between oc3_rows.period_start and oc3_rows.period_end
                then '3001' end,
            case when oc3_rows.has_died_in_care and oc3_rows.has_oc3_data
                then '1000' end,
            case when oc3_rows.is_in_care_on_birthday and oc3_rows.has_oc3_data
                then '1007' end,
            case when oc3_rows.last_rec_code = 'E3' and oc3_rows.has_oc3_data
                then '1011' end,
            case when oc3_rows.is_looked_after_12_months and oc3_rows.has_oc3_data
                then '187' end,
            case when oc3_rows.has_oc2 and oc3_rows.has_oc3_data
                then '215' end
        ] as rule_checks
    from oc3_rows
),

flagged_oc3 as (
    select
        checked_oc3.collection_year,
        checked_oc3.child_id,
        checked_oc3.source_file,
        checked_oc3.source_line,
        unnest(list_filter(checked_oc3.rule_checks, broken -> broken is not null)) as rule_code
    from checked_oc3
)

select
    flagged_oc2.rule_code || ':' || flagged_oc2.collection_year || ':' || flagged_oc2.source_file || ':' || flagged_oc2.source_line as validation_row_id,
    flagged_oc2.rule_code,
    flagged_oc2.collection_year,
    'oc2' as table_name,
    flagged_oc2.child_id,
    flagged_oc2.source_file,
    flagged_oc2.source_line
from flagged_oc2
union all
select
    flagged_oc3.rule_code || ':' || flagged_oc3.collection_year || ':' || flagged_oc3.source_file || ':' || flagged_oc3.source_line as validation_row_id,
    flagged_oc3.rule_code,
    flagged_oc3.collection_year,
    'oc3' as table_name,
    flagged_oc3.child_id,
    flagged_oc3.source_file,
    flagged_oc3.source_line
from flagged_oc3
