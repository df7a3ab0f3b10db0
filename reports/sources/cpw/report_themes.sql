select theme_id, theme_name, measure_prefix, theme_description from report_themes
