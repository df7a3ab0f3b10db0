{% macro parse_903_flag(column) -%}
    {#- 903 0/1 items as booleans; anything else is null (the loader has flagged it). -#}
    case trim({{ column }}) when '1' then true when '0' then false end
{%- endmacro %}
