"""Simulating the council's looked-after population, child by child."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from cpw.synth import codes, events
from cpw.synth.care import Context, build_period
from cpw.synth.dates import add_years, age_in_years
from cpw.synth.fastrand import randint
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
from cpw.synth.plans import Plan, draw_plan
from cpw.synth.postcodes import PostcodeArea
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
# The last birthday at which a care leaver can still be in the output: OC3 follows care
# leavers to their 21st birthday, the local extracts to 25. A child whose birthday at that
# age falls before the first collection year can never appear in it.
RETURN_UNTIL_AGE = 21
LOCAL_UNTIL_AGE = 25
# Leaving care by these routes ends the duty to a care leaver (as in returns.py).
_NOT_CARE_LEAVER = frozenset({"E11", "E12", "E41", "E45", "E46", "E47", "E48", "E2", "E3"})
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
    return start - timedelta(days=randint(rng, low, high)), group


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
            return low + timedelta(days=randint(rng, 0, span))
    return None


def _uasc_dob(rng: random.Random, start: date) -> tuple[date, str]:
    dob = start - timedelta(days=randint(rng, 14 * 365 + 4, 17 * 365 + 200))
    return dob, "16+" if age_in_years(dob, start) >= 16 else "10-15"


def _never_output(plans: list[Plan], dob: date, first_start: date) -> bool:
    """True if a child whose periods of care follow ``plans`` cannot appear in any output year.

    That is: every period ends before the first collection year, and the child cannot be a care
    leaver (the last period ended by adoption, SGO, CAO and the like, or before 16, or the child
    was looked after for less than 13 weeks after 14). Decided before any placement is drawn.
    """
    if any(plan.end >= first_start for plan in plans):
        return False
    last = plans[-1]
    if last.exit_code in _NOT_CARE_LEAVER or last.end <= add_years(dob, 16):
        return True
    fourteen = add_years(dob, 14)
    return sum(max(0, (p.end - max(p.start, fourteen)).days) for p in plans) < 91


@dataclass
class Sources:
    """A child's random sources: the main one, and side ones for re-entry, reviews and events.

    The side sources let the generator decide early whether the child can reach an output year,
    and skip simulating reviews long before it, without changing anything else about the child.
    """

    key: str

    @cached_property
    def main(self) -> random.Random:
        """Everything about the child and their episodes."""
        return random.Random(self.key)

    @cached_property
    def reentry(self) -> random.Random:
        """Whether a child who went home comes back into care, and when."""
        return random.Random(f"{self.key}/reentry")

    @cached_property
    def reviews(self) -> random.Random:
        """Review dates and participation."""
        return random.Random(f"{self.key}/reviews")

    @cached_property
    def events(self) -> random.Random:
        """Missing episodes, social workers, adoption decisions, PrevPerm and DoLOs."""
        return random.Random(f"{self.key}/events")

    @classmethod
    def for_child(cls, seed: int, index: int) -> Sources:
        """The sources of the ``index``-th child of a council (each made when first used)."""
        return cls(f"{seed}/{index}")


def _plans(
    sources: Sources, dob: date, start: date, group: str, uasc: bool, cin: str
) -> list[tuple[Plan, str]]:
    """The child's periods of care: the first, and for some who went home, a second."""
    rng = sources.main
    plan = draw_plan(rng, dob, start, group, age_in_years(dob, start), uasc=uasc)
    plans = [(plan, cin)]
    if plan.route not in ("home", "other") or uasc:
        return plans
    returns = sources.reentry.random() < RE_ENTRY_SHARE
    restart = plan.end + timedelta(days=randint(sources.reentry, 30, 900))
    if returns and restart < add_years(dob, 18) - timedelta(days=120):
        if rng.random() < 0.3:
            cin = codes.pick(rng, codes.CATEGORY_OF_NEED)
        group = _group_for((restart - dob).days)
        again = draw_plan(rng, dob, restart, group, age_in_years(dob, restart), uasc=False)
        plans.append((again, cin))
    return plans


def _looked_after_child(
    sources: Sources,
    child_id: str,
    start: date,
    council: Council,
    first_start: date,
    until_age: int = RETURN_UNTIL_AGE,
) -> Child | None:
    rng = sources.main
    is_uasc = rng.random() < UASC_SHARE
    if is_uasc:
        dob, group = _uasc_dob(rng, start)
    else:
        dob, group = _entry_dob(rng, start)
    if add_years(dob, until_age) < first_start:
        return None  # too old to be looked after or a care leaver in any output year
    if is_uasc:
        is_male = rng.random() < 0.92
        home_post = ""
    else:
        is_male = rng.random() < 0.55
        home_post = postcode(rng, rng.random() < 0.9, council.postcodes)
    cin = "N8" if is_uasc else codes.pick(rng, codes.CATEGORY_OF_NEED)
    plans = _plans(sources, dob, start, group, is_uasc, cin)
    if _never_output([plan for plan, _ in plans], dob, first_start):
        return None
    maker = PlacementMaker(rng, council.providers, home_post, council.postcodes)
    episodes: list[Episode] = []
    reviews: list[Review] = []
    missing: list[Missing] = []
    workers: list[SocialWorker] = []
    decisions: list[AdoptionDecision] = []
    prev_perm: list[PreviousPermanence] = []
    dolo: list[tuple[date, date]] = []
    side = sources.events
    for plan, cin in plans:
        period = build_period(rng, maker, plan, Context(dob, cin, home_post))
        episodes.extend(period)
        if plan.end < first_start:
            continue  # nothing else about a period that ended before the output years shows
        # nothing after the last collection year shows, nor reviews long before the first
        until = council.window_end
        reviews.extend(schedule(sources.reviews, plan.start, plan.end, dob, first_start, until))
        missing.extend(events.missing_episodes(side, dob, period, until))
        workers.extend(events.social_workers(side, plan.start, plan.end, council.workers, until))
        decision = events.adoption_decision(side, plan)
        if decision is not None:
            decisions.append(decision)
        prev_perm.append(events.previous_permanence(side, dob, plan.start))
        dolo.extend(events.dolo_orders(side, dob, period, until))
    spans = [(plan.start, plan.end) for plan, _ in plans]
    mc_dob = None if is_male else _mother_child_dob(rng, dob, spans)
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


def _short_break_child(
    rng: random.Random, child_id: str, start: date, council: Council, first_start: date
) -> Child | None:
    """A disabled child on an agreed series of short breaks (V3): each break is its own period.

    None when every break ends before ``first_start`` (the child never reaches a return).
    """
    dob = start - timedelta(days=randint(rng, 5 * 365, 16 * 365))
    finish = min(
        start + timedelta(days=randint(rng, 365, 5 * 365)), add_years(dob, 18) - timedelta(days=10)
    )
    if finish + timedelta(days=5) < first_start:
        return None  # the last break starts before finish and lasts at most 4 nights
    if rng.random() < 0.7:
        place, urn = "K2", council.providers.short_breaks
    else:
        place, urn = "U6", council.providers.la_fostering
    episodes: list[Episode] = []
    day = start
    prev_perm = []
    while day < finish:
        prev_perm.append(PreviousPermanence(day, "Z1", "", ""))
        back = day + timedelta(days=randint(rng, 1, 4))
        # no postcodes for V3 (validator rule 398); the child goes home after each break
        episodes.append(Episode(day, back, "S", "V3", "N2", place, "PR1", urn, "E4A", "", "", ""))
        day = back + timedelta(days=randint(rng, 10, 45))
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
    """What the children of one council share: providers and social workers."""

    providers: Providers
    workers: tuple[str, ...]
    window_end: date  # the last day of the last collection year
    postcodes: PostcodeArea | None = None  # real postcodes, when the council borrows an LA's


def simulate(
    seed: int,
    children: int,
    first_start: date,
    last_end: date,
    id_prefix: str = "C",
    until_age: int = RETURN_UNTIL_AGE,
    postcodes: PostcodeArea | None = None,
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
        until_age: Keep care leavers until this birthday (``LOCAL_UNTIL_AGE`` for the local
            extracts, which follow care leavers to 25).
        postcodes: Real postcode pools; without them postcodes are fake (``CP`` area).

    Returns:
        The simulated children who can appear in an output year (as looked after, or as care
        leavers up to their ``until_age`` birthday). Children who cannot are recognised as
        soon as their date of birth or plans are drawn, and dropped.
    """
    rng = random.Random(seed)
    providers = Providers.invent(rng)
    workers = social_worker_ids(rng, max(4, children // 14))
    council = Council(providers, workers, last_end, postcodes)
    window_start = add_years(first_start, -HISTORY_YEARS)
    span = (last_end - window_start).days
    n = round(children * ENTRY_RATE * span / 365.25)
    ids = child_ids(rng, n, id_prefix)
    starts = sorted(window_start + timedelta(days=randint(rng, 0, span)) for _ in range(n))
    result = []
    for index, (child_id, start) in enumerate(zip(ids, starts, strict=True)):
        sources = Sources.for_child(seed, index)
        child: Child | None
        if sources.main.random() < SHORT_BREAK_SHARE:
            child = _short_break_child(sources.main, child_id, start, council, first_start)
        else:
            child = _looked_after_child(sources, child_id, start, council, first_start, until_age)
        if child is not None:
            result.append(child)
    return result
