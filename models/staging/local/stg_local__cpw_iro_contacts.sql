with

source as not materialized (
    select * from {{ source('local', 'cpw_iro_contacts') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as cpw_iro_contacts_row_id,
    nullif(trim(iroc_contact_id), '') as iro_contact_id,
    nullif(trim(iroc_person_id), '') as child_id,
    nullif(trim(iroc_professional_id), '') as iro_id,
    {{ parse_903_date('iroc_contact_date') }} as contact_date,
    nullif(trim(iroc_contact_type), '') as contact_type,
    nullif(trim(iroc_review_id), '') as review_id,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
