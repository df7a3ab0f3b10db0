{#- A measure's value as the pages print it: percentages and means to one decimal place (a
    percentage with its sign), counts as whole numbers. Rounds half away from zero first,
    since printf alone rounds 86.25 to 86.2. Null stays null for the caller to word. -#}
{% macro display_measure_value(value, unit) %}
    case
        when {{ value }} is null then null
        when {{ unit }} = 'percent' then printf('%.1f%%', round({{ value }}, 1))
        when {{ unit }} = 'count' then printf('%d', cast(round({{ value }}) as bigint))
        else printf('%.1f', round({{ value }}, 1))
    end
{% endmacro %}
