with

source as not materialized (
    select * from {{ source('local', 'cpw_advocacy_offers') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as cpw_advocacy_offers_row_id,
    nullif(trim(adof_offer_id), '') as advocacy_offer_id,
    nullif(trim(adof_person_id), '') as child_id,
    {{ parse_903_date('adof_offer_date') }} as offer_date,
    {{ parse_yes_no('adof_accepted') }} as is_accepted,
    nullif(trim(adof_advocate_id), '') as advocate_id,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
