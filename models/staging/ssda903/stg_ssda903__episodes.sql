with

source as not materialized (
    select * from {{ source('ssda903', 'episodes') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as episode_row_id,
    trim(child) as child_id,
    {{ parse_903_date('decom') }} as episode_start_date,
    upper(trim(rne)) as rne_code,
    upper(trim(ls)) as ls_code,
    upper(trim(cin)) as cin_code,
    upper(trim(place)) as place_code,
    nullif(upper(trim(place_provider)), '') as place_provider_code,
    {{ parse_903_date('dec') }} as episode_end_date,
    nullif(upper(trim(rec)), '') as rec_code,
    nullif(upper(trim(reason_place_change)), '') as reason_place_change_code,
    nullif(upper(trim(home_post)), '') as home_postcode,
    nullif(upper(trim(pl_post)), '') as placement_postcode,
    nullif(upper(trim(urn)), '') as urn,
    decom as episode_start_date_text,
    dec as episode_end_date_text,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
