with

source as not materialized (
    select * from {{ source('local', 'ssd_care_leavers') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as ssd_care_leavers_row_id,
    nullif(trim(clea_table_id), '') as care_leaver_row_id,
    nullif(trim(clea_person_id), '') as child_id,
    nullif(trim(clea_care_leaver_eligibility), '') as eligibility,
    nullif(upper(trim(clea_care_leaver_in_touch)), '') as in_touch_code,
    {{ parse_903_date('clea_care_leaver_latest_contact') }} as latest_contact_date,
    nullif(upper(trim(clea_care_leaver_accommodation)), '') as accommodation_code,
    try_cast(trim(clea_care_leaver_accom_suitable) as integer) as accommodation_suitable,
    nullif(upper(trim(clea_care_leaver_activity)), '') as activity_code,
    {{ parse_903_date('clea_pathway_plan_review_date') }} as pathway_plan_review_date,
    nullif(trim(clea_care_leaver_personal_advisor), '') as personal_adviser_id,
    nullif(trim(clea_care_leaver_allocated_team), '') as allocated_team,
    nullif(trim(clea_care_leaver_worker_id), '') as worker_id,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
