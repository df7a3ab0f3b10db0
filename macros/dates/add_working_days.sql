{% macro add_working_days(start_date, n) -%}
    {#- The date N working days (England and Wales) after start_date, counting the event day as
        var('event_day_number'). dim_date.working_days_elapsed counts working days up to and
        including each date, so a non-working start date behaves like the working day before it. -#}
    (
        select min(later.date_day)
        from {{ ref('dim_date') }} as later
        where later.is_working_day_ew
            and later.working_days_elapsed = (
                select earlier.working_days_elapsed
                from {{ ref('dim_date') }} as earlier
                where earlier.date_day = {{ start_date }}
            ) + ({{ n }}) - {{ var('event_day_number') }}
    )
{%- endmacro %}
