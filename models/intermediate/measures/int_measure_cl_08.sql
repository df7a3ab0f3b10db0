{{ cohort_measure(
    'CL-08',
    'int_care_leaver_cohort',
    observed="datediff('day', cohort.latest_plan_date, cohort.period_end)",
    numerator="coalesce(cohort.latest_plan_date >= " ~ add_months('cohort.period_end', -var('pathway_plan_review_months')) ~ ", false)",
    denominator="cohort.is_owed_support",
    where=is_extract_returned('CL-08', 'cohort.collection_year') ~ " and cohort.eligibility in ('Relevant', 'Former relevant')",
    status="case when cohort.latest_plan_date is null then 'no pathway plan' when cohort.latest_plan_date >= " ~ add_months('cohort.period_end', -var('pathway_plan_review_months')) ~ " then 'reviewed in the last 6 months' else 'review overdue' end"
) }}
