{{ cohort_measure(
    'SAF-01',
    'int_missing_cohort',
    observed="cohort.missing_episodes_count",
    numerator="cohort.missing_episodes_count > 0",
    status="cohort.missing_episodes_count || ' missing (M) episodes starting in the year'"
) }}
