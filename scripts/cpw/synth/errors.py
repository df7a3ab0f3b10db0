"""Controlled data errors: a known number of named mistakes, and a ground-truth manifest.

Each error is made in a distinct row of a written table, so every row the loader reports has
exactly one cause. Kinds and what the loader is expected to do with them:

* ``bad_date``: a date that is not ``dd/mm/yyyy`` or not a real day. In a key column (DECOM,
  REVIEW) the row is ``rejected``; elsewhere (DEC, DOB) it is ``flagged``.
* ``unknown_code``: a code that is not valid in that collection year, including last year's
  coding (SEX ``1`` from 2024-25, ``M`` before it). Always ``flagged``.
* ``duplicate_key``: an existing row written a second time, at the end of the file. The
  second copy is ``rejected``; its column is the key, e.g. ``CHILD,DECOM``.
* ``broken_episode_chain``: the DECOM of an episode that follows an ``X1`` moved a few days
  later, leaving a gap in the chain. The row loads cleanly (``none``); only the validation rules
  downstream (validator rules 388/433) can find it.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from cpw.synth.returns import TABLES, Row

KINDS = ("bad_date", "unknown_code", "duplicate_key", "broken_episode_chain")
DEFAULT_PER_KIND = 5

# (table, column, key column?) where each kind can be made.
_DATE_TARGETS = (
    ("episodes", "DEC", False),
    ("episodes", "DECOM", True),
    ("reviews", "REVIEW", True),
    ("header", "DOB", False),
)
_CODE_TARGETS = (
    ("episodes", "PLACE"),
    ("episodes", "LS"),
    ("header", "ETHNIC"),
    ("header", "SEX"),
    ("reviews", "REVIEW_CODE"),
)
# The loader also accepts d/m/yyyy and ISO dates, so these are impossible or malformed.
_BAD_DATES = ("31/02/2024", "30/02/2023", "15/13/2023", "31/04/2024", "2024.03.31", "32/01/2024")
_BAD_CODES = {"PLACE": "Q9", "LS": "X9", "ETHNIC": "WXYZ", "REVIEW_CODE": "PN9"}
_KEYS = {"header": "CHILD", "episodes": "CHILD,DECOM", "reviews": "CHILD,REVIEW"}


@dataclass(frozen=True)
class InjectedError:
    """One entry of the manifest."""

    kind: str
    year: str
    file: str
    line: int
    column: str
    value: str
    expected_disposition: str


def counts_for(inject: bool | int | dict[str, int]) -> dict[str, int]:
    """How many errors of each kind an ``inject_errors`` argument asks for."""
    if isinstance(inject, dict):
        unknown = set(inject) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown error kinds: {sorted(unknown)}")
        return {k: int(inject.get(k, 0)) for k in KINDS}
    if inject is True:
        return dict.fromkeys(KINDS, DEFAULT_PER_KIND)
    if inject is False:
        return dict.fromkeys(KINDS, 0)
    return dict.fromkeys(KINDS, int(inject))


def _parse(text: str) -> datetime:
    return datetime.strptime(text, "%d/%m/%Y")


def inject(
    rng: random.Random,
    year_label: str,
    end_year: int,
    tables: dict[str, list[Row]],
    counts: dict[str, int],
) -> list[InjectedError]:
    """Make ``counts`` errors in one year's tables, in place, and describe each.

    Args:
        rng: Random source for the errors.
        year_label: e.g. ``2024-25`` (the folder the files are in).
        end_year: Calendar year the collection ends.
        tables: The year's rows per table; rows are replaced or appended.
        counts: Errors wanted per kind.

    Returns:
        The manifest entries, with 1-based file line numbers (the header is line 1).
    """
    used: set[tuple[str, int]] = set()
    made: list[InjectedError] = []

    def free_row(table: str, ok: object = None) -> int | None:
        rows = tables[table]
        for _ in range(200):
            index = rng.randrange(len(rows)) if rows else -1
            if index < 0:
                return None
            if (table, index) not in used and (ok is None or ok(rows[index])):  # type: ignore[operator]
                used.add((table, index))
                return index
        return None

    def record(kind: str, table: str, index: int, column: str, value: str, how: str) -> None:
        made.append(
            InjectedError(
                kind, year_label, f"{year_label}/{table}.csv", index + 2, column, value, how
            )
        )

    def replace(table: str, index: int, column: str, value: str) -> None:
        row = list(tables[table][index])
        row[TABLES[table].index(column)] = value
        tables[table][index] = tuple(row)

    for _ in range(counts.get("bad_date", 0)):
        table, column, is_key = rng.choice(_DATE_TARGETS)
        position = TABLES[table].index(column)
        index = free_row(table, lambda r, p=position: r[p] != "")
        if index is None:
            continue
        value = rng.choice(_BAD_DATES)
        replace(table, index, column, value)
        record("bad_date", table, index, column, value, "rejected" if is_key else "flagged")
    for _ in range(counts.get("unknown_code", 0)):
        table, column = rng.choice(_CODE_TARGETS)
        index = free_row(table)
        if index is None:
            continue
        if column == "SEX":
            current = tables[table][index][TABLES[table].index("SEX")]
            old_coding = {"M": "1", "F": "2", "1": "M", "2": "F"}
            value = old_coding.get(current, "9")
        else:
            value = _BAD_CODES[column]
        replace(table, index, column, value)
        record("unknown_code", table, index, column, value, "flagged")
    episodes = tables["episodes"]
    columns = TABLES["episodes"]
    rec, dec = columns.index("REC"), columns.index("DEC")
    for _ in range(counts.get("broken_episode_chain", 0)):
        candidates = [
            i
            for i in range(1, len(episodes))
            if ("episodes", i) not in used
            and ("episodes", i - 1) not in used
            and episodes[i - 1][0] == episodes[i][0]
            and episodes[i - 1][rec] == "X1"
            and episodes[i][dec]
            and (_parse(episodes[i][dec]) - _parse(episodes[i][1])).days > 10
        ]
        if not candidates:
            continue
        index = rng.choice(candidates)
        used.add(("episodes", index))
        new = (_parse(episodes[index][1]) + timedelta(days=rng.randint(2, 5))).strftime("%d/%m/%Y")
        replace("episodes", index, "DECOM", new)
        record("broken_episode_chain", "episodes", index, "DECOM", new, "none")
    for _ in range(counts.get("duplicate_key", 0)):
        table = rng.choice(("header", "episodes", "reviews"))
        index = free_row(table)
        if index is None:
            continue
        row = tables[table][index]
        tables[table].append(row)
        key = _KEYS[table]
        value = ",".join(row[TABLES[table].index(k)] for k in key.split(","))
        record("duplicate_key", table, len(tables[table]) - 1, key, value, "rejected")
    _ = end_year
    return made


def manifest_records(errors: list[InjectedError]) -> list[dict[str, object]]:
    """The manifest as JSON-ready dicts."""
    return [asdict(e) for e in errors]
