{% macro sql_list(values) -%}
    {#- A list var as a SQL IN list of strings: ['U1', 'U4'] -> ('U1', 'U4'). -#}
    ({% for value in values %}'{{ value }}'{% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}
