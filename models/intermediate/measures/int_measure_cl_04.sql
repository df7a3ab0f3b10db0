{{ cohort_measure(
    'CL-04',
    'int_oc3_cohort',
    observed="cohort.age_at_birthday",
    numerator="cohort.is_in_higher_education",
    status="case when cohort.is_in_higher_education then 'in higher education: ' || cohort.activ_code else 'not in higher education: ' || coalesce(cohort.activ_code, 'not recorded') end",
    where="cohort.care_leaver_age_band = '19 to 21 years'"
) }}
