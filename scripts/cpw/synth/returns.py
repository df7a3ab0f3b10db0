"""What one collection year's 903 return shows, and writing it as CSV files.

A year's return holds every episode open at any time between 1 April and 31 March. An episode
still open on 31 March is shown without DEC, REC and REASON_PLACE_CHANGE: its end is only
reported in a later year's return.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from cpw.synth.dates import CollectionYear, add_years, fmt
from cpw.synth.model import Child, Episode

HEADER_COLUMNS = ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB")
EPISODE_COLUMNS = (
    "CHILD",
    "DECOM",
    "RNE",
    "LS",
    "CIN",
    "PLACE",
    "PLACE_PROVIDER",
    "DEC",
    "REC",
    "REASON_PLACE_CHANGE",
    "HOME_POST",
    "PL_POST",
    "URN",
)
REVIEW_COLUMNS = ("CHILD", "DOB", "REVIEW", "REVIEW_CODE")
TABLES = {"header": HEADER_COLUMNS, "episodes": EPISODE_COLUMNS, "reviews": REVIEW_COLUMNS}

# Codes changed in 2024-25: SEX became M/F and supported accommodation became K3.
_NEW_CODES_FROM = 2025
# English H5 settings needed a URN once registration began (validator rule 230).
_H5_URN_FROM = date(2023, 10, 29)

Row = tuple[str, ...]


def _sex(child: Child, year: CollectionYear) -> str:
    if year.end_year >= _NEW_CODES_FROM:
        return "M" if child.is_male else "F"
    return "1" if child.is_male else "2"


def _upn(child: Child, year: CollectionYear) -> str:
    # UN1 only while under 4 on 31 August before the collection year (validator rule 209).
    reference = date(year.end_year - 2, 8, 31)
    return "UN1" if add_years(child.dob, 4) > reference else child.upn


def header_row(child: Child, year: CollectionYear) -> Row:
    """Return the child's Header row as reported in ``year``.

    Args:
        child: The simulated child.
        year: The collection year.

    Returns:
        Values in ``HEADER_COLUMNS`` order.
    """
    mother, mc_dob = "", ""
    if not child.is_male:
        is_mother = child.mc_dob is not None and child.mc_dob <= year.end
        mother = "1" if is_mother else "0"
        mc_dob = fmt(child.mc_dob) if is_mother else ""
    return (
        child.child_id,
        _sex(child, year),
        fmt(child.dob),
        child.ethnic,
        _upn(child, year),
        mother,
        mc_dob,
    )


def _place_and_urn(episode: Episode, year: CollectionYear) -> tuple[str, str]:
    if episode.place != "H5":
        return episode.place, episode.urn
    if year.end_year >= _NEW_CODES_FROM:
        return "K3", episode.urn
    needs_urn = year.end_year == _NEW_CODES_FROM - 1 and episode.dec >= _H5_URN_FROM
    return "H5", episode.urn if needs_urn else ""


def episode_row(child: Child, episode: Episode, year: CollectionYear) -> Row:
    """Return an Episodes row as reported in ``year`` (its end hidden if after 31 March).

    Args:
        child: The child the episode belongs to.
        episode: The episode, open at some point in ``year``.
        year: The collection year.

    Returns:
        Values in ``EPISODE_COLUMNS`` order.
    """
    is_open = episode.dec > year.end
    place, urn = _place_and_urn(episode, year)
    return (
        child.child_id,
        fmt(episode.decom),
        episode.rne,
        episode.ls,
        episode.cin,
        place,
        episode.provider,
        "" if is_open else fmt(episode.dec),
        "" if is_open else episode.rec,
        "" if is_open else episode.reason,
        episode.home_post,
        episode.pl_post,
        urn,
    )


def year_tables(children: list[Child], year: CollectionYear) -> dict[str, list[Row]]:
    """Build the header, episodes and reviews rows of one year's return.

    Args:
        children: The whole simulated population.
        year: The collection year.

    Returns:
        Rows per table, sorted by child and date.
    """
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    for child in sorted(children, key=lambda c: c.child_id):
        episodes = [e for e in child.episodes if e.decom <= year.end and e.dec >= year.start]
        if not episodes:
            continue
        tables["header"].append(header_row(child, year))
        tables["episodes"].extend(episode_row(child, e, year) for e in episodes)
        tables["reviews"].extend(
            (child.child_id, fmt(child.dob), fmt(r.held), r.code)
            for r in child.reviews
            if year.start <= r.held <= year.end
        )
    return tables


def write_table(path: Path, columns: tuple[str, ...], rows: list[Row]) -> None:
    """Write one CSV: UTF-8, LF line endings, a header row, no quoting needed.

    Args:
        path: File to write.
        columns: Column names, in order.
        rows: Data rows.
    """
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
