with

children as not materialized (
    select * from {{ ref('dim_annex_a_child') }}
),

oc3 as not materialized (
    select * from {{ ref('stg_ssda903__oc3') }}
),

uasc as not materialized (
    select * from {{ ref('stg_ssda903__uasc') }}
),

accom_codes as not materialized (
    select * from {{ ref('ssda903_accom_codes') }}
),

collection_years as not materialized (
    select * from {{ ref('int_collection_years') }}
),

dropdowns as not materialized (
    select * from {{ ref('annex_a_dropdowns') }}
),

local_care_leavers as not materialized (
    select * from {{ ref('stg_local__ssd_care_leavers') }}
),

reference as (
    select max(collection_year) as collection_year, max(period_end) as reference_date
    from collection_years
),

care_leavers as (
    -- the latest return's OC3 lists the care leavers the council reported on (17 to 21); the
    -- SSD's wider group (eligible 16-year-olds, former relevant 22-25) needs the local extract
    select oc3.*
    from oc3
    inner join reference
        on oc3.collection_year = reference.collection_year
    qualify row_number() over (partition by oc3.child_id order by oc3.source_line) = 1
),

ever_uasc as (
    select distinct child_id from uasc
),

leaver_services as (
    -- the local care-leaver extract of the latest year (its latest row for the young person)
    -- gives team, worker, personal adviser, eligibility, pathway plan and contact
    select local_care_leavers.*
    from local_care_leavers
    inner join reference
        on local_care_leavers.collection_year = reference.collection_year
    qualify row_number() over (
        partition by local_care_leavers.child_id order by local_care_leavers.source_line desc
    ) = 1
)

select
    care_leavers.child_id as child_unique_id,
    children.sex,
    children.ethnicity,
    coalesce(children.birth_date, care_leavers.birth_date) as date_of_birth,
    cast(date_part('year', age(
        reference.reference_date, coalesce(children.birth_date, care_leavers.birth_date)
    )) as integer) as age_of_child_years,
    case when ever_uasc.child_id is not null then 'a) Yes' else 'b) No' end
        as uasc_or_former_uasc,
    cast(null as varchar) as has_disability,
    leaver_services.allocated_team,
    leaver_services.worker_id as allocated_worker,
    leaver_services.personal_adviser_id as allocated_personal_adviser,
    eligibility_dropdown.dropdown_value as eligibility_category,
    leaver_services.pathway_plan_review_date as latest_pathway_plan_review_date,
    in_touch_dropdown.dropdown_value as la_in_touch,
    leaver_services.latest_contact_date,
    accommodation_dropdown.dropdown_value as accommodation_type,
    suitability_dropdown.dropdown_value as accommodation_suitability,
    activity_dropdown.dropdown_value as activity_status
from care_leavers
cross join reference
left join children
    on care_leavers.child_id = children.child_id
left join ever_uasc
    on care_leavers.child_id = ever_uasc.child_id
left join leaver_services
    on care_leavers.child_id = leaver_services.child_id
left join dropdowns as eligibility_dropdown
    on eligibility_dropdown.dropdown = 'eligibility'
    and leaver_services.eligibility = eligibility_dropdown.code
left join accom_codes
    on care_leavers.accom_code = accom_codes.accom_code
left join dropdowns as in_touch_dropdown
    on in_touch_dropdown.dropdown = 'in_touch' and care_leavers.in_touch_code = in_touch_dropdown.code
left join dropdowns as accommodation_dropdown
    on accommodation_dropdown.dropdown = 'accommodation_type'
    and accom_codes.accommodation_type = accommodation_dropdown.code
left join dropdowns as suitability_dropdown
    on suitability_dropdown.dropdown = 'accommodation_suitability'
    and cast(accom_codes.is_suitable as varchar) = suitability_dropdown.code
left join dropdowns as activity_dropdown
    on activity_dropdown.dropdown = 'activity' and care_leavers.activ_code = activity_dropdown.code
