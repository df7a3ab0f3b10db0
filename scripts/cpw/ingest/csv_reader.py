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
    """A decoded CSV: header, rows that fit it, rows that don't (with their text), encoding."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    ragged: list[tuple[int, str, int]]  # (line number, the line as written, fields found)
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


def _split_plain(text: str) -> list[tuple[int, str, list[str]]]:
    # No quote character anywhere: every line is one record and commas always separate.
    return [
        (number, line, line.split(","))
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip(" ,\t")
    ]


def _split_quoted(text: str, path: Path) -> list[tuple[int, str, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, str, list[str]]] = []
    start = 1
    try:
        for record in reader:
            if any(field.strip() for field in record):
                records.append((start, ",".join(record), record))
            start = reader.line_num + 1
    except csv.Error as err:
        raise CpwInputError(f"malformed CSV: {err}", file=path, row=reader.line_num) from err
    return records


def read_csv(path: Path) -> CsvContent:
    """Read a CSV file; blank lines are skipped, every other line is kept with its number."""
    text, encoding = decode(path.read_bytes(), path)
    records = _split_quoted(text, path) if '"' in text else _split_plain(text)
    if not records:
        raise CpwInputError("empty file: no header row", file=path)
    _, _, header = records[0]
    width = len(header)
    rows: list[tuple[int, list[str]]] = []
    ragged: list[tuple[int, str, int]] = []
    for number, line, fields in records[1:]:
        if len(fields) == width:
            rows.append((number, fields))
        elif len(fields) > width and not any(f.strip() for f in fields[width:]):
            # trailing empty fields (Excel pads short rows with commas) carry nothing
            rows.append((number, fields[:width]))
        else:
            ragged.append((number, line, len(fields)))
    return CsvContent(header=header, rows=rows, ragged=ragged, encoding=encoding)
