{{ cohort_measure(
    'EDU-04',
    'int_school_move_cohort',
    observed="cohort.unplanned_moves_count",
    numerator="cohort.unplanned_moves_count > 0",
    status="case when cohort.unplanned_moves_count > 0 then 'at least one school move' else 'no school move' end",
    where=is_extract_returned('EDU-04', 'cohort.collection_year')
) }}
