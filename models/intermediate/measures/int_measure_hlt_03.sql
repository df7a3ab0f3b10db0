{{ cohort_measure(
    'HLT-03',
    'int_oc2_cohort',
    observed="cohort.age_at_31_march",
    numerator="coalesce(cohort.is_health_assessment_done, false)",
    status="case when cohort.is_health_assessment_done then 'annual health assessment done' when not cohort.is_health_assessment_done then 'no annual health assessment' else 'not recorded' end"
) }}
