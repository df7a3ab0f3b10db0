"""Local extracts: SSD-aligned tables a council adds beside its 903 return.

Written to ``<year>/local/`` as CSV, with the Standard Safeguarding Dataset's table and column
names (data standards §16). The contract is documented in docs/local_extracts.md. The values
are drawn per child and year from a seeded random source, at configurable compliance rates,
so the measures built on them are neither all green nor all red.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from cpw.synth.dates import CollectionYear, add_months, add_weekdays, add_years, fmt
from cpw.synth.local_more import MORE_TABLES, add_more, make_council, worker_team
from cpw.synth.model import Child, Review
from cpw.synth.returns import SHORT_BREAKS, Period, periods, write_table

# Compliance rates (configurable by editing; see docs/local_extracts.md).
VISIT_ON_TIME = 0.88
VISIT_SEEN = 0.95
VISIT_SEEN_ALONE = 0.70
HEALTH_ASSESSMENT_ON_TIME = 0.80
DENTAL_CHECK = 0.81
RHI_OFFERED, RHI_ACCEPTED = 0.85, 0.60

LOCAL_TABLES: dict[str, tuple[str, ...]] = {
    "ssd_cla_visits": (
        "clav_cla_visit_id",
        "clav_person_id",
        "clav_cla_visit_date",
        "clav_cla_visit_seen",
        "clav_cla_visit_seen_alone",
    ),
    "ssd_cla_reviews": (
        "clar_cla_review_id",
        "clar_person_id",
        "clar_cla_review_due_date",
        "clar_cla_review_date",
        "clar_cla_review_cancelled",
        "clar_cla_review_participation",
    ),
    "ssd_cla_health": (
        "clah_health_check_id",
        "clah_person_id",
        "clah_health_check_type",
        "clah_health_check_date",
        "clah_health_check_status",
    ),
    "ssd_involvements": (
        "invo_involvements_id",
        "invo_professional_id",
        "invo_professional_role_id",
        "invo_person_id",
        "invo_involvement_start_date",
        "invo_involvement_end_date",
        "invo_worker_change_reason",
        "invo_professional_team",
    ),
    "ssd_missing": (
        "miss_table_id",
        "miss_person_id",
        "miss_missing_episode_start_date",
        "miss_missing_episode_type",
        "miss_missing_episode_end_date",
        "miss_missing_rhi_offered",
        "miss_missing_rhi_accepted",
    ),
}

LOCAL_TABLES.update(MORE_TABLES)

Row = tuple[str, ...]


def _yn(rng: random.Random, share: float) -> str:
    return "Y" if rng.random() < share else "N"


_LONG_TERM = frozenset({"U1", "U4"})
_NEW_PLACEMENT = frozenset({"S", "P", "B"})


def _visits(child: Child, period: Period, year: CollectionYear, seed: int, rows: list[Row]) -> None:
    """Statutory visits (CPPCR reg 28), scheduled per placement so that a move restarts them.

    Within a week of each placement start, then 6-weekly in the placement's first year and
    afterwards 3-monthly in a long-term foster placement (U1/U4), 6-weekly otherwise; weekly
    while placed with parents (P1) in the first 4 months. A share of visits are late by up to
    30 days. The history is drawn per period, so every year's extract agrees with the others.
    """
    rng = random.Random(f"{seed}/{child.child_id}/{period.start:%Y%m%d}/visits")
    starts = [e.decom for e in period.episodes if e.rne in _NEW_PLACEMENT] or [period.start]
    ends = [*starts[1:], period.end]
    for placed, leaves in zip(starts, ends, strict=True):
        day = placed + timedelta(days=rng.randint(1, 7) if rng.random() < VISIT_ON_TIME else 9)
        while day < leaves:
            if year.start <= day <= year.end:
                seen = _yn(rng, VISIT_SEEN)
                alone = (
                    _yn(rng, VISIT_SEEN_ALONE)
                    if seen == "Y" and day >= add_years(child.dob, 4)
                    else "N"
                )
                rows.append(
                    (f"{child.child_id}-V{day:%Y%m%d}", child.child_id, fmt(day), seen, alone)
                )
            place = next((e.place for e in reversed(period.episodes) if e.decom <= day), "")
            if place == "P1" and day < period.start + timedelta(days=120):
                interval = 7
            elif day >= add_years(placed, 1) and place in _LONG_TERM:
                interval = 91
            else:
                interval = 42
            late = rng.randint(1, 30) if rng.random() > VISIT_ON_TIME else 0
            day = day + timedelta(days=interval - rng.randint(0, min(10, interval - 1)) + late)


def _health(
    child: Child, start: date, end: date, year: CollectionYear, seed: int, rows: list[Row]
) -> None:
    """Initial health assessment (due in 20 working days), then reviews; dental checks.

    Reviews are due every 6 months under 5 and every 12 months after. The history is drawn
    per period, so every year's extract agrees with the others.
    """
    rng = random.Random(f"{seed}/{child.child_id}/{start:%Y%m%d}/health")
    due = add_weekdays(start, 20)
    kind = "Initial Health Assessment"
    while due < end:
        held = due - timedelta(days=rng.randint(0, 15))
        if rng.random() > HEALTH_ASSESSMENT_ON_TIME:
            held = due + timedelta(days=rng.randint(1, 60))
        if held < end and year.start <= held <= year.end:
            rows.append(
                (f"{child.child_id}-H{held:%Y%m%d}", child.child_id, kind, fmt(held), "Completed")
            )
        kind = "Review Health Assessment"
        due = add_months(held, 6 if held < add_years(child.dob, 5) else 12)
    dental = start + timedelta(days=rng.randint(30, 200))
    while dental < end:
        if year.start <= dental <= year.end and rng.random() < DENTAL_CHECK:
            rows.append(
                (
                    f"{child.child_id}-D{dental:%Y%m%d}",
                    child.child_id,
                    "Dental Check",
                    fmt(dental),
                    "Completed",
                )
            )
        dental = dental + timedelta(days=rng.randint(300, 420))


def review_id(child: Child, review: Review) -> str:
    """The id of a review in the extracts: the child and the date held."""
    return f"{child.child_id}-R{review.held:%Y%m%d}"


def local_tables(
    children: list[Child], year: CollectionYear, seed: int, size: int | None = None
) -> dict[str, list[Row]]:
    """Build every local extract table for one collection year.

    Args:
        children: The simulated population.
        year: The collection year.
        seed: The council's seed.
        size: Children looked after during a year (sizes the staff pools); by default those
            looked after during ``year``.

    Returns:
        Rows per table, for every table in ``LOCAL_TABLES``.
    """
    tables: dict[str, list[Row]] = {name: [] for name in LOCAL_TABLES}
    history = {
        child.child_id: [p for p in periods(child) if p.episodes[0].ls not in SHORT_BREAKS]
        for child in children
    }
    if size is None:
        size = sum(
            any(p.start <= year.end and p.end >= year.start for p in care)
            for care in history.values()
        )
    for child in children:
        care = [p for p in history[child.child_id] if p.start <= year.end and p.end >= year.start]
        if not care:
            continue
        rng = random.Random(f"{seed}/{child.child_id}/{year.end_year}/local")
        for period in care:
            _visits(child, period, year, seed, tables["ssd_cla_visits"])
            _health(child, period.start, period.end, year, seed, tables["ssd_cla_health"])
            for review in child.reviews:
                if (
                    period.start <= review.held < period.end
                    and year.start <= review.held <= year.end
                ):
                    tables["ssd_cla_reviews"].append(
                        (
                            review_id(child, review),
                            child.child_id,
                            fmt(review.due),
                            fmt(review.held),
                            "N",
                            review.code,
                        )
                    )
        for index, worker in enumerate(child.social_workers):
            if worker.start <= year.end and worker.end >= year.start:
                tables["ssd_involvements"].append(
                    (
                        f"{child.child_id}-I{index + 1}",
                        worker.sw_id,
                        "Social Worker",
                        child.child_id,
                        fmt(worker.start),
                        fmt(worker.end) if worker.end <= year.end else "",
                        worker.reason,
                        worker_team(worker.sw_id, "Social Worker"),
                    )
                )
        for index, missing in enumerate(child.missing):
            if year.start <= missing.start <= year.end:
                offered = _yn(rng, RHI_OFFERED)
                accepted = _yn(rng, RHI_ACCEPTED) if offered == "Y" else "NA"
                tables["ssd_missing"].append(
                    (
                        f"{child.child_id}-M{index + 1}",
                        child.child_id,
                        fmt(missing.start),
                        "Missing" if missing.kind == "M" else "Away",
                        fmt(missing.end),
                        offered,
                        accepted,
                    )
                )
    add_more(make_council(seed, size, children, history), children, history, year, tables)
    return tables


def write_local(
    children: list[Child],
    year: CollectionYear,
    seed: int,
    folder: Path,
    size: int | None = None,
) -> dict[str, int]:
    """Write the local extracts of one year into ``folder``; return rows per table."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = local_tables(children, year, seed, size)
    for name, columns in LOCAL_TABLES.items():
        write_table(folder / f"{name}.csv", columns, tables[name])
    return {name: len(rows) for name, rows in tables.items()}
