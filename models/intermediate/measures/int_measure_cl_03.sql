{{ cohort_measure(
    'CL-03',
    'int_oc3_cohort',
    observed="cohort.age_at_birthday",
    numerator="cohort.is_neet",
    status="case when cohort.is_neet then 'not in education, employment or training: ' || cohort.activ_code else 'not NEET: ' || coalesce(cohort.activ_code, 'not recorded') end",
    where="cohort.care_leaver_age_band is not null"
) }}
