-- Data team page: every GX expectation result of every `cpw check` run.
select
    run_id,
    run_at,
    suite_name,
    table_name,
    expectation_type,
    column_name,
    is_critical,
    success,
    element_count,
    unexpected_count,
    unexpected_examples,
    rule
from expectation_results
