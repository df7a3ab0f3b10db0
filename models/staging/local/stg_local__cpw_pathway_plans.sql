with

source as not materialized (
    select * from {{ source('local', 'cpw_pathway_plans') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as cpw_pathway_plans_row_id,
    nullif(trim(ppln_event_id), '') as pathway_event_id,
    nullif(trim(ppln_person_id), '') as child_id,
    nullif(trim(ppln_event_type), '') as pathway_event_type,
    {{ parse_903_date('ppln_due_date') }} as due_date,
    {{ parse_903_date('ppln_event_date') }} as event_date,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
