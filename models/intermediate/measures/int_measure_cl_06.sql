with

oc3_cohort as not materialized (
    select * from {{ ref('int_oc3_cohort') }}
),

episodes as not materialized (
    select * from {{ ref('int_episodes') }}
),

place_codes as not materialized (
    select * from {{ ref('ssda903_place_codes') }}
),

rec_codes as not materialized (
    select * from {{ ref('ssda903_rec_codes') }}
),

left_foster_care_at_18 as (
    -- the period of care ended on the 18th birthday with the child in a foster placement
    select distinct oc3_cohort.oc3_cohort_id
    from oc3_cohort
    inner join episodes
        on oc3_cohort.child_id = episodes.child_id
        and episodes.episode_end_date = oc3_cohort.birth_date + interval 18 year
    inner join place_codes
        on episodes.place_code = place_codes.place_code
    inner join rec_codes
        on episodes.rec_code = rec_codes.rec_code
    where place_codes.placement_group = 'Foster placements'
        and rec_codes.ends_period_of_care
),

cohort as (
    select oc3_cohort.*
    from oc3_cohort
    inner join left_foster_care_at_18
        on oc3_cohort.oc3_cohort_id = left_foster_care_at_18.oc3_cohort_id
    where oc3_cohort.age_at_birthday between 18 and 20
)

select
    'CL-06:' || cohort.child_id || ':' || cohort.collection_year as child_measure_id,
    cohort.child_id,
    'CL-06' as measure_id,
    cohort.collection_year,
    cohort.period_end as event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast(null as double) as observed_value,
    true as is_in_denominator,
    coalesce(cohort.accom_code in ('Z1', 'Z2'), false) as is_in_numerator,
    'accommodation at birthday: ' || coalesce(cohort.accom_code, 'not recorded') as status
from cohort
