with

source as not materialized (
    select * from {{ source('local', 'ssd_cla_visits') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as ssd_cla_visits_row_id,
    nullif(trim(clav_cla_visit_id), '') as visit_id,
    nullif(trim(clav_person_id), '') as child_id,
    {{ parse_903_date('clav_cla_visit_date') }} as visit_date,
    {{ parse_yes_no('clav_cla_visit_seen') }} as is_child_seen,
    {{ parse_yes_no('clav_cla_visit_seen_alone') }} as is_child_seen_alone,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
