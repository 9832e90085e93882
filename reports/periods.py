"""Report periods: a date range for link-and-match and outcomes, calendar periods for IPK."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vokasi.dates import add_months

MONTHS_ID = [
    "",
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def default_range(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The last 12 whole months up to and including the current one."""
    today = today or timezone.localdate()
    start = add_months(today.replace(day=1), -11)
    return start, month_end(today.year, today.month)


def parse_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class Period:
    """A calendar period for the IPK tables: a month, quarter, semester or year."""

    kind: str  # "month" | "quarter" | "semester" | "year"
    year: int
    number: int = 1  # month 1-12, quarter 1-4, semester 1-2; 1 for a year

    KINDS = {"month": 1, "quarter": 3, "semester": 6, "year": 12}

    @property
    def months(self) -> int:
        return self.KINDS[self.kind]

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, (self.number - 1) * self.months + 1, 1)

    @property
    def end(self) -> datetime.date:
        last = add_months(self.start, self.months)
        return last - datetime.timedelta(days=1)

    def previous(self) -> Period:
        first = add_months(self.start, -self.months)
        return Period(self.kind, first.year, (first.month - 1) // self.months + 1)

    def next(self) -> Period:
        first = add_months(self.start, self.months)
        return Period(self.kind, first.year, (first.month - 1) // self.months + 1)

    @property
    def code(self) -> str:
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        if self.kind == "semester":
            return f"{self.year}-S{self.number}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{MONTHS_ID[self.number]} {self.year}"
        if self.kind == "quarter":
            return _("Quarter") + f" {self.number} {self.year}"
        if self.kind == "semester":
            return _("Semester") + f" {self.number} {self.year}"
        return str(self.year)


def period_from_params(params, today: datetime.date | None = None) -> Period:
    """``year`` with one of ``month``, ``quarter``, ``semester``; ``year`` alone is a year.

    Without a year, the last whole month. Raises ``ValueError`` on a bad value.
    """
    today = today or timezone.localdate()
    year = params.get("year")
    if not year:
        last = add_months(today.replace(day=1), -1)
        return Period("month", last.year, last.month)
    year = int(year)
    if not 1900 <= year <= 2200:
        raise ValueError("year")
    for kind, limit in (("month", 12), ("quarter", 4), ("semester", 2)):
        value = params.get(kind)
        if value not in (None, ""):
            number = int(value)
            if not 1 <= number <= limit:
                raise ValueError(kind)
            return Period(kind, year, number)
    return Period("year", year, 1)
