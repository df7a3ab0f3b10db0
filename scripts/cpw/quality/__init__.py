"""Data-quality checks: Great Expectations suites stored as JSON, run over the warehouse."""

from cpw.quality.checks import run_checks
from cpw.quality.results import CheckReport, ExpectationResult

__all__ = ["CheckReport", "ExpectationResult", "run_checks"]
