{{ cohort_measure(
    'CL-09',
    'int_care_leaver_cohort',
    observed="cohort.age_at_31_march",
    numerator="cohort.personal_adviser_id is not null",
    denominator="cohort.is_owed_support",
    status="case when cohort.personal_adviser_id is not null then 'personal adviser allocated' else 'no personal adviser' end",
    where=is_extract_returned('CL-09', 'cohort.collection_year')
) }}
