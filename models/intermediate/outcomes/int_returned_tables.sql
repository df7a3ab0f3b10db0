with

load_audit as not materialized (
    select * from {{ ref('stg_ssda903__load_audit') }}
)

-- a table counts as returned for a year when a file of it loaded, even with no rows: an empty
-- OC2 table says "no children in the cohort", a table never sent says nothing
select distinct
    load_audit.collection_year || ':' || load_audit.table_name as returned_table_id,
    cast(load_audit.collection_year as integer) as collection_year,
    load_audit.table_name
from load_audit
where load_audit.status = 'loaded'
    and load_audit.collection_year is not null
