with

source as not materialized (
    select * from {{ source('local', 'cpw_family_time') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as cpw_family_time_row_id,
    nullif(trim(fati_session_id), '') as family_time_id,
    nullif(trim(fati_person_id), '') as child_id,
    {{ parse_903_date('fati_session_date') }} as session_date,
    nullif(trim(fati_family_member), '') as family_member,
    {{ parse_yes_no('fati_supervised') }} as is_supervised,
    {{ parse_yes_no('fati_held') }} as is_held,
    nullif(trim(fati_not_held_reason), '') as not_held_reason,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
