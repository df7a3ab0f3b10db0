{{ cohort_measure(
    'HLT-04',
    'int_oc2_cohort',
    observed="cohort.age_at_31_march",
    numerator="coalesce(cohort.is_immunisations_up_to_date, false)",
    status="case when cohort.is_immunisations_up_to_date then 'immunisations up to date' when not cohort.is_immunisations_up_to_date then 'immunisations not up to date' else 'not recorded' end"
) }}
