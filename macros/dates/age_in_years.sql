{% macro age_in_years(birth_date, on_date) -%}
    {#- Completed years of age on a date (date_diff('year') would count calendar-year
        boundaries instead). -#}
    cast(extract(year from age({{ on_date }}, {{ birth_date }})) as integer)
{%- endmacro %}
