with

source as not materialized (
    select * from {{ source('local', 'cpw_independent_visitors') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as cpw_independent_visitors_row_id,
    nullif(trim(indv_person_id), '') as child_id,
    {{ parse_yes_no('indv_criteria_met') }} as is_criteria_met,
    {{ parse_903_date('indv_assessed_date') }} as assessed_date,
    {{ parse_903_date('indv_appointed_date') }} as appointed_date,
    nullif(trim(indv_visitor_id), '') as visitor_id,
    {{ parse_yes_no('indv_child_declined') }} as is_child_declined,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
