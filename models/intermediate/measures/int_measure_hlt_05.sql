{{ cohort_measure(
    'HLT-05',
    'int_oc2_cohort',
    observed="cohort.age_at_31_march",
    numerator="coalesce(cohort.is_teeth_checked, false)",
    status="case when cohort.is_teeth_checked then 'teeth checked' when not cohort.is_teeth_checked then 'teeth not checked' else 'not recorded' end"
) }}
