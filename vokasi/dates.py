"""Calendar arithmetic every app shares: months, years, ages.

One copy of each rule, because copies drift: a month added in one place clamped to the
month's end, and a year subtracted in another raised on 29 February.
"""

from __future__ import annotations

import calendar
import datetime

ONE_DAY = datetime.timedelta(days=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier), clamped to the month's last day:
    31 January + 1 is 28 (29) February, 31 August + 6 is 28 (29) February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later (or earlier, for a negative ``years``); 29 February
    becomes 28 February in a year that has none."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Whole years of age on ``day``: the birthday counts from the day itself (someone born
    on 29 February turns a year older on 1 March in a common year)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def birth_range(
    day: datetime.date, youngest: int | None, oldest: int | None
) -> tuple[datetime.date | None, datetime.date | None]:
    """Birth dates of the people aged ``youngest``..``oldest`` on ``day``, as the inclusive
    range ``(earliest, latest)`` an index can answer; ``None`` leaves that end open."""
    latest = None if youngest is None else add_years(day, -youngest)
    earliest = None if oldest is None else add_years(day, -(oldest + 1)) + ONE_DAY
    return earliest, latest
