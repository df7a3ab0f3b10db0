{% macro parse_yes_no(column) -%}
    {#- Local extracts' Y/N flags as booleans; anything else is null (the loader has flagged it). -#}
    case upper(trim({{ column }})) when 'Y' then true when 'N' then false end
{%- endmacro %}
