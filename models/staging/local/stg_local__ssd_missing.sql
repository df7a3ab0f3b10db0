with

source as not materialized (
    select * from {{ source('local', 'ssd_missing') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as ssd_missing_row_id,
    nullif(trim(miss_table_id), '') as missing_id,
    nullif(trim(miss_person_id), '') as child_id,
    {{ parse_903_date('miss_missing_episode_start_date') }} as missing_start_date,
    nullif(trim(miss_missing_episode_type), '') as missing_type,
    {{ parse_903_date('miss_missing_episode_end_date') }} as missing_end_date,
    {{ parse_yes_no('miss_missing_rhi_offered') }} as is_rhi_offered,
    nullif(trim(miss_missing_rhi_accepted), '') as rhi_accepted,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
