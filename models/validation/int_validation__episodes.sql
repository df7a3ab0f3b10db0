-- DfE 903 validation rules on the Episodes table of each return (docs/validation_rules.md).
-- One row per rule broken per episode row. Episodes are compared within one return, in
-- start-date order, as the DfE checks each return on its own.
with

episodes as not materialized (
    select * from {{ ref('stg_ssda903__episodes') }}
),

children as not materialized (
    select * from {{ ref('int_validation_children') }}
),

ls_codes as not materialized (
    select * from {{ ref('ssda903_ls_codes') }}
),

rne_codes as not materialized (
    select * from {{ ref('ssda903_rne_codes') }}
),

cin_codes as not materialized (
    select * from {{ ref('ssda903_cin_codes') }}
),

place_codes as not materialized (
    select * from {{ ref('ssda903_place_codes') }}
),

rec_codes as not materialized (
    select * from {{ ref('ssda903_rec_codes') }}
),

reason_place_change_codes as not materialized (
    select * from {{ ref('ssda903_reason_place_change_codes') }}
),

place_provider_codes as not materialized (
    select * from {{ ref('ssda903_place_provider_codes') }}
),

ordered as (
    select
        episodes.*,
        children.period_start,
        children.period_end,
        children.birth_date,
        children.is_uasc,
        children.is_in_header,
        children.is_looked_after_12_months,
        children.has_oc2_row,
        children.is_oc2_returned,
        place_codes.place_code is not null as is_valid_place,
        coalesce(place_codes.is_temporary, false) as is_temporary,
        -- Z1 and, from 2025-26, Z11-Z14 take no provider and no URN, like temporary moves
        episodes.place_code in ('Z1', 'Z11', 'Z12', 'Z13', 'Z14') as is_other_placement,
        row_number() over child_window as episode_seq,
        children.episodes_count,
        lag(episodes.episode_end_date) over child_window as previous_end_date,
        lag(episodes.rec_code) over child_window as previous_rec_code,
        lag(episodes.ls_code) over child_window as previous_ls_code,
        lag(episodes.cin_code) over child_window as previous_cin_code,
        lag(episodes.place_code) over child_window as previous_place_code,
        lag(episodes.place_provider_code) over child_window as previous_place_provider_code,
        lag(episodes.placement_postcode) over child_window as previous_placement_postcode,
        lag(episodes.urn) over child_window as previous_urn,
        lag(episodes.reason_place_change_code) over child_window as previous_reason_place_change_code,
        lag(episodes.place_code, 2) over child_window as second_previous_place_code,
        lead(episodes.episode_start_date) over child_window as next_start_date,
        lead(episodes.rne_code) over child_window as next_rne_code,
        lead(episodes.place_code) over child_window as next_place_code,
        count(case when episodes.rec_code in ('E11', 'E12') then 1 end) over (
            child_window rows between unbounded preceding and 1 preceding
        ) as earlier_adoptions
    from episodes
    inner join children
        on episodes.collection_year = children.collection_year
        and episodes.child_id = children.child_id
    left join place_codes
        on episodes.place_code = place_codes.place_code
        and episodes.collection_year between place_codes.first_collection_year
            and place_codes.last_collection_year
    window child_window as (
        partition by episodes.collection_year, episodes.child_id
        order by episodes.episode_start_date nulls first, episodes.source_line
    )
),

with_codes as (
    select
        ordered.*,
        coalesce(ordered.episode_end_date, ordered.period_end) as end_or_year_end_date,
        rne_codes.rne_code is not null as is_valid_rne,
        ls_codes.ls_code is not null as is_valid_ls,
        cin_codes.cin_code is not null as is_valid_cin,
        rec_codes.rec_code is not null as is_valid_rec,
        coalesce(rec_codes.ends_period_of_care, false) as is_care_ending_rec,
        previous_rec_codes.ends_period_of_care as previous_rec_ends_care,
        reason_place_change_codes.reason_place_change_code is not null as is_valid_reason_place_change,
        place_provider_codes.place_provider_code is not null as is_valid_place_provider
    from ordered
    left join rne_codes
        on ordered.rne_code = rne_codes.rne_code
    left join ls_codes
        on ordered.ls_code = ls_codes.ls_code
    left join cin_codes
        on ordered.cin_code = cin_codes.cin_code
    left join rec_codes
        on ordered.rec_code = rec_codes.rec_code
    left join rec_codes as previous_rec_codes
        on ordered.previous_rec_code = previous_rec_codes.rec_code
    left join reason_place_change_codes
        on ordered.reason_place_change_code = reason_place_change_codes.reason_place_change_code
    left join place_provider_codes
        on ordered.place_provider_code = place_provider_codes.place_provider_code
),

legal_status_runs as (
    -- consecutive episodes under one short-term order (L1 police protection, L2 EPO) form
    -- one order when each starts the day the previous ended. Only the orders with a time limit
    -- (rules 361-364) and only the columns their runs need: a window sorts what it carries.
    -- An episode of another status in between starts a new run through its previous_* values.
    select
        with_codes.collection_year,
        with_codes.child_id,
        with_codes.episode_seq,
        with_codes.episode_start_date,
        with_codes.end_or_year_end_date,
        sum(
            case
                when with_codes.previous_ls_code = with_codes.ls_code
                    and with_codes.previous_end_date = with_codes.episode_start_date then 0
                else 1
            end
        ) over (
            partition by with_codes.collection_year, with_codes.child_id
            order by with_codes.episode_seq
            rows between unbounded preceding and current row
        ) as legal_status_run_seq
    from with_codes
    where with_codes.ls_code in ('L1', 'L2', 'L3', 'J2')
),

runs as (
    select
        legal_status_runs.collection_year,
        legal_status_runs.child_id,
        legal_status_runs.legal_status_run_seq,
        min(legal_status_runs.episode_start_date) as run_start_date,
        max(legal_status_runs.end_or_year_end_date) as run_end_date,
        sum(
            date_diff('day', legal_status_runs.episode_start_date, legal_status_runs.end_or_year_end_date)
        ) as run_days
    from legal_status_runs
    group by all
),

child_totals as (
    select
        with_codes.collection_year,
        with_codes.child_id,
        -- respite days inside the collection year (rule 367)
        sum(
            case
                when with_codes.ls_code = 'V3' and with_codes.episode_start_date is not null
                    then greatest(
                        date_diff(
                            'day',
                            greatest(with_codes.episode_start_date, with_codes.period_start),
                            least(with_codes.end_or_year_end_date, with_codes.period_end)
                        ),
                        0
                    )
                else 0
            end
        ) as respite_days_in_year,
        count(case when with_codes.place_code = 'T3' then 1 end) as carer_holiday_moves,
        bool_or(with_codes.ls_code = 'V3') as has_v3,
        bool_or(with_codes.ls_code = 'V4') as has_v4
    from with_codes
    group by all
),

episode_runs as (
    select
        legal_status_runs.collection_year,
        legal_status_runs.child_id,
        legal_status_runs.episode_seq,
        runs.run_start_date,
        runs.run_end_date,
        runs.run_days
    from legal_status_runs
    inner join runs
        on legal_status_runs.collection_year = runs.collection_year
        and legal_status_runs.child_id = runs.child_id
        and legal_status_runs.legal_status_run_seq = runs.legal_status_run_seq
),

eps as (
    select
        with_codes.*,
        episode_runs.run_start_date,
        episode_runs.run_end_date,
        episode_runs.run_days,
        child_totals.respite_days_in_year,
        child_totals.carer_holiday_moves,
        child_totals.has_v3,
        child_totals.has_v4
    from with_codes
    left join episode_runs
        on with_codes.collection_year = episode_runs.collection_year
        and with_codes.child_id = episode_runs.child_id
        and with_codes.episode_seq = episode_runs.episode_seq
    inner join child_totals
        on with_codes.collection_year = child_totals.collection_year
        and with_codes.child_id = child_totals.child_id
),

checked as (
    -- every rule is checked in one pass over the rows; a row keeps the codes it breaks
    select
        eps.collection_year,
        eps.child_id,
        eps.source_file,
        eps.source_line,
        [
            case when eps.rne_code is not null and eps.rne_code != '' and not eps.is_valid_rne
                then '143' end,
            case when eps.ls_code is not null and eps.ls_code != '' and not eps.is_valid_ls
                then '144' end,
            case when eps.cin_code is not null and eps.cin_code != '' and not eps.is_valid_cin
                then '145' end,
            case when eps.place_code is not null and eps.place_code != '' and not eps.is_valid_place
                then '146' end,
            case when nullif(trim(eps.episode_end_date_text), '') is not null and eps.episode_end_date is null
                then '147' end,
            case when (nullif(trim(eps.episode_end_date_text), '') is null) != (eps.rec_code is null)
                then '148' end,
            case when eps.rec_code is not null and not eps.is_valid_rec
                then '149' end,
            case when eps.reason_place_change_code is not null and not eps.is_valid_reason_place_change
                then '1009' end,
            -- every episode but the last must be closed
            case when eps.episode_seq < eps.episodes_count
                    and eps.episode_start_date is not null
                    and (eps.episode_end_date is null or eps.rec_code is null)
                then '142' end,
            case when eps.place_provider_code is not null
                    and (not eps.is_valid_place_provider or eps.is_temporary or eps.is_other_placement)
                then '178' end,
            case when eps.place_provider_code is not null
                    and (eps.is_temporary or (eps.collection_year >= 2026 and eps.is_other_placement))
                then '213' end,
            case when eps.ls_code in ('V3', 'V4') and (eps.placement_postcode is not null or eps.urn is not null)
                then '214' end,
            case when eps.ls_code in ('V3', 'V4') and (eps.placement_postcode is not null or eps.home_postcode is not null)
                then '398' end,
            -- no URN for these placement types; XXXXXXX is the code for "inspected by another body"
            case when eps.urn is not null and eps.urn != 'XXXXXXX'
                    and (
                        eps.place_code in ('P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4')
                        or eps.is_other_placement
                        or (eps.collection_year <= 2025 and eps.place_code = 'P2')
                        or (eps.collection_year <= 2023 and eps.place_code = 'H5')
                    )
                then '222' end,
            case when eps.place_code in ('A3', 'A5') and eps.episode_start_date >= date '2015-04-01'
                    and eps.rne_code not in ('S', 'T', 'U')
                then '217' end,
            -- the reason for a placement change is recorded on the episode that ends
            case when eps.rec_code = 'X1' and eps.reason_place_change_code is null and not eps.is_temporary
                    and eps.next_rne_code in ('P', 'B', 'T', 'U')
                    and eps.next_place_code not in ('T0', 'T1', 'T2', 'T3', 'T4')
                then '225' end,
            case when eps.is_temporary
                    and (eps.reason_place_change_code is not null or eps.previous_reason_place_change_code is not null)
                then '226' end,
            case when eps.reason_place_change_code is not null and eps.episode_end_date is null
                    and nullif(trim(eps.episode_end_date_text), '') is null
                then '233' end,
            case when eps.reason_place_change_code = 'CUSTOD'
                    and eps.birth_date + interval 10 year > eps.episode_end_date
                then '234' end,
            case when eps.episode_seq = 1 and eps.birth_date > eps.episode_start_date
                then '302' end,
            case when eps.rne_code = 'S' and eps.birth_date + interval 18 year <= eps.episode_start_date
                then '352' end,
            case when eps.episode_start_date < date '1991-10-14'
                then '353' end,
            case when eps.episode_start_date > eps.period_end
                then '354' end,
            case when eps.episode_start_date = eps.episode_end_date
                then '355' end,
            case when eps.episode_end_date < eps.episode_start_date
                then '356' end,
            case when eps.episode_seq = 1 and eps.episode_start_date >= eps.period_start
                    and eps.rne_code is distinct from 'S'
                then '357' end,
            case when eps.ls_code in ('J1', 'J2', 'J3') and eps.birth_date + interval 10 year >= eps.episode_start_date
                then '358' end,
            case when eps.birth_date + interval 18 year < eps.period_end
                    and nullif(trim(eps.episode_end_date_text), '') is null
                    and not (eps.ls_code = 'V2' and eps.place_code = 'K2')
                then '359' end,
            case when eps.ls_code = 'L1' and date_diff('day', eps.run_start_date, eps.run_end_date) > 3
                then '361' end,
            case when eps.ls_code = 'L2' and date_diff('day', eps.run_start_date, eps.run_end_date) > 21
                then '362' end,
            case when eps.ls_code = 'L3' and eps.run_days > 7
                then '363' end,
            case when eps.ls_code = 'J2' and eps.run_days > 21
                then '364' end,
            case when eps.ls_code = 'V3' and eps.end_or_year_end_date > eps.episode_start_date + interval 17 day
                then '365' end,
            case when eps.ls_code = 'V3' and eps.rne_code is distinct from 'S'
                then '366' end,
            case when eps.ls_code = 'V3' and eps.respite_days_in_year > 75
                    and least(eps.end_or_year_end_date, eps.period_end) > greatest(eps.episode_start_date, eps.period_start)
                then '367' end,
            -- minimum ages by placement, on closed episodes as the DfE checks them
            -- (DfE rulesets: P2 at 15 and H5 at 14 to 2022-23; both at 16 in 2023-24; from
            -- 2024-25 rule 371 is about K3, supported accommodation, at 16)
            case when eps.place_code = 'P2' and eps.episode_end_date is not null
                    and eps.episode_start_date < eps.birth_date
                        + to_years(case when eps.collection_year <= 2023 then 15 else 16 end)
                then '370' end,
            case when eps.place_code = case when eps.collection_year <= 2024 then 'H5' else 'K3' end
                    and eps.episode_end_date is not null
                    and eps.episode_start_date < eps.birth_date
                        + to_years(case when eps.collection_year <= 2023 then 14 else 16 end)
                then '371' end,
            case when eps.place_code = 'R5' and eps.episode_end_date is not null
                    and eps.episode_start_date < eps.birth_date + interval 10 year
                then '372' end,
            case when eps.place_code = 'S1' and eps.episode_end_date is not null
                    and eps.episode_start_date < eps.birth_date + interval 4 year
                then '373' end,
            case when eps.place_code = 'P3' and eps.episode_end_date is not null
                    and eps.episode_start_date < eps.birth_date + interval 14 year
                then '374' end,
            -- longest temporary moves: hospital 6 weeks, carer's holiday 3 weeks, other 7 days
            case when eps.place_code = 'T1' and eps.birth_date is not null
                    and eps.episode_end_date > eps.episode_start_date + interval 42 day
                then '375' end,
            case when eps.place_code = 'T3' and eps.birth_date is not null
                    and eps.episode_end_date > eps.episode_start_date + interval 21 day
                then '376' end,
            case when eps.place_code = 'T3' and eps.carer_holiday_moves > 2
                then '377' end,
            case when eps.place_code = 'P1' and eps.ls_code = 'V2'
                then '378' end,
            case when eps.place_code = 'T4' and eps.birth_date is not null
                    and eps.episode_end_date > eps.episode_start_date + interval 7 day
                then '379' end,
            case when eps.is_temporary and eps.rne_code not in ('P', 'B')
                then '380' end,
            case when eps.is_temporary and eps.rec_code != 'X1'
                then '381' end,
            case when eps.ls_code in ('V3', 'V4') and eps.is_temporary
                then '382' end,
            -- after a temporary move the child returns to the placement it left
            case when eps.previous_place_code in ('T0', 'T1', 'T2', 'T3', 'T4') and eps.episode_seq >= 3
                    and (eps.rne_code is distinct from 'P' or eps.place_code is distinct from eps.second_previous_place_code)
                then '383' end,
            case when eps.ls_code in ('V3', 'V4') and eps.place_code in ('U1', 'U4')
                then '384' end,
            case when eps.episode_end_date > eps.period_end
                then '385' end,
            case when eps.rec_code in ('E11', 'E12') and eps.birth_date + interval 18 year <= eps.episode_end_date
                then '386' end,
            case when eps.rec_code in ('E5', 'E6') and eps.episode_end_date is not null
                    and not coalesce(eps.birth_date + interval 14 year <= eps.episode_end_date, false)
                then '387' end,
            case when (
                    eps.episode_seq < eps.episodes_count
                    and eps.episode_end_date is not null
                    and eps.next_start_date is not null
                    and (
                        (eps.rec_code = 'X1' and eps.episode_end_date != eps.next_start_date)
                        or (eps.rec_code != 'X1' and eps.episode_end_date = eps.next_start_date)
                    )
                )
                or (eps.episode_seq = eps.episodes_count and eps.episode_end_date is not null and eps.rec_code = 'X1')
                then '388' end,
            case when eps.rec_code = 'E7'
                    and not coalesce(eps.birth_date + interval 16 year <= eps.episode_end_date, false)
                then '389' end,
            case when eps.rec_code in ('E11', 'E12') and eps.place_code not in ('A3', 'A4', 'A5', 'A6')
                then '390' end,
            case when eps.ls_code not in ('V3', 'V4') and not eps.is_uasc
                    and (eps.home_postcode is null or eps.placement_postcode is null)
                then '392b' end,
            case when eps.place_code in ('A5', 'A6') and eps.ls_code is distinct from 'E1'
                then '408' end,
            -- a placement for adoption with consent follows a foster or adoptive placement
            case when eps.place_code in ('A3', 'A4') and eps.episode_seq > 1
                    and coalesce(eps.previous_place_code, '') not in (
                        'A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'
                    )
                then '336' end,
            case when eps.ls_code in ('V3', 'V4') and eps.has_v3 and eps.has_v4
                then '426' end,
            case when eps.rne_code = 'S' and eps.episode_seq > 1 and eps.episode_start_date <= eps.previous_end_date
                then '431' end,
            case when eps.episode_seq > 1 and eps.previous_rec_ends_care and eps.rne_code is distinct from 'S'
                then '432' end,
            case when eps.episode_seq > 1 and eps.rne_code in ('P', 'L', 'T', 'U', 'B')
                    and eps.previous_end_date is distinct from eps.episode_start_date
                then '433' end,
            -- RNE must match what changed: L legal status only, P/T placement only, B/U both
            case when eps.episode_seq > 1 and eps.rne_code = 'L'
                    and (
                        eps.ls_code = eps.previous_ls_code
                        or coalesce(eps.place_code, '') != coalesce(eps.previous_place_code, '')
                        or coalesce(eps.placement_postcode, '') != coalesce(eps.previous_placement_postcode, '')
                        or coalesce(eps.urn, '') != coalesce(eps.previous_urn, '')
                        or coalesce(eps.place_provider_code, '') != coalesce(eps.previous_place_provider_code, '')
                    )
                then '434' end,
            case when eps.episode_seq > 1 and eps.rne_code in ('P', 'T')
                    and (
                        eps.ls_code is distinct from eps.previous_ls_code
                        or (
                            eps.place_code = eps.previous_place_code
                            and eps.placement_postcode = eps.previous_placement_postcode
                            and eps.urn = eps.previous_urn
                            and eps.place_provider_code = eps.previous_place_provider_code
                        )
                    )
                then '435' end,
            case when eps.episode_seq > 1 and eps.rne_code in ('B', 'U')
                    and (
                        coalesce(eps.ls_code, '*') = coalesce(eps.previous_ls_code, '*')
                        or (
                            coalesce(eps.place_code, '*') = coalesce(eps.previous_place_code, '*')
                            and coalesce(eps.placement_postcode, '*') = coalesce(eps.previous_placement_postcode, '*')
                            and coalesce(eps.urn, '*') = coalesce(eps.previous_urn, '*')
                            and coalesce(eps.place_provider_code, '*') = coalesce(eps.previous_place_provider_code, '*')
                        )
                    )
                then '436' end,
            case when eps.rec_code in ('E2', 'E15') and eps.episode_seq < eps.episodes_count
                    and eps.episode_start_date is not null
                then '437' end,
            -- freeing orders ended in December 2005, when placement orders began
            case when eps.ls_code = 'D1' and eps.episode_start_date > date '2005-12-30'
                then '445' end,
            case when eps.ls_code = 'E1' and eps.episode_start_date < date '2005-12-29'
                then '446' end,
            case when eps.episode_seq > 1 and eps.episode_start_date < eps.previous_end_date
                then '501' end,
            case when eps.episode_seq > 1 and eps.previous_rec_code = 'X1'
                    and eps.previous_end_date = eps.episode_start_date
                    and eps.cin_code is distinct from eps.previous_cin_code
                then '504' end,
            case when eps.earlier_adoptions > 0
                then '199' end,
            -- which providers can run which placements (data_standards.md §15)
            case when eps.place_provider_code = 'PR1' and eps.place_code in ('P1', 'R2', 'R5')
                then '527' end,
            case when eps.place_provider_code = 'PR2' and eps.place_code in ('P1', 'R2', 'R5')
                then '528' end,
            case when eps.place_provider_code = 'PR3'
                    and eps.place_code in (
                        'P1', 'A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'
                    )
                then '529' end,
            case when eps.place_provider_code = 'PR4' and eps.place_code = 'P1'
                then '530' end,
            case when eps.place_provider_code = 'PR5' and eps.place_code = 'P1'
                then '531' end,
            case when eps.place_provider_code = 'PR0' and eps.place_code != 'P1'
                then '550' end,
            case when not eps.is_in_header
                then 'INT03' end,
            -- a child looked after for 12 months with no OC2 row at all, on their first episode
            -- (the OC2 side of rule 191 is in int_validation__outcomes)
            case when eps.episode_seq = 1 and eps.is_looked_after_12_months
                    and not eps.has_oc2_row and eps.is_oc2_returned
                then '191' end
        ] as rule_checks
    from eps
),

flagged as (
    select
        checked.collection_year,
        checked.child_id,
        checked.source_file,
        checked.source_line,
        unnest(list_filter(checked.rule_checks, broken -> broken is not null)) as rule_code
    from checked
)

select
    flagged.rule_code || ':' || flagged.collection_year || ':' || flagged.source_file || ':' || flagged.source_line as validation_row_id,
    flagged.rule_code,
    flagged.collection_year,
    'episodes' as table_name,
    flagged.child_id,
    flagged.source_file,
    flagged.source_line
from flagged
