{{ cohort_measure(
    'CL-02',
    'int_oc3_cohort',
    observed="cohort.age_at_birthday",
    numerator="cohort.is_in_eet",
    status="case when cohort.is_in_eet then 'in education, employment or training: ' || cohort.activ_code else 'not in education, employment or training: ' || coalesce(cohort.activ_code, 'not recorded') end",
    where="cohort.care_leaver_age_band is not null"
) }}
