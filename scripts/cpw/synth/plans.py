"""Planning a period of care: how long it lasts, how it ends and its legal-status timeline."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from cpw.synth import codes
from cpw.synth.dates import add_years
from cpw.synth.fastrand import randint


@dataclass(frozen=True)
class Plan:
    """The shape of one period of care, decided before any placement is drawn.

    Attributes:
        start: Date the child became looked after (DECOM of the RNE ``S`` episode).
        end: Date care ends (DEC of the last episode), never after the 18th birthday.
        route: ``adopt``, ``sgo``, ``cao``, ``home``, ``other`` or ``age18``.
        exit_code: The REC that ends the period; empty for ``age18`` (depends on the placement).
        legal: ``(date, LS)`` pairs, the first at ``start``.
        adoptive_from: Date of the adoptive placement, for the adoption route.
        adoptive_place: ``A6`` (placement order) or ``A4`` (consent).
    """

    start: date
    end: date
    route: str
    exit_code: str
    legal: tuple[tuple[date, str], ...]
    adoptive_from: date | None = None
    adoptive_place: str = ""


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=randint(rng, low, high))


def _lognormal_days(rng: random.Random, median: float, sigma: float) -> timedelta:
    days = rng.lognormvariate(math.log(median), sigma)
    return timedelta(days=int(min(max(days, 3.0), 2190.0)))


def _care_order_path(rng: random.Random, start: date, first: str) -> list[tuple[date, str]]:
    """Interim care order, then usually a full care order some months later."""
    legal = [(start, first)]
    if first == "C1":
        legal.append((start + _days(rng, 150, 300), "C2"))
    return legal


def _legal_for(
    rng: random.Random, route: str, start: date, entry_age: int
) -> list[tuple[date, str]]:
    if route in ("sgo", "cao"):
        return _care_order_path(rng, start, "C1" if rng.random() < 0.8 else "V2")
    if route == "home":
        return _care_order_path(rng, start, "C1" if rng.random() < 0.25 else "V2")
    if route == "other":
        return _care_order_path(rng, start, "C1" if rng.random() < 0.2 else "V2")
    if entry_age >= 16:
        return _care_order_path(rng, start, "C1" if rng.random() < 0.35 else "V2")
    if rng.random() < 0.85:
        return _care_order_path(rng, start, "C1")
    legal = [(start, "V2")]
    if rng.random() < 0.15:
        # s20 accommodation that turns into care proceedings
        legal.extend(_care_order_path(rng, start + _days(rng, 60, 700), "C1"))
    return legal


def _adoption_plan(rng: random.Random, start: date) -> Plan:
    order = start + _days(rng, 180, 420)
    placed = order + _days(rng, 60, 330)
    end = placed + _days(rng, 100, 300)
    if rng.random() < 0.15:
        legal, place = [(start, "V2")], "A4"
    else:
        legal, place = [(start, "C1"), (order, "E1")], "A6"
    return Plan(start, end, "adopt", codes.pick(rng, codes.ADOPTED), tuple(legal), placed, place)


def draw_plan(
    rng: random.Random, dob: date, start: date, age_group: str, entry_age: int, uasc: bool = False
) -> Plan:
    """Decide how a period of care that begins on ``start`` will run and end.

    Args:
        rng: Random source.
        dob: Child's date of birth.
        start: Date the period begins.
        age_group: Entry age group (a key of ``codes.ROUTES``).
        entry_age: Age in years on ``start``.
        uasc: An unaccompanied asylum-seeking child: accommodated under section 20, and
            usually looked after until 18.

    Returns:
        The plan; its end never falls after the 18th birthday, and always after ``start``.
    """
    eighteen = add_years(dob, 18)
    if uasc:
        if rng.random() < 0.9:
            return Plan(
                start, max(eighteen, start + timedelta(days=1)), "age18", "", ((start, "V2"),)
            )
        end = min(start + _days(rng, 30, 500), eighteen)
        return Plan(start, max(end, start + timedelta(days=1)), "other", "E8", ((start, "V2"),))
    route = codes.pick(rng, codes.ROUTES[age_group])
    if route == "adopt":
        plan = _adoption_plan(rng, start)
        if plan.end < eighteen:
            return plan
        route = "age18"
    exit_code = ""
    if route == "home":
        end = start + _lognormal_days(rng, 180, 1.0)
        exit_code = codes.pick(rng, codes.RETURN_HOME)
    elif route == "other":
        end = start + _lognormal_days(rng, 220, 1.0)
        exit_code = codes.pick(rng, codes.OTHER_EXIT)
    elif route == "cao":
        end, exit_code = start + _days(rng, 300, 900), "E41"
    elif route == "sgo":
        end, exit_code = start + _days(rng, 300, 1100), codes.pick(rng, codes.SGO)
    else:
        end = eighteen if rng.random() < 0.8 else eighteen - _days(rng, 1, 200)
    if end >= eighteen:
        end, route, exit_code = eighteen, "age18", ""
    if end <= start:
        end = start + timedelta(days=1)
    legal = tuple((day, ls) for day, ls in _legal_for(rng, route, start, entry_age) if day < end)
    return Plan(start, end, route, exit_code, legal)
