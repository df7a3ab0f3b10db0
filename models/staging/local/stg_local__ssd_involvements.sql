with

source as not materialized (
    select * from {{ source('local', 'ssd_involvements') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as ssd_involvements_row_id,
    nullif(trim(invo_involvements_id), '') as involvement_id,
    nullif(trim(invo_professional_id), '') as worker_id,
    nullif(trim(invo_professional_role_id), '') as worker_role,
    nullif(trim(invo_person_id), '') as child_id,
    {{ parse_903_date('invo_involvement_start_date') }} as involvement_start_date,
    {{ parse_903_date('invo_involvement_end_date') }} as involvement_end_date,
    nullif(upper(trim(invo_worker_change_reason)), '') as sw_reason_code,
    nullif(trim(invo_professional_team), '') as team_name,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
