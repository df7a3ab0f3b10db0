"""`run_checks`: validate the warehouse's raw and staging tables as one GX checkpoint."""

from __future__ import annotations

import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from cpw.quality.data_docs import publish_docs
from cpw.quality.gx_runner import GxCheckpoint, no_batch_fingerprint, quiet_gx
from cpw.quality.results import CheckReport, ExpectationResult, result_from_gx
from cpw.quality.store import append_results, open_warehouse, table_columns, write_parquet
from cpw.quality.suites import load_suites, referenced_columns
from cpw.quality.validation_errors import read_rule_counts


def run_checks(
    warehouse: Path, expectations_dir: Path, docs_dir: Path | None = None
) -> CheckReport:
    """Run every suite whose guarded table exists, as one checkpoint, and record the results.

    Each guarded table's checked columns are written by DuckDB (read-only) to a Parquet file in
    a temporary folder; one GX checkpoint then validates them all through GX's pandas
    datasource. The results, and the counts of `marts.fct_validation_errors` by rule when dbt
    has built it, are appended to the `quality` schema in one atomic write. Failed
    expectations do not raise: the caller decides what `CheckReport.critical_failures` means.

    Args:
        warehouse: the DuckDB warehouse file.
        expectations_dir: the folder of `*.json` suites.
        docs_dir: where to publish GX's Data Docs (offline HTML); None builds none.

    Returns:
        The result of every expectation run, the suites skipped for want of a table, the
        validation error counts and the time each phase took.

    Raises:
        CpwInputError: the warehouse is missing or has no `raw` schema, or a suite is unusable
            (the warehouse is then left untouched).
        CpwStepError: the results could not be written (the warehouse is left untouched).
    """
    run_at = datetime.now(UTC).replace(tzinfo=None)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    suites = load_suites(expectations_dir)
    con = open_warehouse(warehouse)
    with tempfile.TemporaryDirectory(prefix="cpw-check-") as tmp:
        work = Path(tmp)
        try:
            with quiet_gx(), no_batch_fingerprint():
                checkpoint = GxCheckpoint(None if docs_dir is None else work / "docs")
                for suite in suites:
                    checkpoint.prepare(suite)
                timings["prepare"] = time.perf_counter() - started
                row_counts: dict[str, int] = {}
                skipped: list[str] = []
                for suite in suites:
                    if not table_columns(con, suite.schema, suite.table):
                        skipped.append(suite.name)
                        continue
                    parquet = work / f"{suite.name}.parquet"
                    columns = referenced_columns(suite)
                    row_counts[suite.name] = write_parquet(
                        con, suite.schema, suite.table, columns, parquet
                    )
                    checkpoint.add(suite, parquet)
                rule_counts = read_rule_counts(con)
                con.close()
                timings["export"] = time.perf_counter() - started - timings["prepare"]
                mark = time.perf_counter()
                runs = checkpoint.run()
                if not runs:
                    checkpoint.build_docs()
                # GX renders the Data Docs inside the checkpoint run (its UpdateDataDocsAction).
                phase = "validate" if docs_dir is None else "validate_and_render_docs"
                timings[phase] = time.perf_counter() - mark
        finally:
            con.close()
        results: list[ExpectationResult] = [
            result_from_gx(run.suite.name, run.suite.guards, result, row_counts[run.suite.name])
            for run in runs
            for result in run.results
        ]
        report = CheckReport(
            run_id=str(uuid.uuid4()),
            run_at=run_at,
            results=tuple(results),
            skipped_suites=tuple(skipped),
            rule_counts=rule_counts,
        )
        mark = time.perf_counter()
        append_results(warehouse, report)
        timings["store"] = time.perf_counter() - mark
        if docs_dir is not None:
            mark = time.perf_counter()
            statuses = report.suite_statuses()
            report = report.with_docs(publish_docs(work / "docs", docs_dir, statuses))
            timings["publish_docs"] = time.perf_counter() - mark
    return report.with_timings(timings)
