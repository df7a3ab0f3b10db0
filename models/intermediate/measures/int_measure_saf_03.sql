-- a mean: mart_measure_values sums the incidents over the children who went missing
{{ cohort_measure(
    'SAF-03',
    'int_missing_cohort',
    observed="cohort.missing_episodes_count",
    numerator="true",
    status="cohort.missing_episodes_count || ' missing incidents starting in the year'",
    denominator="true",
    where="cohort.missing_episodes_count > 0"
) }}
