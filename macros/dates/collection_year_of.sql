{% macro collection_year_of(day) -%}
    {#- The SSDA903 collection year (ending 31 March) a date falls in: 2024-05-01 is in 2025. -#}
    case when month({{ day }}) >= 4 then year({{ day }}) + 1 else year({{ day }}) end
{%- endmacro %}
