"""What one collection year's 903 return shows, and writing it as CSV files.

A year's return holds every episode open at any time between 1 April and 31 March. An episode
still open on 31 March is shown without DEC, REC and REASON_PLACE_CHANGE: its end is only
reported in a later year's return. The other tables follow the child-level rules of the 903
(data standards §2-§13): who is in each cohort is read off the simulated history, and the
outcome values that only exist in a return (OC2, OC3) are drawn from a random source seeded by
the child and the year, so a year's files never depend on which other years were written.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cpw.ingest.tables import TABLES as INGEST_TABLES
from cpw.synth import outcomes
from cpw.synth.dates import CollectionYear, add_years, age_in_years, fmt
from cpw.synth.model import Child, Episode

# The 903 tables and their columns in DfE order, as the loader defines them (one list for both).
TABLES: dict[str, tuple[str, ...]] = {spec.name: spec.column_names for spec in INGEST_TABLES}
HEADER_COLUMNS = TABLES["header"]
EPISODE_COLUMNS = TABLES["episodes"]
REVIEW_COLUMNS = TABLES["reviews"]
# The first collection year (the calendar year it ends) each table is part of the return.
FIRST_YEAR = {"sw_episodes": 2024, "dolo": 2027}

# Codes changed in 2024-25: SEX became M/F and supported accommodation became K3.
_NEW_CODES_FROM = 2025
# English H5 settings needed a URN once registration began (validator rule 230).
_H5_URN_FROM = date(2023, 10, 29)
SHORT_BREAKS = frozenset({"V3", "V4"})
# Leaving care by these routes ends the duty to a care leaver (no OC3).
_NOT_CARE_LEAVER = frozenset({"E11", "E12", "E41", "E45", "E46", "E47", "E48", "E2", "E3"})

Row = tuple[str, ...]


def tables_for(year: CollectionYear) -> dict[str, tuple[str, ...]]:
    """The tables (name -> columns) that are part of ``year``'s return."""
    return {n: c for n, c in TABLES.items() if year.end_year >= FIRST_YEAR.get(n, 0)}


def _sex(child: Child, year: CollectionYear) -> str:
    if year.end_year >= _NEW_CODES_FROM:
        return "M" if child.is_male else "F"
    return "1" if child.is_male else "2"


def _upn(child: Child, year: CollectionYear) -> str:
    # UN1 only while under 4 on 31 August before the collection year (validator rule 209).
    reference = date(year.end_year - 2, 8, 31)
    return "UN1" if add_years(child.dob, 4) > reference else child.upn


def header_row(
    child: Child, year: CollectionYear, looked_after: bool = True, short_breaks_only: bool = False
) -> Row:
    """Return the child's Header row as reported in ``year``.

    Args:
        child: The simulated child.
        year: The collection year.
        looked_after: False for a care leaver who is in the return only for OC3 (MOTHER is
            then left blank, as it is only required for girls looked after in the year,
            unless she is already a mother: a first child's date of birth, once returned, is
            returned again, or DfE's rule 624 reads it as changed).
        short_breaks_only: the child is looked after only under short breaks (V3/V4) this
            year, so MOTHER and MC_DOB are blank (validator rule 399).

    Returns:
        Values in ``HEADER_COLUMNS`` order.
    """
    mother, mc_dob = "", ""
    is_mother = child.mc_dob is not None and child.mc_dob <= year.end
    if not child.is_male and not short_breaks_only and (looked_after or is_mother):
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


def _upto(day: date | None, year: CollectionYear) -> str:
    """A date as the return shows it: blank if it falls after the year."""
    return "" if day is None or day > year.end else fmt(day)


@dataclass(frozen=True)
class Period:
    """One period of care: its first day, last day and episodes."""

    start: date
    end: date
    episodes: tuple[Episode, ...]


def periods(child: Child) -> list[Period]:
    """Split a child's episodes into periods of care (each begins with RNE S)."""
    found: list[list[Episode]] = []
    for episode in child.episodes:
        if episode.rne == "S" or not found:
            found.append([])
        found[-1].append(episode)
    return [Period(eps[0].decom, eps[-1].dec, tuple(eps)) for eps in found]


def in_oc2_cohort(child: Child, year: CollectionYear) -> bool:
    """Looked after continuously for at least 12 months on 31 March (short breaks excluded).

    A period that began on 1 April counts, as in the DfE's validation rules (190/191): only a
    start after the first day of the year breaks the 12 months.
    """
    return any(
        p.start <= year.start and p.end > year.end and p.episodes[0].ls not in SHORT_BREAKS
        for p in periods(child)
    )


def care_leaver_birthday(child: Child, year: CollectionYear) -> int | None:
    """The age (17-21) of a care leaver's birthday in ``year``, or None if not in the OC3 cohort.

    A care leaver here was looked after for at least 13 weeks after their 14th birthday and on
    or after their 16th, left care by a route that keeps the leaving-care duty, and is not
    looked after on the birthday (validator rules 391, 1000, 1007, 1011).
    """
    care = [p for p in periods(child) if p.episodes[0].ls not in SHORT_BREAKS]
    if not care:
        return None
    for age in range(17, 22):
        birthday = add_years(child.dob, age)
        if year.start <= birthday <= year.end:
            break
    else:
        return None
    last = care[-1]
    if last.end > birthday or last.episodes[-1].rec in _NOT_CARE_LEAVER:
        return None
    fourteen, sixteen = add_years(child.dob, 14), add_years(child.dob, 16)
    days_after_14 = sum(max(0, (p.end - max(p.start, fourteen)).days) for p in care)
    if days_after_14 < 91 or last.end <= sixteen:
        return None
    return age


def _rng(seed: int, child: Child, year: CollectionYear, what: str) -> random.Random:
    return random.Random(f"{seed}/{child.child_id}/{year.end_year}/{what}")


def _child_tables(
    child: Child, year: CollectionYear, seed: int, tables: dict[str, list[Row]]
) -> None:
    episodes = [e for e in child.episodes if e.decom <= year.end and e.dec >= year.start]
    leaver_age = care_leaver_birthday(child, year)
    if not episodes:
        if leaver_age is not None:
            tables["header"].append(header_row(child, year, looked_after=False))
            tables["oc3"].append(
                outcomes.oc3_row(_rng(seed, child, year, "oc3"), child, year, leaver_age)
            )
        return
    cid, dob = child.child_id, fmt(child.dob)
    # MOTHER is left blank for a child looked after only under short breaks (validator 399)
    short_breaks_only = all(e.ls in SHORT_BREAKS for e in episodes)
    tables["header"].append(header_row(child, year, short_breaks_only=short_breaks_only))
    tables["episodes"].extend(episode_row(child, e, year) for e in episodes)
    if child.uasc_until is not None:
        tables["uasc"].append((cid, _sex(child, year), dob, _upto(child.uasc_until, year)))
    tables["reviews"].extend(
        (cid, dob, fmt(r.held), r.code) for r in child.reviews if year.start <= r.held <= year.end
    )
    if leaver_age is not None:
        tables["oc3"].append(
            outcomes.oc3_row(_rng(seed, child, year, "oc3"), child, year, leaver_age)
        )
    elif in_oc2_cohort(child, year):
        tables["oc2"].append(outcomes.oc2_row(_rng(seed, child, year, "oc2"), child, year))
    adopted = [e for e in episodes if e.rec in ("E11", "E12") and e.dec <= year.end]
    if adopted:
        decision = next(
            (d for d in child.adoption if d.period_end == adopted[-1].dec and d.matched), None
        )
        if decision is not None and decision.matched is not None:
            tables["ad1"].append(
                (
                    cid,
                    dob,
                    fmt(decision.decided),
                    fmt(decision.matched),
                    "0",
                    str(decision.adopters),
                    decision.adopter_sex,
                    decision.adopter_status,
                )
            )
    for decision in child.adoption:
        closes = decision.ceased or decision.period_end or year.end
        if decision.decided <= year.end and closes >= year.start:
            shown = decision.ceased is not None and decision.ceased <= year.end
            tables["placed_adoption"].append(
                (
                    cid,
                    dob,
                    fmt(decision.decided),
                    _upto(decision.ceased, year),
                    decision.ceased_reason if shown else "",
                )
            )
    starts = [e.decom for e in episodes if e.rne == "S" and e.decom >= year.start]
    if starts:
        perm = next((p for p in child.prev_perm if p.start == starts[0]), None)
        option, la, when = (perm.option, perm.la, perm.order_date) if perm else ("Z1", "", "")
        tables["prev_perm"].append((cid, dob, option, la, when))
    tables["missing"].extend(
        (cid, dob, m.kind, fmt(m.start), _upto(m.end, year))
        for m in child.missing
        if m.start <= year.end and m.end >= year.start
    )
    if "sw_episodes" in tables:
        tables["sw_episodes"].extend(
            (cid, dob, w.sw_id, fmt(w.start), _upto(w.end, year), w.reason)
            for w in child.social_workers
            if w.start <= year.end and w.end >= year.start
        )
    if "dolo" in tables:
        tables["dolo"].extend(
            (cid, dob, fmt(start), _upto(end, year))
            for start, end in child.dolo
            if start <= year.end and end >= year.start
        )


def year_tables(
    children: Iterable[Child], year: CollectionYear, seed: int = 0
) -> dict[str, list[Row]]:
    """Build every table of one year's return.

    Args:
        children: The whole simulated population.
        year: The collection year.
        seed: The council's seed, for the outcome values drawn per child and year.

    Returns:
        Rows per table (those in ``tables_for(year)``), sorted by child and date.
    """
    tables: dict[str, list[Row]] = {name: [] for name in tables_for(year)}
    for child in sorted(children, key=lambda c: c.child_id):
        _child_tables(child, year, seed, tables)
    return tables


def age_on(child: Child, day: date) -> int:
    """The child's age in completed years on ``day``."""
    return age_in_years(child.dob, day)


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
