"""Read expectation suites stored as JSON data in `expectations/`.

A suite file is plain GX 1.x JSON (`gx.ExpectationSuite(**doc)` loads it back) with two cpw
conventions on top: `meta.guards` names the warehouse table it checks (`raw.header`), and every
expectation's `meta` carries `rule` (the 903 validator rule or data-standards section it enforces)
and `critical` (true for structural checks that must stop a run). This module checks those
conventions without importing Great Expectations, which takes seconds to import.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cpw.errors import CpwInputError

_GUARDS = re.compile(r"^([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)$")

# Expectations that inspect every column of the table, so the whole table must be read.
_WHOLE_TABLE_TYPES = frozenset(
    {
        "expect_table_column_count_to_equal",
        "expect_table_column_count_to_be_between",
        "expect_table_columns_to_match_ordered_list",
    }
)
_COLUMN_KWARGS = ("column", "column_A", "column_B")
_COLUMN_LIST_KWARGS = ("column_list", "column_set")


@dataclass(frozen=True)
class Suite:
    """One suite file: its parsed JSON and the table it guards.

    Attributes:
        name: the suite name, equal to the file stem.
        schema: schema of the guarded table (`raw`).
        table: name of the guarded table (`episodes`).
        path: the JSON file it came from.
        document: the parsed JSON, as `gx.ExpectationSuite(**document)` accepts it.
    """

    name: str
    schema: str
    table: str
    path: Path
    document: dict[str, Any]

    @property
    def guards(self) -> str:
        """The guarded table as `schema.table`."""
        return f"{self.schema}.{self.table}"

    @property
    def expectations(self) -> list[dict[str, Any]]:
        """The expectation entries, in file order."""
        entries: list[dict[str, Any]] = self.document["expectations"]
        return entries


def load_suites(expectations_dir: Path) -> list[Suite]:
    """Load and check every `*.json` suite in a folder, sorted by file name.

    Args:
        expectations_dir: the folder holding the suite files.

    Returns:
        The suites, one per file.

    Raises:
        CpwInputError: the folder is missing or empty, or a file is not a valid cpw suite.
    """
    if not expectations_dir.is_dir():
        raise CpwInputError("expectations folder not found", file=expectations_dir)
    paths = sorted(expectations_dir.glob("*.json"))
    if not paths:
        raise CpwInputError("no expectation suites (*.json) in folder", file=expectations_dir)
    return [load_suite(path) for path in paths]


def load_suite(path: Path) -> Suite:
    """Parse one suite file and check the cpw conventions.

    Args:
        path: a `*.json` suite file.

    Returns:
        The parsed suite.

    Raises:
        CpwInputError: the file is unreadable, not JSON, or breaks a convention.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise CpwInputError(f"not valid JSON: {err.msg}", file=path, row=err.lineno) from err
    except (OSError, UnicodeDecodeError) as err:
        raise CpwInputError(f"cannot read suite: {err}", file=path) from err
    if not isinstance(document, dict):
        raise CpwInputError("a suite must be a JSON object", file=path)
    if document.get("name") != path.stem:
        raise CpwInputError(f"suite name must equal the file name {path.stem!r}", file=path)
    meta = document.get("meta")
    guards = meta.get("guards") if isinstance(meta, dict) else None
    match = _GUARDS.match(guards) if isinstance(guards, str) else None
    if match is None:
        raise CpwInputError("meta.guards must name a table as 'schema.table'", file=path)
    expectations = document.get("expectations")
    if not isinstance(expectations, list) or not expectations:
        raise CpwInputError("a suite needs a non-empty 'expectations' list", file=path)
    for position, entry in enumerate(expectations, start=1):
        _check_entry(entry, position, path)
    return Suite(
        name=path.stem,
        schema=match.group(1),
        table=match.group(2),
        path=path,
        document=document,
    )


def _check_entry(entry: object, position: int, path: Path) -> None:
    where = f"expectation {position}"
    if not isinstance(entry, dict):
        raise CpwInputError(f"{where} must be a JSON object", file=path)
    if not isinstance(entry.get("type"), str) or not isinstance(entry.get("kwargs"), dict):
        raise CpwInputError(f"{where} needs a 'type' string and a 'kwargs' object", file=path)
    meta = entry.get("meta")
    if not isinstance(meta, dict):
        raise CpwInputError(f"{where} ({entry['type']}) needs a 'meta' object", file=path)
    rule = meta.get("rule")
    if not isinstance(rule, str) or not rule.strip():
        raise CpwInputError(f"{where} ({entry['type']}) needs meta.rule", file=path)
    if not isinstance(meta.get("critical"), bool):
        raise CpwInputError(f"{where} ({entry['type']}) needs meta.critical true/false", file=path)


def referenced_columns(suite: Suite) -> list[str] | None:
    """The columns a suite's expectations name, so only those need reading.

    Args:
        suite: a loaded suite.

    Returns:
        Column names in first-mention order, or None when some expectation looks at every
        column of the table (then the whole table must be read).
    """
    columns: dict[str, None] = {}
    for entry in suite.expectations:
        kwargs: dict[str, Any] = entry["kwargs"]
        whole_set = entry["type"] == "expect_table_columns_to_match_set" and kwargs.get(
            "exact_match", True
        )
        if entry["type"] in _WHOLE_TABLE_TYPES or whole_set:
            return None
        for key in _COLUMN_KWARGS:
            if isinstance(kwargs.get(key), str):
                columns[kwargs[key]] = None
        for key in _COLUMN_LIST_KWARGS:
            for name in kwargs.get(key) or []:
                columns[str(name)] = None
    return list(columns)
