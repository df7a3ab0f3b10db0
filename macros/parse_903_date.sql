{% macro parse_903_date(column) -%}
    {#- A 903 date as DATE, or null when the text is not one (staging keeps the text beside it).
        The accepted shapes are project vars shared with the loader's checks. -#}
    case
        when regexp_full_match(trim({{ column }}), '{{ var("ssda903_date_pattern") }}')
            then cast(try_strptime(trim({{ column }}), {{ var("ssda903_date_formats") | tojson | replace('"', "'") }}) as date)
    end
{%- endmacro %}
