{% macro as_enum(expression, values_query=none, values=none) -%}
    {#- A low-cardinality text column stored as a DuckDB ENUM instead of VARCHAR: at the
        national scale a VARCHAR column of 22 million rows cost ~3.5 s of CPU to write and an
        ENUM ~1 s (docs/performance.md). ENUMs compare, group and concatenate as text. The
        values come from `values` or from `values_query` run when the model builds (one text
        column; nulls ignored), so they always cover the data; while dbt only parses, or when
        there are no values, the expression stays VARCHAR. -#}
    {%- set found = values or [] -%}
    {%- if values_query and execute -%}
        {%- set found = run_query(values_query).columns[0].values() | reject('none') | list -%}
    {%- endif -%}
    {%- if found -%}
        cast({{ expression }} as enum(
            {%- for value in found | unique | sort -%}
            '{{ value | replace("'", "''") }}'{{ ', ' if not loop.last }}
            {%- endfor -%}
        ))
    {%- else -%}
        {{ expression }}
    {%- endif -%}
{%- endmacro %}

