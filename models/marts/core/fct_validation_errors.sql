with

episodes_rules as not materialized (
    select * from {{ ref('int_validation__episodes') }}
),

header_rules as not materialized (
    select * from {{ ref('int_validation__header') }}
),

outcomes_rules as not materialized (
    select * from {{ ref('int_validation__outcomes') }}
),

adoption_rules as not materialized (
    select * from {{ ref('int_validation__adoption') }}
),

linked_tables_rules as not materialized (
    select * from {{ ref('int_validation__linked_tables') }}
),

validation_rules as not materialized (
    select * from {{ ref('validation_rules') }}
),

flagged as (
    select * from episodes_rules
    union all
    select * from header_rules
    union all
    select * from outcomes_rules
    union all
    select * from adoption_rules
    union all
    select * from linked_tables_rules
)

{#- a rule's code, text and columns repeat on every row it flags: stored as ENUMs over the
    rules seed's values (macros/as_enum.sql; the inner join keeps every row inside them),
    which costs a fraction of writing the text again each time -#}
{%- set rules_seed = ref('validation_rules') %}

select
    flagged.validation_row_id as validation_error_id,
    {{ as_enum("'" ~ var('la_code') ~ "'", values=[var('la_code')]) }} as la_code,
    cast(flagged.collection_year as integer) as collection_year,
    {{ as_enum('flagged.rule_code', 'select rule_code from ' ~ rules_seed) }} as rule_code,
    {{ as_enum('validation_rules.rule_message', 'select rule_message from ' ~ rules_seed) }}
        as rule_message,
    flagged.table_name,
    flagged.child_id,
    flagged.source_line as row_number,
    {{ as_enum('validation_rules.columns_affected', 'select columns_affected from ' ~ rules_seed) }}
        as columns_affected
from flagged
-- a rule runs only in the collection years it belongs to
inner join validation_rules
    on flagged.rule_code = validation_rules.rule_code
    and flagged.collection_year between validation_rules.first_year and validation_rules.last_year
