{% macro generate_schema_name(custom_schema_name, node) -%}
    {#- Use the folder's schema name as it is (staging, intermediate, marts, seeds), so the
        warehouse reads the same for every user instead of main_staging, main_marts... -#}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
