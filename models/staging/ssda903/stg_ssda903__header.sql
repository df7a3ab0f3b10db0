with

source as not materialized (
    select * from {{ source('ssda903', 'header') }}
),

sex_codes as (
    -- the one lookup staging does: map the year's SEX coding to canonical M/F/U
    select * from {{ ref('ssda903_sex_codes') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as header_row_id,
    trim(child) as child_id,
    upper(trim(source.sex)) as sex_code,
    sex_codes.sex,
    {{ parse_903_date('dob') }} as birth_date,
    upper(trim(ethnic)) as ethnic_code,
    upper(trim(upn)) as upn,
    case trim(mother) when '1' then true when '0' then false end as is_mother,
    {{ parse_903_date('mc_dob') }} as mother_child_birth_date,
    dob as birth_date_text,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
left join sex_codes
    on upper(trim(source.sex)) = sex_codes.sex_code
    and source._collection_year between sex_codes.first_collection_year
        and sex_codes.last_collection_year
