-- Data team page: GX results per run and suite.
select
    run_id,
    run_at,
    suite_name,
    table_name,
    expectations_count,
    passed_count,
    failed_count,
    critical_failed_count
from expectation_suite_results
