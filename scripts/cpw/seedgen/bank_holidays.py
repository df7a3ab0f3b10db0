"""Generate seeds/calendar/bank_holidays_england_wales.csv from the `holidays` package.

England and Wales share one list of bank holidays (Christmas Day and Good Friday are common-law
holidays and are in it too). Run: `python -m cpw.seedgen.bank_holidays`.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import holidays

from cpw.settings import PROJECT_ROOT

FIRST_YEAR = 2005
LAST_YEAR = 2035
SEED_PATH = PROJECT_ROOT / "seeds" / "calendar" / "bank_holidays_england_wales.csv"


def bank_holidays(
    first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR
) -> list[tuple[date, str]]:
    """Bank holidays in England (the same days as Wales), sorted by date."""
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    return sorted((day, str(name)) for day, name in calendar.items())


def render(rows: list[tuple[date, str]]) -> str:
    """The seed's CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["holiday_date", "holiday_name"])
    for day, name in rows:
        writer.writerow([day.isoformat(), name])
    return out.getvalue()


def main(path: Path = SEED_PATH) -> None:
    """Write the seed file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(bank_holidays()), encoding="utf-8")


if __name__ == "__main__":
    main()
