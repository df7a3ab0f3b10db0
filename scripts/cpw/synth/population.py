"""Simulating the council's looked-after population, child by child."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from cpw.synth import codes, events
from cpw.synth.care import Context, build_period
from cpw.synth.dates import add_years, age_in_years
from cpw.synth.identity import Providers, child_ids, postcode, social_worker_ids, upn
from cpw.synth.model import (
    AdoptionDecision,
    Child,
    Episode,
    Missing,
    PreviousPermanence,
    Review,
    SocialWorker,
)
from cpw.synth.placements import PlacementMaker
from cpw.synth.plans import draw_plan
from cpw.synth.reviews import schedule

# New children entering care each year, per child looked after during a year (national
# starts / children looked after during the year is about 0.28; the rest of the entries
# here make up for the share of the simulated window with no output year).
ENTRY_RATE = 0.26
SHORT_BREAK_SHARE = 0.015
RE_ENTRY_SHARE = 0.15
MOTHER_SHARE = 0.06
# Unaccompanied asylum-seeking children: share of entries, all aged 14-17 on entry.
UASC_SHARE = 0.09
HISTORY_YEARS = 18
# Age on entry in days, by entry age group.
_AGE_DAYS = {
    "u1": (0, 364),
    "1-4": (365, 1825),
    "5-9": (1826, 3652),
    "10-15": (3653, 5843),
    "16+": (5844, 6450),
}


def _entry_dob(rng: random.Random, start: date) -> tuple[date, str]:
    group = codes.pick(rng, codes.ENTRY_AGE)
    low, high = _AGE_DAYS[group]
    if group == "u1" and rng.random() < 0.3:
        high = 14  # removed at or soon after birth
    return start - timedelta(days=rng.randint(low, high)), group


def _group_for(age_days: int) -> str:
    for group, (low, high) in _AGE_DAYS.items():
        if low <= age_days <= high:
            return group
    return "16+"


def _mother_child_dob(
    rng: random.Random,
    dob: date,
    periods: list[tuple[date, date]],
) -> date | None:
    """Date of birth of a girl's own first child, born while she is looked after."""
    if rng.random() >= MOTHER_SHARE:
        return None
    for start, end in periods:
        low = max(start, add_years(dob, 15) + timedelta(days=180))
        span = (end - low).days - 1
        if span > 0:
            return low + timedelta(days=rng.randint(0, span))
    return None


def _uasc_dob(rng: random.Random, start: date) -> tuple[date, str]:
    dob = start - timedelta(days=rng.randint(14 * 365 + 4, 17 * 365 + 200))
    return dob, "16+" if age_in_years(dob, start) >= 16 else "10-15"


def _looked_after_child(
    rng: random.Random,
    child_id: str,
    start: date,
    council: Council,
    first_start: date,
) -> Child:
    is_uasc = rng.random() < UASC_SHARE
    if is_uasc:
        dob, group = _uasc_dob(rng, start)
        is_male = rng.random() < 0.92
        home_post = ""
    else:
        dob, group = _entry_dob(rng, start)
        is_male = rng.random() < 0.55
        home_post = postcode(rng, near=rng.random() < 0.9)
    maker = PlacementMaker(rng, council.providers, home_post)
    cin = "N8" if is_uasc else codes.pick(rng, codes.CATEGORY_OF_NEED)
    episodes: list[Episode] = []
    reviews: list[Review] = []
    periods: list[tuple[date, date]] = []
    missing: list[Missing] = []
    workers: list[SocialWorker] = []
    decisions: list[AdoptionDecision] = []
    prev_perm: list[PreviousPermanence] = []
    dolo: list[tuple[date, date]] = []
    for _ in range(2):
        plan = draw_plan(rng, dob, start, group, age_in_years(dob, start), uasc=is_uasc)
        period = build_period(rng, maker, plan, Context(dob, cin, home_post))
        episodes.extend(period)
        if plan.end >= first_start:  # earlier reviews never reach a return
            reviews.extend(schedule(rng, plan.start, plan.end, dob))
        periods.append((plan.start, plan.end))
        if plan.end >= council.history_from:
            missing.extend(events.missing_episodes(rng, dob, period))
            workers.extend(events.social_workers(rng, plan.start, plan.end, council.workers))
            decision = events.adoption_decision(rng, plan)
            if decision is not None:
                decisions.append(decision)
            prev_perm.append(events.previous_permanence(rng, dob, plan.start))
            dolo.extend(events.dolo_orders(rng, dob, period))
        restart = plan.end + timedelta(days=rng.randint(30, 900))
        if (
            plan.route not in ("home", "other")
            or is_uasc
            or rng.random() >= RE_ENTRY_SHARE
            or restart >= add_years(dob, 18) - timedelta(days=120)
        ):
            break
        start, group = restart, _group_for((restart - dob).days)
        if rng.random() < 0.3:
            cin = codes.pick(rng, codes.CATEGORY_OF_NEED)
    mc_dob = None if is_male else _mother_child_dob(rng, dob, periods)
    ethnic = codes.pick(rng, codes.UASC_ETHNICITY if is_uasc else codes.ETHNICITY)
    return Child(
        child_id,
        is_male,
        dob,
        ethnic,
        upn(rng, dob.year),
        mc_dob,
        tuple(episodes),
        tuple(reviews),
        uasc_until=add_years(dob, 18) if is_uasc else None,
        missing=tuple(missing),
        social_workers=tuple(workers),
        adoption=tuple(decisions),
        prev_perm=tuple(prev_perm),
        dolo=tuple(dolo),
    )


def _short_break_child(rng: random.Random, child_id: str, start: date, council: Council) -> Child:
    """A disabled child on an agreed series of short breaks (V3): each break is its own period."""
    dob = start - timedelta(days=rng.randint(5 * 365, 16 * 365))
    finish = min(
        start + timedelta(days=rng.randint(365, 5 * 365)), add_years(dob, 18) - timedelta(days=10)
    )
    if rng.random() < 0.7:
        place, urn = "K2", council.providers.short_breaks
    else:
        place, urn = "U6", council.providers.la_fostering
    episodes: list[Episode] = []
    day = start
    prev_perm = []
    while day < finish:
        prev_perm.append(PreviousPermanence(day, "Z1", "", ""))
        back = day + timedelta(days=rng.randint(1, 4))
        # no postcodes for V3 (validator rule 398); the child goes home after each break
        episodes.append(Episode(day, back, "S", "V3", "N2", place, "PR1", urn, "E4A", "", "", ""))
        day = back + timedelta(days=rng.randint(10, 45))
    return Child(
        child_id,
        rng.random() < 0.6,
        dob,
        codes.pick(rng, codes.ETHNICITY),
        upn(rng, dob.year),
        None,
        tuple(episodes),
        (),
        prev_perm=tuple(prev_perm),
    )


@dataclass(frozen=True)
class Council:
    """What the children of one council share: providers, social workers, the output window."""

    providers: Providers
    workers: tuple[str, ...]
    history_from: date


def simulate(
    seed: int, children: int, first_start: date, last_end: date, id_prefix: str = "C"
) -> list[Child]:
    """Simulate every child who enters care in the window before and during the output years.

    The window opens ``HISTORY_YEARS`` before the first collection year, so the first year
    already has children who came into care long ago; entries are spread evenly over it.

    Args:
        seed: Master seed; each child also gets its own seeded random source.
        children: Target number of children looked after during a year.
        first_start: 1 April of the first collection year.
        last_end: 31 March of the last collection year.
        id_prefix: Letter(s) that start every child id (one per council at national scale).

    Returns:
        The simulated children (including ones never seen in an output year).
    """
    rng = random.Random(seed)
    providers = Providers.invent(rng)
    workers = social_worker_ids(rng, max(4, children // 14))
    # events are only needed for periods that can still reach a return (care leavers to 21)
    council = Council(providers, workers, add_years(first_start, -4))
    window_start = add_years(first_start, -HISTORY_YEARS)
    span = (last_end - window_start).days
    n = round(children * ENTRY_RATE * span / 365.25)
    ids = child_ids(rng, n, id_prefix)
    starts = sorted(window_start + timedelta(days=rng.randint(0, span)) for _ in range(n))
    result = []
    for index, (child_id, start) in enumerate(zip(ids, starts, strict=True)):
        child_rng = random.Random(f"{seed}/{index}")
        if child_rng.random() < SHORT_BREAK_SHARE:
            result.append(_short_break_child(child_rng, child_id, start, council))
        else:
            result.append(_looked_after_child(child_rng, child_id, start, council, first_start))
    return result
