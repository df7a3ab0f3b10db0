"""Valid codes for the loader's checks, read from the same seed CSVs dbt loads."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cpw.settings import PROJECT_ROOT

CODES_DIR = PROJECT_ROOT / "seeds" / "codes"


@dataclass(frozen=True)
class CodeRow:
    """One valid code and the collection years it is valid in (inclusive)."""

    list_name: str
    code: str
    first_collection_year: int
    last_collection_year: int


@cache
def code_rows(codes_dir: Path = CODES_DIR) -> tuple[CodeRow, ...]:
    """Every code of every code-list seed; a seed without year columns is valid in every year."""
    rows: list[CodeRow] = []
    for path in sorted(codes_dir.glob("ssda903_*_codes.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            code_column = reader.fieldnames[0] if reader.fieldnames else ""
            for record in reader:
                rows.append(
                    CodeRow(
                        path.stem,
                        record[code_column],
                        int(record.get("first_collection_year") or 2000),
                        int(record.get("last_collection_year") or 2099),
                    )
                )
    return tuple(rows)
