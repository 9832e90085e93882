"""How long a registration lasts and when its holder reports back (both in settings)."""

from __future__ import annotations

import datetime

from django.conf import settings

from vokasi.dates import add_months


def valid_months() -> int:
    return settings.VOKASI["REGISTRATION_VALID_MONTHS"]


def _report_months() -> int:
    return settings.VOKASI["REPORT_BACK_MONTHS"]


def report_due_dates(registered_on: datetime.date) -> list[datetime.date]:
    """The report-back dates of a card: every 6 months until it expires (4 in 2 years)."""
    step, valid = _report_months(), valid_months()
    return [add_months(registered_on, m) for m in range(step, valid + 1, step)]


def next_due_after(registered_on: datetime.date, day: datetime.date) -> datetime.date | None:
    """The first report-back date after ``day``, or None once the card's last one is past."""
    return next((due for due in report_due_dates(registered_on) if due > day), None)
