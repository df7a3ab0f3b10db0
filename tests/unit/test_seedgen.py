"""Seeds generated from maintained libraries are exactly what their generator writes."""

from __future__ import annotations

from datetime import date

from cpw.seedgen import bank_holidays


def test_committed_bank_holiday_seed_equals_the_generator_output() -> None:
    committed = bank_holidays.SEED_PATH.read_text(encoding="utf-8")
    assert committed == bank_holidays.render(bank_holidays.bank_holidays())


def test_known_england_and_wales_bank_holidays_are_present() -> None:
    days = {day for day, _ in bank_holidays.bank_holidays(2024, 2025)}
    # Good Friday, Easter Monday, Christmas and Boxing Day 2024; New Year's Day 2025
    for known in (
        date(2024, 3, 29),
        date(2024, 4, 1),
        date(2024, 12, 25),
        date(2024, 12, 26),
        date(2025, 1, 1),
    ):
        assert known in days
    # St Andrew's Day is a Scottish bank holiday, not an English one
    assert date(2024, 12, 2) not in days
