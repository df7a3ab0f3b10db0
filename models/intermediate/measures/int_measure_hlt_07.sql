{{ cohort_measure(
    'HLT-07',
    'int_oc2_cohort',
    observed="cohort.age_at_31_march",
    numerator="cohort.sdq_score is not null",
    status="case when cohort.sdq_score is not null then 'SDQ score returned' when cohort.sdq_reason_code is not null then 'no SDQ score: ' || cohort.sdq_reason_code else 'no SDQ score' end",
    where="cohort.age_at_31_march between 5 and 16"
) }}
