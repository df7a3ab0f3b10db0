{% macro add_working_days(start_date, n) -%}
    {#- The date N working days (England and Wales) after start_date, counting the event day as
        var('event_day_number'). dim_date.working_days_elapsed counts working days up to and
        including each date, so a non-working start date behaves like the working day before it.
        The start date's own row is joined rather than looked up in a nested subquery: DuckDB
        turned that nesting into every start date against every calendar day (28 million rows
        for the national-scale review schedule). -#}
    (
        select min(later.date_day)
        from {{ ref('dim_date') }} as earlier
        inner join {{ ref('dim_date') }} as later
            on later.working_days_elapsed
                = earlier.working_days_elapsed + ({{ n }}) - {{ var('event_day_number') }}
        where earlier.date_day = {{ start_date }}
            and later.is_working_day_ew
    )
{%- endmacro %}
