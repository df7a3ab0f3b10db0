with

oc3 as not materialized (
    select * from {{ ref('stg_ssda903__oc3') }}
),

child_birth_dates as not materialized (
    select * from {{ ref('int_child_birth_dates') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

activ_codes as not materialized (
    select * from {{ ref('ssda903_activ_codes') }}
),

accom_codes as not materialized (
    select * from {{ ref('ssda903_accom_codes') }}
),

oc3_rows as (
    -- a young person listed twice in the year keeps the first row
    select
        oc3.*,
        row_number() over (
            partition by oc3.collection_year, oc3.child_id
            order by oc3.source_line
        ) as row_rank
    from oc3
    where oc3.child_id is not null and oc3.child_id <> ''
),

aged as (
    -- the OC3 birthday falls between 1 April and 31 March, so the age reached on it is the age
    -- at 31 March (a birthday on 31 March itself counts)
    select
        oc3_rows.collection_year,
        oc3_rows.child_id,
        coalesce(child_birth_dates.birth_date, oc3_rows.birth_date) as birth_date,
        {{ age_in_years('coalesce(child_birth_dates.birth_date, oc3_rows.birth_date)',
            'collection_years.period_end') }} as age_at_birthday,
        collection_years.period_end,
        oc3_rows.in_touch_code,
        oc3_rows.activ_code,
        oc3_rows.accom_code
    from oc3_rows
    inner join collection_years
        on oc3_rows.collection_year = collection_years.collection_year
    left join child_birth_dates
        on oc3_rows.collection_year = child_birth_dates.collection_year
        and oc3_rows.child_id = child_birth_dates.child_id
    where oc3_rows.row_rank = 1
)

select
    aged.child_id || ':' || aged.collection_year as oc3_cohort_id,
    aged.child_id,
    aged.collection_year,
    aged.period_end,
    aged.birth_date,
    aged.age_at_birthday,
    -- DfE's breakdown strings (dfe_benchmark_values); other ages are outside the cohort
    case
        when aged.age_at_birthday between 17 and 18 then '17 to 18 years'
        when aged.age_at_birthday between 19 and 21 then '19 to 21 years'
    end as care_leaver_age_band,
    aged.in_touch_code,
    aged.activ_code,
    aged.accom_code,
    coalesce(aged.in_touch_code = 'YES', false) as is_in_touch,
    coalesce(activ_codes.activity_group = 'EET', false) as is_in_eet,
    coalesce(activ_codes.activity_group = 'NEET', false) as is_neet,
    -- F1/P1 are full- and part-time higher education; the code seed has no HE flag
    coalesce(aged.activ_code in ('F1', 'P1'), false) as is_in_higher_education,
    coalesce(accom_codes.is_suitable, false) as is_suitably_accommodated
from aged
left join activ_codes
    on aged.activ_code = activ_codes.activ_code
    and aged.collection_year between activ_codes.first_collection_year
        and activ_codes.last_collection_year
left join accom_codes
    on aged.accom_code = accom_codes.accom_code
