with

source as not materialized (
    select * from {{ source('local', 'cpw_school_moves') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as cpw_school_moves_row_id,
    nullif(trim(scmv_move_id), '') as school_move_id,
    nullif(trim(scmv_person_id), '') as child_id,
    {{ parse_903_date('scmv_move_date') }} as school_move_date,
    nullif(trim(scmv_from_school_urn), '') as from_school_urn,
    nullif(trim(scmv_to_school_urn), '') as to_school_urn,
    nullif(trim(scmv_reason), '') as school_move_reason,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
