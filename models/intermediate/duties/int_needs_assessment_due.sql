with

periods as not materialized (
    select * from {{ ref('int_periods_of_care') }}
),

children as not materialized (
    select * from {{ ref('int_child_earliest_birth_dates') }}
),

pathway_events as not materialized (
    select * from {{ ref('stg_local__cpw_pathway_plans') }}
),

care as (
    select
        periods.period_of_care_id,
        periods.child_id,
        periods.period_start_date,
        coalesce(periods.period_end_date, periods.known_until_date) as period_last_date,
        periods.known_until_date,
        children.birth_date,
        {{ add_months('children.birth_date', 14 * 12) }} as fourteenth_birthday,
        {{ add_months('children.birth_date', 16 * 12) }} as sixteenth_birthday,
        {{ add_months('children.birth_date', 18 * 12) }} as eighteenth_birthday
    from periods
    inner join children
        on periods.child_id = children.child_id
    where not periods.is_short_breaks_only
),

days_before as (
    -- days looked after since the 14th birthday before each period began
    select
        care.period_of_care_id,
        -- DuckDB's greatest and least skip nulls, so a child with no earlier period is
        -- caught before them
        coalesce(sum(case when earlier.period_of_care_id is not null then greatest(0, datediff(
            'day',
            greatest(earlier.period_start_date, care.fourteenth_birthday),
            least(earlier.period_last_date, care.period_start_date)
        )) end), 0) as days_since_14
    from care
    left join care as earlier
        on care.child_id = earlier.child_id
        and earlier.period_start_date < care.period_start_date
    group by care.period_of_care_id
),

eligible as (
    -- an eligible child (CPPCR reg 40): looked after 13 weeks since 14, now 16 or 17. The day
    -- both hold is when the 3-month clock for the needs assessment starts (reg 42(1))
    select
        care.child_id,
        care.period_of_care_id,
        care.known_until_date,
        greatest(
            care.sixteenth_birthday,
            greatest(care.period_start_date, care.fourteenth_birthday)
                + cast(greatest(0, 91 - days_before.days_since_14) as integer)
        ) as eligible_date,
        care.period_last_date,
        care.eighteenth_birthday
    from care
    inner join days_before
        on care.period_of_care_id = days_before.period_of_care_id
),

first_eligible as (
    select
        eligible.child_id,
        min(eligible.eligible_date) as eligible_date,
        max(eligible.known_until_date) as known_until_date
    from eligible
    where eligible.eligible_date <= eligible.period_last_date
        and eligible.eligible_date < eligible.eighteenth_birthday
    group by eligible.child_id
),

assessments as (
    select
        pathway_events.child_id,
        min(pathway_events.event_date) as assessment_date
    from pathway_events
    where pathway_events.pathway_event_type = 'Needs assessment'
    group by pathway_events.child_id
)

select
    first_eligible.child_id,
    first_eligible.eligible_date,
    {{ add_months('first_eligible.eligible_date', var('needs_assessment_months')) }} as due_date,
    assessments.assessment_date,
    first_eligible.known_until_date,
    {{ collection_year_of(add_months('first_eligible.eligible_date', var('needs_assessment_months'))) }}
        as due_collection_year
from first_eligible
left join assessments
    on first_eligible.child_id = assessments.child_id
