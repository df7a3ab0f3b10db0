-- a mean: mart_measure_values sums observed_value over the numerator rows and divides by the
-- denominator, so both flags mark the children with a score
{{ cohort_measure(
    'HLT-08',
    'int_oc2_cohort',
    observed="cohort.sdq_score",
    numerator="cohort.sdq_score is not null",
    status="case when cohort.sdq_score is not null then 'SDQ score ' || cohort.sdq_score when cohort.sdq_reason_code is not null then 'no SDQ score: ' || cohort.sdq_reason_code else 'no SDQ score' end",
    denominator="cohort.sdq_score is not null",
    where="cohort.age_at_31_march between 5 and 16"
) }}
