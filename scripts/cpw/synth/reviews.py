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


def schedule(rng: random.Random, start: date, end: date, dob: date) -> list[Review]:
    """Hold reviews for one period of care, from ``start`` until care ends on ``end``.

    Args:
        rng: Random source.
        start: Date the period of care began.
        end: Date it ended; no review is held on or after it.
        dob: Child's date of birth (for PN0).

    Returns:
        The reviews in date order.
    """
    reviews: list[Review] = []
    due = add_weekdays(start, 20)
    earliest = start + timedelta(days=7)
    while True:
        index = min(len(reviews), 2)
        if rng.random() < ON_TIME_SHARE:
            low = max(earliest, due - timedelta(days=_EARLY_WINDOW[index]))
            held = low + timedelta(days=rng.randint(0, max(0, (due - low).days)))
        else:
            held = due + timedelta(days=rng.randint(1, MAX_DAYS_LATE))
        if held >= end:
            return reviews
        reviews.append(Review(held, participation(rng, dob, held)))
        due = add_months(held, 3 if len(reviews) == 1 else 6)
        earliest = held + timedelta(days=28)
