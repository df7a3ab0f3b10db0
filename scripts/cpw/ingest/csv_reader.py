"""Read one CSV file into a frame of text columns, keeping line numbers and values as written.

Unquoted files (almost every 903 export) are split with polars string operations, so the work
per row happens in Rust, not Python; a file with any quote character goes through the csv
module, which understands quoting.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from cpw.errors import CpwInputError

# Case systems export UTF-8 (with or without a byte-order mark) or Windows-1252; nothing else
# has been seen in 903 extracts, so anything else is reported rather than guessed.
ENCODINGS = ("utf-8-sig", "cp1252")


@dataclass(frozen=True)
class CsvContent:
    """A decoded CSV: header, rows that fit it, rows that don't (with their text), encoding.

    `rows` has one String column per header position (`f0`, `f1`, ...) and `_source_line`.
    """

    header: list[str]
    rows: pl.DataFrame
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


LINE_SEPARATOR = "\x1f"  # a control character no 903 value contains: each line is one field


def _lines(text: str) -> pl.DataFrame:
    """Every line of the text as a row, blank lines included (as null), CR removed."""
    if LINE_SEPARATOR in text or not text:
        lines = [line.removesuffix("\r") for line in text.split("\n")]
        if lines and lines[-1] == "":
            lines.pop()
        return pl.DataFrame({"line": lines}, schema={"line": pl.String})
    return pl.read_csv(
        io.BytesIO(text.encode("utf-8")),
        has_header=False,
        separator=LINE_SEPARATOR,
        quote_char=None,
        infer_schema=False,
        new_columns=["line"],
    )


def _records_plain(text: str) -> pl.DataFrame:
    """Line number, line text and fields of every non-blank line (no quoting in the file)."""
    return (
        _lines(text)
        .with_row_index("_source_line", offset=1)
        .with_columns(pl.col("_source_line").cast(pl.Int32))
        .filter(
            pl.col("line").is_not_null() & (pl.col("line").str.replace_all(r"[ ,\t]", "") != "")
        )
        .with_columns(pl.col("line").str.split(",").alias("fields"))
    )


def _records_quoted(text: str, path: Path) -> pl.DataFrame:
    reader = csv.reader(io.StringIO(text, newline=""))
    numbers: list[int] = []
    lines: list[str] = []
    fields: list[list[str]] = []
    start = 1
    try:
        for record in reader:
            if any(field.strip() for field in record):
                numbers.append(start)
                lines.append(",".join(record))
                fields.append(record)
            start = reader.line_num + 1
    except csv.Error as err:
        raise CpwInputError(f"malformed CSV: {err}", file=path, row=reader.line_num) from err
    return pl.DataFrame(
        {"_source_line": numbers, "line": lines, "fields": fields},
        schema={"_source_line": pl.Int32, "line": pl.String, "fields": pl.List(pl.String)},
    )


def read_csv(path: Path) -> CsvContent:
    """Read a CSV file; blank lines are skipped, every other line is kept with its number."""
    text, encoding = decode(path.read_bytes(), path)
    records = _records_quoted(text, path) if '"' in text else _records_plain(text)
    if records.height == 0:
        raise CpwInputError("empty file: no header row", file=path)
    header = list(records["fields"][0])
    width = len(header)
    body = records.slice(1).with_columns(
        pl.col("fields").list.len().alias("found"),
        # trailing empty fields (Excel pads short rows with commas) carry nothing
        pl.col("fields")
        .list.slice(width)
        .list.eval(pl.element().str.strip_chars() != "")
        .list.any()
        .fill_null(False)
        .alias("has_overflow"),
    )
    fits = (pl.col("found") == width) | ((pl.col("found") > width) & ~pl.col("has_overflow"))
    good = body.filter(fits)
    bad = body.filter(~fits)
    rows = good.select(
        pl.col("_source_line"),
        *[pl.col("fields").list.get(i).alias(f"f{i}") for i in range(width)],
    )
    ragged = list(
        zip(
            bad["_source_line"].to_list(),
            bad["line"].to_list(),
            bad["found"].to_list(),
            strict=True,
        )
    )
    return CsvContent(header=header, rows=rows, ragged=ragged, encoding=encoding)
