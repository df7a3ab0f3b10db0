"""Run a command as a child process and report its wall time and peak resident memory."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Measurement:
    """One finished run of a command."""

    wall_seconds: float
    peak_rss_mb: float
    returncode: int


def measure(command: list[str], env: dict[str, str] | None = None) -> Measurement:
    """Run `command`, wait for it, and read its own rusage (not the parent's)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if process.stderr is not None:
        process.stderr.close()
    # ru_maxrss is in KiB on Linux
    return Measurement(wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))


def median(values: list[float]) -> float:
    """The median of a non-empty list."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
