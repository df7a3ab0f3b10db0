"""Run cpw suites as one Great Expectations 1.x checkpoint, and build its Data Docs.

GX's SQL datasource over DuckDB is broken in GX 1.x (every metric fails with `IndexError` in
`resolve_metric_bundle`), so each guarded table is first written by DuckDB to a Parquet file
(only the columns its suite names) and GX validates it through its pandas datasource: one
datasource and Parquet asset per table, one validation definition per suite, and a single
`Checkpoint` holding them all, with an `UpdateDataDocsAction` when Data Docs are wanted.

Great Expectations is imported lazily: importing it takes several seconds, and the CLI imports
this package for every command.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cpw.errors import CpwInputError
from cpw.quality.results import GX_PARTIAL_COUNT
from cpw.quality.suites import Suite

CHECKPOINT_NAME = "cpw_check"
DOCS_SITE = "cpw"
_GX_LOGGERS = ("great_expectations",)


@contextlib.contextmanager
def quiet_gx() -> Iterator[None]:
    """Silence GX's logging and warnings for the duration of the block, then restore them."""
    loggers = [logging.getLogger(name) for name in _GX_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


@contextlib.contextmanager
def no_batch_fingerprint() -> Iterator[None]:
    """Skip the fingerprint GX's pandas engine takes of every batch, then restore it.

    GX hashes the whole frame (`pd.util.hash_pandas_object`) for a batch marker that cpw never
    reads, whenever the frame is under `HASH_THRESHOLD` bytes: more than half of the validation
    time on a million episode rows (about 2 s of 3.9 s). Setting the threshold to zero for the
    block skips only that marker; the expectations run unchanged. If a GX release drops the
    constant, this does nothing and validation is merely slower.
    """
    from great_expectations.execution_engine import pandas_execution_engine as engine

    previous = getattr(engine, "HASH_THRESHOLD", None)
    if previous is None:
        yield
        return
    engine.HASH_THRESHOLD = 0
    try:
        yield
    finally:
        engine.HASH_THRESHOLD = previous


@dataclass(frozen=True)
class SuiteRun:
    """One suite's results from a checkpoint run.

    Attributes:
        suite: the suite.
        results: GX results (`to_json_dict()` form), in the suite file's order.
    """

    suite: Suite
    results: list[dict[str, Any]]


class GxCheckpoint:
    """An ephemeral GX context holding cpw's suites, their Parquet data and one checkpoint.

    Nothing is written to disk but the Data Docs (when a folder is given): the context, its
    suites and its validation results live in memory for one run. Create it inside
    `quiet_gx()`; GX logs while it builds the context.
    """

    def __init__(self, docs_dir: Path | None = None) -> None:
        """Start an ephemeral context; with `docs_dir`, add a Data Docs site writing there."""
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self._gx: Any = gx
        self._context: Any = gx.get_context(mode="ephemeral")
        # GX draws tqdm bars on stderr for every metric graph unless told not to.
        self._context.variables.progress_bars = ProgressBarsConfig(
            globally=False, metric_calculations=False
        )
        self._docs = docs_dir is not None
        if docs_dir is not None:
            self._context.add_data_docs_site(
                site_name=DOCS_SITE,
                site_config={
                    "class_name": "SiteBuilder",
                    "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                    "store_backend": {
                        "class_name": "TupleFilesystemStoreBackend",
                        "base_directory": str(docs_dir),
                    },
                },
            )
        self._suites: dict[str, Any] = {}
        self._definitions: list[Any] = []
        self._order: list[Suite] = []

    def prepare(self, suite: Suite) -> None:
        """Build the GX suite from its JSON, so a bad suite fails before any data is read.

        Args:
            suite: a suite whose cpw conventions have been checked.

        Raises:
            CpwInputError: GX rejects the suite or an expectation in it.
        """
        try:
            gx_suite = self._gx.ExpectationSuite(**suite.document)
        except Exception as err:  # GX raises pydantic, GX and plain errors alike
            raise CpwInputError(f"Great Expectations rejects the suite: {err}", suite.path) from err
        # GX logs and drops an expectation whose type it does not know instead of raising.
        if len(gx_suite.expectations) != len(suite.expectations):
            known = {expectation.expectation_type for expectation in gx_suite.expectations}
            unknown = sorted({e["type"] for e in suite.expectations} - known)
            raise CpwInputError(f"unknown expectation type(s): {', '.join(unknown)}", suite.path)
        self._suites[suite.name] = self._context.suites.add(gx_suite)

    def add(self, suite: Suite, parquet: Path) -> None:
        """Put a prepared suite in the checkpoint, validating the rows in a Parquet file."""
        datasource = self._context.data_sources.add_pandas(suite.name)
        asset = datasource.add_parquet_asset(name=suite.table, path=parquet)
        batch_definition = asset.add_batch_definition_whole_dataframe(suite.guards)
        self._definitions.append(
            self._context.validation_definitions.add(
                self._gx.ValidationDefinition(
                    name=suite.name, data=batch_definition, suite=self._suites[suite.name]
                )
            )
        )
        self._order.append(suite)

    def run(self) -> list[SuiteRun]:
        """Run the checkpoint over every added suite (and update the Data Docs, if asked).

        Returns:
            One entry per added suite, in the order they were added.
        """
        if not self._definitions:
            return []
        actions = (
            [self._gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=[DOCS_SITE])]
            if self._docs
            else []
        )
        checkpoint = self._context.checkpoints.add(
            self._gx.Checkpoint(
                name=CHECKPOINT_NAME,
                validation_definitions=self._definitions,
                actions=actions,
                result_format={
                    "result_format": "BASIC",
                    "partial_unexpected_count": GX_PARTIAL_COUNT,
                },
            )
        )
        outcome = checkpoint.run()
        by_suite = {
            key.expectation_suite_identifier.name: validation
            for key, validation in outcome.run_results.items()
        }
        runs: list[SuiteRun] = []
        for suite in self._order:
            gx_suite = self._suites[suite.name]
            # GX returns results in its own order; put them back in file order by id.
            position = {e.id: index for index, e in enumerate(gx_suite.expectations)}
            results = sorted(
                by_suite[suite.name].results,
                key=lambda result: position[result.expectation_config.id],
            )
            runs.append(SuiteRun(suite, [result.to_json_dict() for result in results]))
        return runs

    def build_docs(self) -> None:
        """Build the Data Docs when no checkpoint ran (e.g. every table skipped)."""
        if self._docs:
            self._context.build_data_docs(site_names=[DOCS_SITE])
