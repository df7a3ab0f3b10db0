"""Read one CSV file into rows of text, keeping line numbers and every value as written."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from cpw.errors import CpwInputError

# Case systems export UTF-8 (with or without a byte-order mark) or Windows-1252; nothing else
# has been seen in 903 extracts, so anything else is reported rather than guessed.
ENCODINGS = ("utf-8-sig", "cp1252")


@dataclass(frozen=True)
class CsvContent:
    """A decoded CSV: its header, its data rows with their 1-based line numbers, its encoding."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode file bytes with the first encoding that fits, and say which one it was."""
    if b"\x00" in data[:4096]:
        # UTF-16 and spreadsheet binaries decode as garbage in Windows-1252 rather than failing
        raise CpwInputError("not a text CSV (UTF-16 or binary): save it as UTF-8 CSV", file=path)
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise CpwInputError("not readable as UTF-8 or Windows-1252 text", file=path)


def read_csv(path: Path) -> CsvContent:
    """Read a CSV file; blank lines are skipped, every other line is kept with its number."""
    text, encoding = decode(path.read_bytes(), path)
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        for record in reader:
            if not any(field.strip() for field in record):
                continue
            if header is None:
                header = record
                continue
            rows.append((reader.line_num, record))
    except csv.Error as err:
        raise CpwInputError(f"malformed CSV: {err}", file=path, row=reader.line_num) from err
    if header is None:
        raise CpwInputError("empty file: no header row", file=path)
    return CsvContent(header=header, rows=rows, encoding=encoding)
