"""Date arithmetic the generator needs: birthdays, calendar months, weekdays, collection years."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache


def add_years(day: date, years: int) -> date:
    """Return the same day-of-year ``years`` later; 29 February falls back to the 28th.

    Args:
        day: The starting date.
        years: Whole years to add (may be negative).

    Returns:
        The shifted date.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """Add calendar months, clamping to the last day of a shorter month.

    Args:
        day: The starting date.
        months: Calendar months to add.

    Returns:
        The shifted date (31 August + 6 months is 28 or 29 February).
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_weekdays(day: date, n: int) -> date:
    """Count ``n`` weekdays forward, the start day being day 0.

    Bank holidays are ignored: the synthetic data only needs a plausible due date, and the
    warehouse computes the official one from its own calendar.

    Args:
        day: The event date (day 0).
        n: Number of weekdays to count.

    Returns:
        The n-th weekday after ``day``.
    """
    current = day
    remaining = n
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def age_in_years(dob: date, on: date) -> int:
    """Return the age in completed years on a date.

    Args:
        dob: Date of birth.
        on: The date at which the age is wanted.

    Returns:
        Whole years of age.
    """
    years = on.year - dob.year
    if (on.month, on.day) < (dob.month, dob.day):
        years -= 1
    return years


@lru_cache(maxsize=65536)
def fmt(day: date | None) -> str:
    """Format a date as the 903's ``dd/mm/yyyy``, or an empty string for ``None``.

    Args:
        day: The date, or None for a blank field.

    Returns:
        The formatted text.
    """
    return "" if day is None else day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class CollectionYear:
    """One SSDA903 collection year, named by the calendar year in which it ends."""

    end_year: int

    @property
    def start(self) -> date:
        """First day of the collection (1 April)."""
        return date(self.end_year - 1, 4, 1)

    @property
    def end(self) -> date:
        """Last day of the collection (31 March)."""
        return date(self.end_year, 3, 31)

    @property
    def label(self) -> str:
        """Folder name such as ``2024-25``."""
        return f"{self.end_year - 1}-{self.end_year % 100:02d}"
