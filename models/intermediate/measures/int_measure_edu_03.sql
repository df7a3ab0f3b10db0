{{ cohort_measure(
    'EDU-03',
    'int_school_move_cohort',
    observed="cohort.mid_year_moves_count",
    numerator="cohort.mid_year_moves_count > 0",
    status="case when cohort.mid_year_moves_count > 0 then 'at least one mid-year school move' else 'no mid-year school move' end",
    where=is_extract_returned('EDU-03', 'cohort.collection_year')
) }}
