"""Statutory reviews on the CPPCR 2010 regulation 33 timetable.

The first review is due within 20 working days of the child becoming looked after, the second
within three months of the first and later ones within six months of the previous review. Most
reviews are held in the weeks before they fall due; a minority are held late, so the review
measures come out neither all on time nor all late.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from cpw.synth import codes
from cpw.synth.dates import add_months, add_weekdays, add_years
from cpw.synth.fastrand import randint
from cpw.synth.model import Review

ON_TIME_SHARE = 0.85
MAX_DAYS_LATE = 40
# How far ahead of the due date an on-time review may be held: first, second, later reviews.
_EARLY_WINDOW = (10, 21, 30)


def participation(rng: random.Random, dob: date, held: date) -> str:
    """Return the REVIEW_CODE: ``PN0`` under 4 (validator rules 440/441), else PN1-PN7.

    Args:
        rng: Random source.
        dob: Child's date of birth.
        held: Review date.

    Returns:
        The participation code.
    """
    if held < add_years(dob, 4):
        return "PN0"
    return codes.pick(rng, codes.PARTICIPATION)


def schedule(
    rng: random.Random,
    start: date,
    end: date,
    dob: date,
    skip_before: date | None = None,
    until: date | None = None,
) -> list[Review]:
    """Hold reviews for one period of care, from ``start`` until care ends on ``end``.

    Args:
        rng: Random source.
        start: Date the period of care began.
        end: Date it ended; no review is held on or after it.
        dob: Child's date of birth (for PN0).
        skip_before: When the period began more than two years before this date, its early
            reviews are not simulated: the timetable is picked up at a later review held in
            the 6 months before ``skip_before`` (only reviews from then on are returned).
        until: No review after this date is simulated (the last collection year's end).

    Returns:
        The reviews in date order, each with the date it was due.
    """
    reviews: list[Review] = []
    due = add_weekdays(start, 20)
    earliest = start + timedelta(days=7)
    held_before = 0
    if skip_before is not None and start < add_years(skip_before, -2):
        last = skip_before - timedelta(days=randint(rng, 1, 183))
        due, earliest, held_before = add_months(last, 6), last + timedelta(days=28), 2
    four = add_years(dob, 4)
    while True:
        index = min(len(reviews) + held_before, 2)
        if rng.random() < ON_TIME_SHARE:
            low = max(earliest, due - timedelta(days=_EARLY_WINDOW[index]))
            held = low + timedelta(days=randint(rng, 0, max(0, (due - low).days)))
        else:
            held = due + timedelta(days=randint(rng, 1, MAX_DAYS_LATE))
        if held >= end or (until is not None and held > until):
            return reviews
        code = "PN0" if held < four else codes.pick(rng, codes.PARTICIPATION)
        reviews.append(Review(held, code, due))
        due = add_months(held, 3 if len(reviews) + held_before == 1 else 6)
        earliest = held + timedelta(days=28)
