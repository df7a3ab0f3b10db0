{% macro ref() -%}
    {#- dbt's ref without the warehouse's catalog name: a DuckDB view keeps its SQL, and a view
        naming the build's catalog ("cpw") breaks wherever the file is attached under another
        name (the report build; an analyst's `attach ... as wh`). Every model lives in the one
        warehouse file, so schema.table is always enough. dbt documents this override
        (reference/dbt-jinja-functions/builtins). -#}
    {{- return(builtins.ref(*varargs, **kwargs).include(database=false)) -}}
{%- endmacro %}
