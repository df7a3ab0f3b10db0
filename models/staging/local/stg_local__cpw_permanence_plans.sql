with

source as not materialized (
    select * from {{ source('local', 'cpw_permanence_plans') }}
)

select
    _collection_year || ':' || _source_file || ':' || _source_line as cpw_permanence_plans_row_id,
    nullif(trim(perm_plan_id), '') as permanence_plan_id,
    nullif(trim(perm_person_id), '') as child_id,
    nullif(trim(perm_plan_type), '') as permanence_plan_type,
    {{ parse_903_date('perm_plan_date') }} as permanence_plan_date,
    {{ parse_903_date('perm_period_start_date') }} as period_start_date,
    _extra_columns as extra_columns,
    _collection_year as collection_year,
    _source_file as source_file,
    _source_line as source_line
from source
