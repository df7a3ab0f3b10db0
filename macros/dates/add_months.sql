{% macro add_months(start_date, n) -%}
    {#- Calendar months (measures.md §0): 31 Aug + 6 months is 28/29 Feb, the same day-of-month
        where it exists, otherwise the month's last day (DuckDB interval arithmetic). -#}
    cast({{ start_date }} + to_months({{ n }}) as date)
{%- endmacro %}
