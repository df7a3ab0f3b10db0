-- the bands of LAIT def. 162: normal 0-13, borderline 14-16, cause for concern 17-40; the
-- headline is the share whose score is a cause for concern
{{ cohort_measure(
    'HLT-09',
    'int_oc2_cohort',
    observed="cohort.sdq_score",
    numerator="cohort.sdq_score >= 17",
    status="'SDQ score ' || cohort.sdq_score",
    denominator="true",
    where="cohort.age_at_31_march between 5 and 16 and cohort.sdq_score is not null",
    category="case when cohort.sdq_score <= 13 then 'normal' when cohort.sdq_score <= 16 then 'borderline' else 'cause for concern' end"
) }}
