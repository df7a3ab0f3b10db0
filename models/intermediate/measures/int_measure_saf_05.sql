{{ cohort_measure(
    'SAF-05',
    'int_oc2_cohort',
    observed="cohort.age_at_31_march",
    numerator="coalesce(cohort.is_convicted, false)",
    status="case when cohort.is_convicted then 'convicted or cautioned in the year' when not cohort.is_convicted then 'not convicted or cautioned' else 'not recorded' end",
    where="cohort.age_at_31_march between 10 and 17"
) }}
