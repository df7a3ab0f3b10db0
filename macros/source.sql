{% macro source() -%}
    {#- dbt's source without the warehouse's catalog name, for the reason in macros/ref.sql:
        the staging views read the raw tables of the same file. -#}
    {{- return(builtins.source(*varargs, **kwargs).include(database=false)) -}}
{%- endmacro %}
