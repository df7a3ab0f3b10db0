"""Events around the episodes: missing, social workers, adoption decisions, DoLOs, PrevPerm.

Each is drawn once per period of care, after its episodes exist, so every
event falls inside care and inside the placement it belongs to.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from cpw.synth import codes
from cpw.synth.dates import add_years, age_in_years, fmt
from cpw.synth.fastrand import below, choice, randint
from cpw.synth.model import AdoptionDecision, Episode, Missing, PreviousPermanence, SocialWorker
from cpw.synth.plans import Plan

# Children aged 11+ in care who are prone to going missing, and how often they go (per year).
MISSING_PRONE_SHARE = 0.25
MISSING_MEAN_RATE = 5.0
AWAY_PRONE_SHARE = 0.07
AWAY_MEAN_RATE = 2.0
MISSING_FROM_AGE = 11
# Social worker changes per year of care (national: 27% of children have 3+ workers in a year).
SW_CHANGES_PER_YEAR = 0.85
# Adoption decisions later reversed, for young children whose plan is not adoption.
REVERSED_DECISION_SHARE = 0.12
DOLO_SHARE_OF_K2 = 0.04


def _poisson_days(rng: random.Random, first: date, last: date, per_year: float) -> list[date]:
    days: list[date] = []
    t = float(rng.expovariate(per_year / 365.0))
    span = (last - first).days
    while t < span:
        days.append(first + timedelta(days=int(t)))
        t += rng.expovariate(per_year / 365.0)
    return days


def missing_episodes(
    rng: random.Random, dob: date, episodes: list[Episode], until: date | None = None
) -> list[Missing]:
    """Missing and away episodes of one period, each inside one non-temporary episode.

    Args:
        rng: The child's random source.
        dob: Date of birth (only children aged 11 or over go missing here).
        episodes: The period's episodes, in order.
        until: Placement episodes starting after this date are left out (nothing after the
            last collection year shows).

    Returns:
        Non-overlapping episodes in date order; each ends before its placement episode does.
    """
    found: list[Missing] = []
    eleven = add_years(dob, MISSING_FROM_AGE)
    for kind, share, mean in (
        ("M", MISSING_PRONE_SHARE, MISSING_MEAN_RATE),
        ("A", AWAY_PRONE_SHARE, AWAY_MEAN_RATE),
    ):
        if episodes[-1].dec <= eleven or rng.random() >= share:
            continue
        rate = rng.expovariate(1.0 / mean) + 0.5
        for episode in episodes:
            if episode.place in codes.TEMPORARY or episode.ls in ("V3", "V4"):
                continue
            if until is not None and episode.decom > until:
                break
            first = max(episode.decom, eleven)
            last = episode.dec - timedelta(days=2)
            for day in _poisson_days(rng, first, last, rate):
                end = min(day + timedelta(days=choice(rng, (0, 0, 1, 1, 2, 3))), last)
                found.append(Missing(kind, day, end))
    found.sort(key=lambda m: m.start)
    kept: list[Missing] = []
    for item in found:
        if not kept or item.start > kept[-1].end:
            kept.append(item)
    return kept


def _next_worker(rng: random.Random, pool: tuple[str, ...], worker: str) -> str:
    """Another of the council's first 64 workers: ``choice`` over them without ``worker``."""
    head = pool[:64]
    try:
        skip = head.index(worker)
    except ValueError:
        return head[below(rng, len(head))]
    if len(head) == 1:
        return choice(rng, pool)
    index = below(rng, len(head) - 1)
    return head[index + (index >= skip)]


def social_workers(
    rng: random.Random,
    start: date,
    end: date,
    pool: tuple[str, ...],
    until: date | None = None,
) -> list[SocialWorker]:
    """Social-worker allocations covering one period of care with no gaps or overlaps.

    Args:
        rng: The child's random source.
        start: Start of the period of care (first allocation, reason FCONTA).
        end: End of the period (the last allocation ends with it).
        pool: The council's social workers' (fake) registration numbers.
        until: No allocation starting after this date is drawn (the last one drawn keeps its
            real end).

    Returns:
        Allocations in date order.
    """
    result: list[SocialWorker] = []
    day, reason, worker = start, "FCONTA", choice(rng, pool)
    while True:
        nxt = day + timedelta(days=max(14, int(rng.expovariate(SW_CHANGES_PER_YEAR / 365.0))))
        if nxt >= end - timedelta(days=7):
            result.append(SocialWorker(worker, day, end, reason))
            return result
        result.append(SocialWorker(worker, day, nxt, reason))
        if until is not None and nxt > until:
            return result
        day, reason = nxt, codes.pick(rng, codes.SW_REASON)
        worker = _next_worker(rng, pool, worker)


def adoption_decision(rng: random.Random, plan: Plan) -> AdoptionDecision | None:
    """The ADM decision for a period that ends in adoption, or a decision later reversed.

    Args:
        rng: The child's random source.
        plan: The period's plan.

    Returns:
        The decision, or None when the period has none.
    """
    if plan.route == "adopt" and plan.adoptive_from is not None:
        order = plan.legal[1][0] if len(plan.legal) > 1 else plan.adoptive_from
        span = max(2, (order - plan.start).days)
        decided = plan.start + timedelta(days=max(1, int(span * rng.uniform(0.4, 0.8))))
        gap = max(0, (plan.adoptive_from - decided).days - 1)
        matched = plan.adoptive_from - timedelta(days=min(gap, randint(rng, 14, 90)))
        adopters = 1 if rng.random() < 0.15 else 2
        if adopters == 1:
            sex, status = choice(rng, ("F1", "F1", "F1", "M1")), "L0"
        else:
            sex = codes.pick(rng, codes.ADOPTER_COUPLE)
            status = codes.pick(rng, codes.COUPLE_STATUS[sex])
        return AdoptionDecision(decided, None, "", matched, adopters, sex, status, plan.end)
    if plan.route in ("sgo", "home", "other", "age18") and rng.random() < REVERSED_DECISION_SHARE:
        decided = plan.start + timedelta(days=randint(rng, 90, 300))
        ceased = decided + timedelta(days=randint(rng, 60, 400))
        if ceased < plan.end:
            reason = codes.pick(rng, codes.PLACED_CEASED)
            return AdoptionDecision(decided, ceased, reason, period_end=plan.end)
    return None


def dolo_orders(
    rng: random.Random, dob: date, episodes: list[Episode], until: date | None = None
) -> list[tuple[date, date]]:
    """Deprivation of liberty orders, each inside one children's-home (K2) episode.

    Args:
        rng: The child's random source.
        dob: Date of birth (orders only from age 12).
        episodes: The period's episodes.
        until: Placement episodes starting after this date are left out.

    Returns:
        (start, end) pairs in date order.
    """
    orders = []
    for episode in episodes:
        if until is not None and episode.decom > until:
            break
        span = (episode.dec - episode.decom).days
        if episode.place != "K2" or span < 40 or age_in_years(dob, episode.decom) < 12:
            continue
        if rng.random() < DOLO_SHARE_OF_K2:
            start = episode.decom + timedelta(days=randint(rng, 1, span // 3))
            end = min(
                start + timedelta(days=randint(rng, 30, 300)), episode.dec - timedelta(days=1)
            )
            if end > start:
                orders.append((start, end))
    return orders


def previous_permanence(rng: random.Random, dob: date, start: date) -> PreviousPermanence:
    """PrevPerm for a period of care starting on ``start``.

    Args:
        rng: The child's random source.
        dob: Date of birth.
        start: Start of the period.

    Returns:
        The option, LA and (possibly partly unknown, ``zz``) date of the previous order.
    """
    option = codes.pick(rng, codes.PREV_PERM)
    if option in ("Z1", "P4"):
        return PreviousPermanence(start, option, "", "")
    span = (start - dob).days - 2
    if span < 1:
        return PreviousPermanence(start, "Z1", "", "")
    when = dob + timedelta(days=1 + randint(rng, 0, span))
    text = fmt(when)
    if rng.random() < 0.2:
        text = "zz" + text[2:]
    return PreviousPermanence(start, option, choice(rng, codes.LA_PERM), text)
