{{ cohort_measure(
    'HLT-10',
    'int_oc2_cohort',
    observed="cohort.age_at_31_march",
    numerator="coalesce(cohort.is_substance_misuse, false)",
    status="case when cohort.is_substance_misuse then 'substance misuse identified' when not cohort.is_substance_misuse then 'no substance misuse identified' else 'not recorded' end"
) }}
