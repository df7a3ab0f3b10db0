-- DfE 903 validation rules on the Episodes table of each return (docs/validation_rules.md).
-- One row per rule broken per episode row. Episodes are compared within one return, in
-- start-date order, as the DfE checks each return on its own.
with

episodes as (
    select * from {{ ref('stg_ssda903__episodes') }}
),

children as (
    select * from {{ ref('int_validation_children') }}
),

ls_codes as (
    select * from {{ ref('ssda903_ls_codes') }}
),

rne_codes as (
    select * from {{ ref('ssda903_rne_codes') }}
),

cin_codes as (
    select * from {{ ref('ssda903_cin_codes') }}
),

place_codes as (
    select * from {{ ref('ssda903_place_codes') }}
),

rec_codes as (
    select * from {{ ref('ssda903_rec_codes') }}
),

reason_place_change_codes as (
    select * from {{ ref('ssda903_reason_place_change_codes') }}
),

place_provider_codes as (
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
        place_codes.place_code is not null as is_valid_place,
        coalesce(place_codes.is_temporary, false) as is_temporary,
        -- Z1 and, from 2025-26, Z11-Z14 take no provider and no URN, like temporary moves
        episodes.place_code in ('Z1', 'Z11', 'Z12', 'Z13', 'Z14') as is_other_placement,
        row_number() over child_window as episode_seq,
        count(*) over (partition by episodes.collection_year, episodes.child_id) as episodes_count,
        lag(episodes.child_id) over child_window as previous_child_id,
        lag(episodes.episode_start_date) over child_window as previous_start_date,
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
        lead(episodes.place_code) over child_window as next_place_code
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
    -- one order when each starts the day the previous ended
    select
        with_codes.*,
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
),

runs as (
    select
        legal_status_runs.*,
        min(legal_status_runs.episode_start_date) over run_window as run_start_date,
        max(legal_status_runs.end_or_year_end_date) over run_window as run_end_date,
        sum(
            date_diff('day', legal_status_runs.episode_start_date, legal_status_runs.end_or_year_end_date)
        ) over run_window as run_days
    from legal_status_runs
    window run_window as (
        partition by legal_status_runs.collection_year, legal_status_runs.child_id,
            legal_status_runs.legal_status_run_seq
    )
),

child_totals as (
    select
        runs.*,
        -- respite days inside the collection year (rule 367)
        sum(
            case
                when runs.ls_code = 'V3' and runs.episode_start_date is not null
                    then greatest(
                        date_diff(
                            'day',
                            greatest(runs.episode_start_date, runs.period_start),
                            least(runs.end_or_year_end_date, runs.period_end)
                        ),
                        0
                    )
                else 0
            end
        ) over child_window as respite_days_in_year,
        count(case when runs.place_code = 'T3' then 1 end) over child_window as carer_holiday_moves,
        bool_or(runs.ls_code = 'V3') over child_window as has_v3,
        bool_or(runs.ls_code = 'V4') over child_window as has_v4,
        count(case when runs.rec_code in ('E11', 'E12') then 1 end) over (
            partition by runs.collection_year, runs.child_id
            order by runs.episode_seq
            rows between unbounded preceding and 1 preceding
        ) as earlier_adoptions
    from runs
    window child_window as (partition by runs.collection_year, runs.child_id)
),

eps as (
    select * from child_totals
),

flagged as (
    select '143' as rule_code, eps.* from eps where eps.rne_code is not null and eps.rne_code != '' and not eps.is_valid_rne
    union all
    select '144', eps.* from eps where eps.ls_code is not null and eps.ls_code != '' and not eps.is_valid_ls
    union all
    select '145', eps.* from eps where eps.cin_code is not null and eps.cin_code != '' and not eps.is_valid_cin
    union all
    select '146', eps.* from eps where eps.place_code is not null and eps.place_code != '' and not eps.is_valid_place
    union all
    select '147', eps.* from eps
    where nullif(trim(eps.episode_end_date_text), '') is not null and eps.episode_end_date is null
    union all
    select '148', eps.* from eps
    where (nullif(trim(eps.episode_end_date_text), '') is null) != (eps.rec_code is null)
    union all
    select '149', eps.* from eps where eps.rec_code is not null and not eps.is_valid_rec
    union all
    select '1009', eps.* from eps
    where eps.reason_place_change_code is not null and not eps.is_valid_reason_place_change
    union all
    -- every episode but the last must be closed
    select '142', eps.* from eps
    where eps.episode_seq < eps.episodes_count
        and eps.episode_start_date is not null
        and (nullif(trim(eps.episode_end_date_text), '') is null or eps.rec_code is null)
    union all
    select '178', eps.* from eps
    where eps.place_provider_code is not null
        and (not eps.is_valid_place_provider or eps.is_temporary or eps.is_other_placement)
    union all
    select '213', eps.* from eps
    where eps.place_provider_code is not null
        and (eps.is_temporary or (eps.collection_year >= 2026 and eps.is_other_placement))
    union all
    select '214', eps.* from eps
    where eps.ls_code in ('V3', 'V4') and (eps.placement_postcode is not null or eps.urn is not null)
    union all
    select '398', eps.* from eps
    where eps.ls_code in ('V3', 'V4') and (eps.placement_postcode is not null or eps.home_postcode is not null)
    union all
    -- no URN for these placement types; XXXXXXX is the code for "inspected by another body"
    select '222', eps.* from eps
    where eps.urn is not null and eps.urn != 'XXXXXXX'
        and (
            eps.place_code in ('P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4')
            or eps.is_other_placement
            or (eps.collection_year <= 2025 and eps.place_code = 'P2')
            or (eps.collection_year <= 2023 and eps.place_code = 'H5')
        )
    union all
    select '217', eps.* from eps
    where eps.place_code in ('A3', 'A5') and eps.episode_start_date >= date '2015-04-01'
        and eps.rne_code not in ('S', 'T', 'U')
    union all
    -- the reason for a placement change is recorded on the episode that ends
    select '225', eps.* from eps
    where eps.rec_code = 'X1' and eps.reason_place_change_code is null and not eps.is_temporary
        and eps.next_rne_code in ('P', 'B', 'T', 'U')
        and eps.next_place_code not in ('T0', 'T1', 'T2', 'T3', 'T4')
    union all
    select '226', eps.* from eps
    where eps.is_temporary
        and (eps.reason_place_change_code is not null or eps.previous_reason_place_change_code is not null)
    union all
    select '233', eps.* from eps
    where eps.reason_place_change_code is not null and eps.episode_end_date is null
        and nullif(trim(eps.episode_end_date_text), '') is null
    union all
    select '234', eps.* from eps
    where eps.reason_place_change_code = 'CUSTOD'
        and eps.birth_date + interval 10 year > eps.episode_end_date
    union all
    select '302', eps.* from eps
    where eps.episode_seq = 1 and eps.birth_date > eps.episode_start_date
    union all
    select '352', eps.* from eps
    where eps.rne_code = 'S' and eps.birth_date + interval 18 year <= eps.episode_start_date
    union all
    select '353', eps.* from eps where eps.episode_start_date < date '1991-10-14'
    union all
    select '354', eps.* from eps where eps.episode_start_date > eps.period_end
    union all
    select '355', eps.* from eps where eps.episode_start_date = eps.episode_end_date
    union all
    select '356', eps.* from eps where eps.episode_end_date < eps.episode_start_date
    union all
    select '357', eps.* from eps
    where eps.episode_seq = 1 and eps.episode_start_date >= eps.period_start
        and eps.rne_code is distinct from 'S'
    union all
    select '358', eps.* from eps
    where eps.ls_code in ('J1', 'J2', 'J3') and eps.birth_date + interval 10 year >= eps.episode_start_date
    union all
    select '359', eps.* from eps
    where eps.birth_date + interval 18 year < eps.period_end
        and nullif(trim(eps.episode_end_date_text), '') is null
        and not (eps.ls_code = 'V2' and eps.place_code = 'K2')
    union all
    select '361', eps.* from eps
    where eps.ls_code = 'L1' and date_diff('day', eps.run_start_date, eps.run_end_date) > 3
    union all
    select '362', eps.* from eps
    where eps.ls_code = 'L2' and date_diff('day', eps.run_start_date, eps.run_end_date) > 21
    union all
    select '363', eps.* from eps where eps.ls_code = 'L3' and eps.run_days > 7
    union all
    select '364', eps.* from eps where eps.ls_code = 'J2' and eps.run_days > 21
    union all
    select '365', eps.* from eps
    where eps.ls_code = 'V3' and eps.end_or_year_end_date > eps.episode_start_date + interval 17 day
    union all
    select '366', eps.* from eps where eps.ls_code = 'V3' and eps.rne_code is distinct from 'S'
    union all
    select '367', eps.* from eps
    where eps.ls_code = 'V3' and eps.respite_days_in_year > 75
        and least(eps.end_or_year_end_date, eps.period_end) > greatest(eps.episode_start_date, eps.period_start)
    union all
    -- minimum ages by placement, on closed episodes as the DfE checks them
    select '370', eps.* from eps
    where eps.place_code = 'P2' and eps.episode_end_date is not null
        and eps.episode_start_date < eps.birth_date + interval 15 year
    union all
    select '371', eps.* from eps
    where eps.place_code = 'H5' and eps.episode_end_date is not null
        and eps.episode_start_date < eps.birth_date + interval 14 year
    union all
    select '372', eps.* from eps
    where eps.place_code = 'R5' and eps.episode_end_date is not null
        and eps.episode_start_date < eps.birth_date + interval 10 year
    union all
    select '373', eps.* from eps
    where eps.place_code = 'S1' and eps.episode_end_date is not null
        and eps.episode_start_date < eps.birth_date + interval 4 year
    union all
    select '374', eps.* from eps
    where eps.place_code = 'P3' and eps.episode_end_date is not null
        and eps.episode_start_date < eps.birth_date + interval 14 year
    union all
    -- longest temporary moves: hospital 6 weeks, carer's holiday 3 weeks, other 7 days
    select '375', eps.* from eps
    where eps.place_code = 'T1' and eps.birth_date is not null
        and eps.episode_end_date > eps.episode_start_date + interval 42 day
    union all
    select '376', eps.* from eps
    where eps.place_code = 'T3' and eps.birth_date is not null
        and eps.episode_end_date > eps.episode_start_date + interval 21 day
    union all
    select '377', eps.* from eps where eps.place_code = 'T3' and eps.carer_holiday_moves > 2
    union all
    select '378', eps.* from eps where eps.place_code = 'P1' and eps.ls_code = 'V2'
    union all
    select '379', eps.* from eps
    where eps.place_code = 'T4' and eps.birth_date is not null
        and eps.episode_end_date > eps.episode_start_date + interval 7 day
    union all
    select '380', eps.* from eps where eps.is_temporary and eps.rne_code not in ('P', 'B')
    union all
    select '381', eps.* from eps where eps.is_temporary and eps.rec_code != 'X1'
    union all
    select '382', eps.* from eps where eps.ls_code in ('V3', 'V4') and eps.is_temporary
    union all
    -- after a temporary move the child returns to the placement it left
    select '383', eps.* from eps
    where eps.previous_place_code in ('T0', 'T1', 'T2', 'T3', 'T4') and eps.episode_seq >= 3
        and (eps.rne_code is distinct from 'P' or eps.place_code is distinct from eps.second_previous_place_code)
    union all
    select '384', eps.* from eps where eps.ls_code in ('V3', 'V4') and eps.place_code in ('U1', 'U4')
    union all
    select '385', eps.* from eps where eps.episode_end_date > eps.period_end
    union all
    select '386', eps.* from eps
    where eps.rec_code in ('E11', 'E12') and eps.birth_date + interval 18 year <= eps.episode_end_date
    union all
    select '387', eps.* from eps
    where eps.rec_code in ('E5', 'E6') and eps.episode_end_date is not null
        and not coalesce(eps.birth_date + interval 14 year <= eps.episode_end_date, false)
    union all
    select '388', eps.* from eps
    where (
        eps.episode_seq < eps.episodes_count
        and eps.episode_end_date is not null
        and eps.next_start_date is not null
        and (
            (eps.rec_code = 'X1' and eps.episode_end_date != eps.next_start_date)
            or (eps.rec_code != 'X1' and eps.episode_end_date = eps.next_start_date)
        )
    )
    or (eps.episode_seq = eps.episodes_count and eps.episode_end_date is not null and eps.rec_code = 'X1')
    union all
    select '389', eps.* from eps
    where eps.rec_code = 'E7'
        and not coalesce(eps.birth_date + interval 16 year <= eps.episode_end_date, false)
    union all
    select '390', eps.* from eps
    where eps.rec_code in ('E11', 'E12') and eps.place_code not in ('A3', 'A4', 'A5', 'A6')
    union all
    select '392b', eps.* from eps
    where eps.ls_code not in ('V3', 'V4') and not eps.is_uasc
        and (eps.home_postcode is null or eps.placement_postcode is null)
    union all
    select '408', eps.* from eps where eps.place_code in ('A5', 'A6') and eps.ls_code is distinct from 'E1'
    union all
    select '426', eps.* from eps where eps.ls_code in ('V3', 'V4') and eps.has_v3 and eps.has_v4
    union all
    select '431', eps.* from eps
    where eps.rne_code = 'S' and eps.episode_seq > 1 and eps.episode_start_date <= eps.previous_end_date
    union all
    select '432', eps.* from eps
    where eps.episode_seq > 1 and eps.previous_rec_ends_care and eps.rne_code is distinct from 'S'
    union all
    select '433', eps.* from eps
    where eps.episode_seq > 1 and eps.rne_code in ('P', 'L', 'T', 'U', 'B')
        and eps.previous_end_date is distinct from eps.episode_start_date
    union all
    -- RNE must match what changed: L legal status only, P/T placement only, B/U both
    select '434', eps.* from eps
    where eps.episode_seq > 1 and eps.rne_code = 'L'
        and (
            eps.ls_code = eps.previous_ls_code
            or coalesce(eps.place_code, '') != coalesce(eps.previous_place_code, '')
            or coalesce(eps.placement_postcode, '') != coalesce(eps.previous_placement_postcode, '')
            or coalesce(eps.urn, '') != coalesce(eps.previous_urn, '')
            or coalesce(eps.place_provider_code, '') != coalesce(eps.previous_place_provider_code, '')
        )
    union all
    select '435', eps.* from eps
    where eps.episode_seq > 1 and eps.rne_code in ('P', 'T')
        and (
            eps.ls_code is distinct from eps.previous_ls_code
            or (
                eps.place_code = eps.previous_place_code
                and eps.placement_postcode = eps.previous_placement_postcode
                and eps.urn = eps.previous_urn
                and eps.place_provider_code = eps.previous_place_provider_code
            )
        )
    union all
    select '436', eps.* from eps
    where eps.episode_seq > 1 and eps.rne_code in ('B', 'U')
        and (
            coalesce(eps.ls_code, '*') = coalesce(eps.previous_ls_code, '*')
            or (
                coalesce(eps.place_code, '*') = coalesce(eps.previous_place_code, '*')
                and coalesce(eps.placement_postcode, '*') = coalesce(eps.previous_placement_postcode, '*')
                and coalesce(eps.urn, '*') = coalesce(eps.previous_urn, '*')
                and coalesce(eps.place_provider_code, '*') = coalesce(eps.previous_place_provider_code, '*')
            )
        )
    union all
    select '437', eps.* from eps
    where eps.rec_code in ('E2', 'E15') and eps.episode_seq < eps.episodes_count
        and eps.episode_start_date is not null
    union all
    -- freeing orders ended in December 2005, when placement orders began
    select '445', eps.* from eps where eps.ls_code = 'D1' and eps.episode_start_date > date '2005-12-30'
    union all
    select '446', eps.* from eps where eps.ls_code = 'E1' and eps.episode_start_date < date '2005-12-29'
    union all
    select '501', eps.* from eps
    where eps.episode_seq > 1 and eps.episode_start_date < eps.previous_end_date
    union all
    select '504', eps.* from eps
    where eps.episode_seq > 1 and eps.previous_rec_code = 'X1'
        and eps.previous_end_date = eps.episode_start_date
        and eps.cin_code is distinct from eps.previous_cin_code
    union all
    select '199', eps.* from eps where eps.earlier_adoptions > 0
    union all
    -- which providers can run which placements (data_standards.md §15)
    select '527', eps.* from eps where eps.place_provider_code = 'PR1' and eps.place_code in ('P1', 'R2', 'R5')
    union all
    select '528', eps.* from eps where eps.place_provider_code = 'PR2' and eps.place_code in ('P1', 'R2', 'R5')
    union all
    select '529', eps.* from eps
    where eps.place_provider_code = 'PR3'
        and eps.place_code in (
            'P1', 'A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'
        )
    union all
    select '530', eps.* from eps where eps.place_provider_code = 'PR4' and eps.place_code = 'P1'
    union all
    select '531', eps.* from eps where eps.place_provider_code = 'PR5' and eps.place_code = 'P1'
    union all
    select '550', eps.* from eps where eps.place_provider_code = 'PR0' and eps.place_code != 'P1'
    union all
    select 'INT03', eps.* from eps where not eps.is_in_header
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
