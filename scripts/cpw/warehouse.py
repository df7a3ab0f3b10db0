"""The only module that opens DuckDB files, and the atomic-swap rule that protects the warehouse.

A run never writes the live warehouse in place: it works on a copy (or a new file) beside it and
renames that over the live file only when the whole step succeeded. A failed run leaves the
previous warehouse exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb

# Evidence's DuckDB connector bundles DuckDB 1.4 (1.4.2 in reports/package-lock.json), so the
# files stay in the 1.4 storage format even if a newer duckdb writes them; 1.4's own string
# compression (DICT_FSST) writes the national-scale build's text ~20-35 % faster than the 1.0
# format did (docs/performance.md, "Third pass"). A file keeps the format it was created in.
STORAGE_CONFIG = {"storage_compatibility_version": "v1.4.0"}


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file in the storage format every part of the stack can read."""
    if read_only:
        con = duckdb.connect(str(path), read_only=True)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path), config=dict(STORAGE_CONFIG))
    # cpw prints its own progress; DuckDB's bar would mix into it
    con.execute("set enable_progress_bar = false")
    return con


def _work_path(live: Path) -> Path:
    return live.with_name(f".{live.name}.{os.getpid()}.work")


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


@contextlib.contextmanager
def staged_file(live: Path, start_from_live: bool) -> Iterator[Path]:
    """Yield a work path that replaces `live` only if the block finishes without an exception.

    Args:
        live: the warehouse file users and reports read.
        start_from_live: copy the live file first (a step that adds to it) or start empty
            (a step that rebuilds it from scratch, such as a load).
    """
    work = _work_path(live)
    _remove(work)
    live.parent.mkdir(parents=True, exist_ok=True)
    if start_from_live and live.exists():
        shutil.copy2(live, work)
    try:
        yield work
    except BaseException:
        _remove(work)
        raise
    if work.exists():
        # fold any write-ahead log into the file before it becomes the live warehouse
        con = connect(work)
        try:
            con.execute("checkpoint")
        finally:
            con.close()
        _remove(live.with_name(live.name + ".wal"))
        os.replace(work, live)
