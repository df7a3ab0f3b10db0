{{ cohort_measure(
    'CL-05',
    'int_oc3_cohort',
    observed="cohort.age_at_birthday",
    numerator="cohort.is_suitably_accommodated",
    status="case when cohort.is_suitably_accommodated then 'suitable accommodation: ' || cohort.accom_code else 'not in suitable accommodation: ' || coalesce(cohort.accom_code, 'not recorded') end",
    where="cohort.care_leaver_age_band is not null"
) }}
