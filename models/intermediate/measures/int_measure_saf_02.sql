{{ cohort_measure(
    'SAF-02',
    'int_missing_cohort',
    observed="cohort.away_episodes_count",
    numerator="cohort.away_episodes_count > 0",
    status="cohort.away_episodes_count || ' away (A) episodes starting in the year'"
) }}
