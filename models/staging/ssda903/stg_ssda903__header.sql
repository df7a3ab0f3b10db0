with

source as (
    select * from {{ source('ssda903', 'header') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as header_row_id,
    trim(child) as child_id,
    upper(trim(sex)) as sex_code,
    {{ parse_903_date('dob') }} as birth_date,
    upper(trim(ethnic)) as ethnic_code,
    upper(trim(upn)) as upn,
    case trim(mother) when '1' then true when '0' then false end as is_mother,
    {{ parse_903_date('mc_dob') }} as mother_child_birth_date,
    dob as birth_date_text,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
