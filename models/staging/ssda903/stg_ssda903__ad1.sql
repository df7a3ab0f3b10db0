with

source as not materialized (
    select * from {{ source('ssda903', 'ad1') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as ad1_row_id,
    trim(child) as child_id,
    {{ parse_903_date('dob') }} as birth_date,
    dob as birth_date_text,
    {{ parse_903_date('date_int') }} as adoption_decision_date,
    date_int as adoption_decision_date_text,
    {{ parse_903_date('date_match') }} as match_date,
    date_match as match_date_text,
    {{ parse_903_flag('foster_care') }} as is_adopted_by_foster_carer,
    try_cast(trim(nb_adoptr) as integer) as adopters_count,
    nullif(upper(trim(sex_adoptr)), '') as sex_adoptr_code,
    nullif(upper(trim(ls_adoptr)), '') as ls_adoptr_code,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
