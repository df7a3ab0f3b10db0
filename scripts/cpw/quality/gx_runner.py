"""Validate pandas frames against cpw suites with Great Expectations 1.x.

GX's SQL datasource over DuckDB is broken in GX 1.x (every metric fails with `IndexError` in
`resolve_metric_bundle`), so tables are read from DuckDB into pandas and validated through GX's
pandas datasource: ephemeral context, one dataframe asset per suite, a whole-dataframe batch
definition, and the frame passed as `batch_parameters={"dataframe": frame}`.

Great Expectations is imported lazily: importing it takes several seconds, and the CLI imports
this package for every command.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator
from typing import Any

from cpw.errors import CpwInputError
from cpw.quality.results import GX_PARTIAL_COUNT, ExpectationResult, result_from_gx
from cpw.quality.store import PandasFrame
from cpw.quality.suites import Suite

_DATASOURCE = "cpw"
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


class GxValidator:
    """An ephemeral GX context for pandas frames, progress bars off.

    Nothing is written to disk: the context, its suites and its validation results live in
    memory for one run.

    Create it inside `quiet_gx()`; GX logs while it builds the context.
    """

    def __init__(self) -> None:
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self._gx: Any = gx
        self._context: Any = gx.get_context(mode="ephemeral")
        # GX draws tqdm bars on stderr for every metric graph unless told not to.
        self._context.variables.progress_bars = ProgressBarsConfig(
            globally=False, metric_calculations=False
        )
        self._suites: dict[str, Any] = {}

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

    def validate(self, suite: Suite, frame: PandasFrame) -> list[ExpectationResult]:
        """Validate one frame against a prepared suite.

        Args:
            suite: the suite, already passed to `prepare`.
            frame: the guarded table's rows.

        Returns:
            One result per expectation, in the suite file's order.
        """
        gx_suite = self._suites[suite.name]
        # One datasource per table, deleted afterwards: GX's execution engine keeps a reference
        # to every frame it has validated until its datasource goes.
        datasource = self._context.data_sources.add_pandas(f"{_DATASOURCE}_{suite.name}")
        try:
            asset = datasource.add_dataframe_asset(name=suite.name)
            batch_definition = asset.add_batch_definition_whole_dataframe(f"{suite.name}_all")
            # A validation definition builds the batch once; `batch_definition.get_batch()` then
            # `batch.validate()` builds it twice, and each build fingerprints the whole frame.
            definition = self._context.validation_definitions.add(
                self._gx.ValidationDefinition(
                    name=suite.name, data=batch_definition, suite=gx_suite
                )
            )
            try:
                validation = definition.run(
                    batch_parameters={"dataframe": frame},
                    result_format={
                        "result_format": "BASIC",
                        "partial_unexpected_count": GX_PARTIAL_COUNT,
                    },
                )
            finally:
                self._context.validation_definitions.delete(suite.name)
        finally:
            self._context.data_sources.delete(datasource.name)
        # GX returns results in its own order; put them back in file order by expectation id.
        position = {
            expectation.id: index for index, expectation in enumerate(gx_suite.expectations)
        }
        results = sorted(
            validation.results, key=lambda result: position[result.expectation_config.id]
        )
        return [
            result_from_gx(suite.name, suite.guards, result.to_json_dict(), len(frame))
            for result in results
        ]
