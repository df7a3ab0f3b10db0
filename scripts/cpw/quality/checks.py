"""`run_checks`: validate the warehouse's raw tables against the stored GX suites."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from cpw.quality.gx_runner import GxValidator, no_batch_fingerprint, quiet_gx
from cpw.quality.results import CheckReport, ExpectationResult
from cpw.quality.store import append_results, open_warehouse, read_table, table_columns
from cpw.quality.suites import load_suites, referenced_columns


def run_checks(warehouse: Path, expectations_dir: Path) -> CheckReport:
    """Run every suite whose guarded table exists and record the results in the warehouse.

    Each guarded table is read from DuckDB (read-only) into pandas, one table at a time, and
    validated with Great Expectations' pandas datasource. The results are then appended to
    `quality.expectation_results` in one atomic write. Failed expectations do not raise: the
    caller decides what `CheckReport.critical_failures` means.

    Args:
        warehouse: the DuckDB warehouse file.
        expectations_dir: the folder of `*.json` suites.

    Returns:
        The result of every expectation run, and the suites skipped for want of a table.

    Raises:
        CpwInputError: the warehouse is missing or has no `raw` schema, or a suite is unusable
            (the warehouse is then left untouched).
        CpwStepError: the results could not be written (the warehouse is left untouched).
    """
    run_at = datetime.now(UTC).replace(tzinfo=None)
    con = open_warehouse(warehouse)
    try:
        suites = load_suites(expectations_dir)
        results: list[ExpectationResult] = []
        skipped: list[str] = []
        with quiet_gx(), no_batch_fingerprint():
            validator = GxValidator()
            for suite in suites:
                validator.prepare(suite)
            for suite in suites:
                if not table_columns(con, suite.schema, suite.table):
                    skipped.append(suite.name)
                    continue
                frame = read_table(con, suite.schema, suite.table, referenced_columns(suite))
                results += validator.validate(suite, frame)
                del frame
    finally:
        con.close()
    report = CheckReport(
        run_id=str(uuid.uuid4()),
        run_at=run_at,
        results=tuple(results),
        skipped_suites=tuple(skipped),
    )
    append_results(warehouse, report)
    return report
