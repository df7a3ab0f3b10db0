{{ cohort_measure(
    'HLT-06',
    'int_oc2_cohort',
    observed="cohort.age_at_31_march",
    numerator="coalesce(cohort.is_health_check_up_to_date, false)",
    status="case when cohort.is_health_check_up_to_date then 'development assessments up to date' when not cohort.is_health_check_up_to_date then 'development assessments not up to date' else 'not recorded' end",
    where="cohort.age_at_31_march < 5"
) }}
