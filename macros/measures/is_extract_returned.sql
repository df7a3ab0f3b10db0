{% macro is_extract_returned(measure_id, collection_year) -%}
{#- True when the table the catalogue says the measure needs (required_table) was loaded for
    that collection year. A duty measured from a local extract counts no one in a year the
    council did not send the extract: its population alone (e.g. children starting care) with
    a numerator of 0 would read as a failure. -#}
    {{ collection_year }} in (
        select returned.collection_year
        from {{ ref('int_returned_tables') }} as returned
        inner join {{ ref('measure_catalogue') }} as catalogue
            on returned.table_name = catalogue.required_table
        where catalogue.measure_id = '{{ measure_id }}'
    )
{%- endmacro %}
