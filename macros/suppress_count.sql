{% macro is_suppressed_count(count_column) -%}
    {#- Small-number suppression for aggregate outputs: counts 1 to threshold-1 are hidden. -#}
    ({{ count_column }} between 1 and {{ var('suppression_threshold') }} - 1)
{%- endmacro %}
