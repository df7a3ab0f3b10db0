{% macro parse_903_date(column) -%}
    {#- 903 dates are dd/mm/yyyy text; anything else becomes null here and is flagged by the
        staging model's *_is_valid column, never silently replaced. -#}
    cast(try_strptime(trim({{ column }}), '%d/%m/%Y') as date)
{%- endmacro %}
