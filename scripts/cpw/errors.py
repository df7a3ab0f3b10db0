"""Typed errors that the CLI maps to exit codes and one-line messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class CpwError(Exception):
    """Base class for every error cpw reports to its user."""


@dataclass
class CpwInputError(CpwError):
    """Input that cpw cannot use: names the file, and the row and column when known."""

    message: str
    file: Path | str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file is not None:
            where.append(str(self.file))
        if self.row is not None:
            where.append(f"line {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class CpwStepError(CpwError):
    """A pipeline step (dbt, checks, site build) ran and failed."""


class CpwChecksFailed(CpwError):
    """Data-quality checks ran and at least one critical expectation failed."""
