{% test primary_key(model, column_name) %}
{#- unique and not null in one scan: the two checks every model's key has, as one test node
    instead of two (dbt's per-test overhead is most of a small test's time; docs/performance.md).
    Each failing row says which: a null key, or a key and how many rows share it. -#}
select
    {{ column_name }} as key_value,
    count(*) as rows_with_key
from {{ model }}
group by {{ column_name }}
having {{ column_name }} is null or count(*) > 1
{% endtest %}
