with

arrangements as not materialized (
    select * from {{ ref('stg_local__cpw_parent_child_arrangements') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

history as (
    select
        min(collection_years.period_start) as history_start_date,
        max(collection_years.period_end) as history_end_date
    from collection_years
),

latest as (
    -- an arrangement open at 31 March is listed again, perhaps ended, the next year
    select arrangements.*
    from arrangements
    where arrangements.arrangement_start_date is not null
    qualify row_number() over (
        partition by arrangements.arrangement_id order by arrangements.collection_year desc
    ) = 1
),

household_overlaps as (
    -- local policy: one parent-and-child arrangement per fostering household at a time
    select
        latest.arrangement_id,
        count(other.arrangement_id) as overlapping_count
    from latest
    left join latest as other
        on latest.fostering_household_id = other.fostering_household_id
        and latest.arrangement_id <> other.arrangement_id
        and other.arrangement_start_date <= coalesce(latest.arrangement_end_date, date '9999-12-31')
        and latest.arrangement_start_date <= coalesce(other.arrangement_end_date, date '9999-12-31')
    group by latest.arrangement_id
),

checked as (
    select
        latest.arrangement_id,
        latest.child_id,
        latest.arrangement_start_date,
        latest.risk_assessment_date,
        coalesce(latest.risk_assessment_date < latest.arrangement_start_date, false)
            as is_risk_assessed_before_start,
        household_overlaps.overlapping_count = 0 as is_only_arrangement_in_household,
        -- two approved carers are needed only where other foster children live there
        not coalesce(latest.has_other_foster_children, false)
            or coalesce(latest.approved_carers_count, 0) >= 2 as is_carer_count_sufficient,
        -- a looked-after young woman who is pregnant has a pre-birth assessment
        latest.arrangement_type <> 'Looked-after parent with own child'
            or latest.pre_birth_assessment_date is not null as is_pre_birth_assessed,
        -- a planned ending is checked once the arrangement has ended
        latest.arrangement_end_date is null
            or coalesce(latest.is_planned_ending_recorded, false) as is_ending_planned
    from latest
    inner join household_overlaps
        on latest.arrangement_id = household_overlaps.arrangement_id
),

counted as (
    select
        checked.*,
        (case when checked.is_risk_assessed_before_start then 0 else 1 end)
        + (case when checked.is_only_arrangement_in_household then 0 else 1 end)
        + (case when checked.is_carer_count_sufficient then 0 else 1 end)
        + (case when checked.is_pre_birth_assessed then 0 else 1 end)
        + (case when checked.is_ending_planned then 0 else 1 end) as breaches_count
    from checked
)

-- one row per arrangement, in the year it started (or the first loaded year, if earlier);
-- the numerator holds arrangements meeting every check, observed_value counts breaches
select
    'PLC-04:' || counted.arrangement_id as child_measure_id,
    counted.child_id,
    'PLC-04' as measure_id,
    collection_years.collection_year,
    counted.arrangement_start_date as event_date,
    counted.arrangement_start_date as due_date,
    counted.risk_assessment_date as met_date,
    cast(counted.breaches_count as double) as observed_value,
    true as is_in_denominator,
    counted.breaches_count = 0 as is_in_numerator,
    case
        when counted.breaches_count = 0 then 'all checks met'
        else 'breach:' || concat_ws(
            ';',
            case when not counted.is_risk_assessed_before_start then ' risk assessment not before start' end,
            case when not counted.is_only_arrangement_in_household then ' another arrangement in the household' end,
            case when not counted.is_carer_count_sufficient then ' one carer with other foster children' end,
            case when not counted.is_pre_birth_assessed then ' no pre-birth assessment' end,
            case when not counted.is_ending_planned then ' no planned ending' end
        )
    end as status
from counted
cross join history
inner join collection_years
    on {{ collection_year_of('greatest(counted.arrangement_start_date, history.history_start_date)') }}
        = collection_years.collection_year
where counted.arrangement_start_date <= history.history_end_date
    and {{ is_extract_returned('PLC-04', 'collection_years.collection_year') }}
