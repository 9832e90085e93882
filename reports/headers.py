"""Column headers that name a number say the number of the setting, never a copy of it:
"cohorts of 16" is ``VOKASI["DEFAULT_COHORT_QUOTA"]``, "placed within 90 days" is
``VOKASI["OUTCOME_PLACED_DAYS"]``, "retained after 180 days" ``OUTCOME_RETENTION_DAYS``.
The page tables and the exports (CSV, XLSX) read them here."""

from __future__ import annotations

from django.utils.translation import gettext as _


def cohorts() -> str:
    from reports.recommendation import class_size

    return _("Cohorts of %(size)s to open") % {"size": class_size()}


def placed(days: int, *, short: bool = False) -> str:
    if short:
        return _("Placed ≤ %(days)s days") % {"days": days}
    return _("Placed within %(days)s days") % {"days": days}


def placement_rate(days: int, *, short: bool = False) -> str:
    if short:
        return _("Rate ≤ %(days)s days") % {"days": days}
    return _("Placement rate, %(days)s days") % {"days": days}


def retained(days: int) -> str:
    return _("Retained after %(days)s days") % {"days": days}


def followed(days: int) -> str:
    return _("Followed up after %(days)s days") % {"days": days}
