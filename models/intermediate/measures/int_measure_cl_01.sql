{{ cohort_measure(
    'CL-01',
    'int_oc3_cohort',
    observed="cohort.age_at_birthday",
    numerator="cohort.is_in_touch",
    status="case when cohort.is_in_touch then 'in touch' else 'not in touch: ' || coalesce(cohort.in_touch_code, 'not recorded') end",
    where="cohort.care_leaver_age_band is not null"
) }}
