{% test measure_key(model, column_name) %}
{#- The key of an int_measure_* model: unique and not null (as primary_key), on rows whose
    measure_id is the model's own (its meta.measure_id) and whose key starts '<measure_id>:'.
    fct_child_measure stacks these models, so its key is unique without hashing its ~22 million
    national-scale rows again: each model's keys are unique and no two models share a prefix
    (the conventions test holds one model per catalogue measure). -#}
{%- set measure_id = graph.nodes['model.' ~ project_name ~ '.' ~ model.identifier].config.meta.measure_id
    if execute else '' -%}
select
    {{ column_name }} as key_value,
    count(*) as rows_with_key,
    min(measure_id) as measure_id
from {{ model }}
group by {{ column_name }}
having {{ column_name }} is null
    or count(*) > 1
    or bool_or(measure_id is distinct from '{{ measure_id }}')
    or not starts_with({{ column_name }}, '{{ measure_id }}:')
{% endtest %}
