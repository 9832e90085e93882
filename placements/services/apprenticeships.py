"""Apprenticeships (pemagangan, Permenaker 6/2020): the rules a written agreement must
meet, stated once.

A company proposes an apprenticeship by hiring a referred person on an apprenticeship
vacancy; the labour office approves the agreement. Both steps, and the vacancy that
states the duration, check the rules here, so every page and endpoint refuses the same
agreement with the same words:

- the duration lies between 1 month and ``APPRENTICESHIP_MAX_MONTHS`` (a setting: 12);
- the allowance (uang saku) is stated;
- the apprentice is at least ``APPRENTICESHIP_MIN_AGE`` (17) on the first day;
- the company has at most ``APPRENTICESHIP_MAX_SHARE`` (20 %) of its workforce as
  apprentices at once. A proposal counts the agreements already approved or running and
  the proposals awaiting approval (a company cannot propose more than it may have); an
  approval counts the approved and running ones besides itself (a proposal waiting
  behind it does not stop it).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from placements.models import Apprenticeship
from placements.services.errors import Conflict
from trainees.models import JobSeeker
from vokasi.models import Company

#: Agreements that hold one of the company's places once approved.
APPROVED_PLACES = (Apprenticeship.Status.APPROVED, Apprenticeship.Status.RUNNING)
#: ... and with the proposals awaiting approval, the places a new proposal competes for.
TAKEN_PLACES = (Apprenticeship.Status.PROPOSED, *APPROVED_PLACES)


def apprenticeship_capacity(company: Company) -> int:
    """How many apprentices the company may have at once (a share of its workforce)."""
    return math.floor(company.workforce * settings.VOKASI["APPRENTICESHIP_MAX_SHARE"])


def duration_message() -> str:
    """What a duration outside the rule is told, wherever it is typed."""
    return _("An apprenticeship lasts from 1 to %(max)d months.") % {
        "max": settings.VOKASI["APPRENTICESHIP_MAX_MONTHS"]
    }


#: The same message for form and serializer fields, translated when it is shown.
DURATION_MESSAGE = lazy(duration_message, str)()


def duration_problem(months: int | None) -> str | None:
    """The refusal of an apprenticeship's duration, or None when it keeps the rule."""
    if months is None or not 1 <= months <= settings.VOKASI["APPRENTICESHIP_MAX_MONTHS"]:
        return duration_message()
    return None


def apprenticeship_check(
    *,
    company: Company,
    job_seeker: JobSeeker,
    start_date: datetime.date,
    duration_months: int | None,
    allowance: int | None,
    agreement: Apprenticeship | None = None,
    fields: Mapping[str, str] | None = None,
) -> None:
    """Check an apprenticeship agreement against every rule (see the module's docstring).

    ``agreement`` is the recorded proposal being approved; None for a new proposal. Raises
    ``ValidationError`` listing each broken rule under ``duration_months``, ``allowance``
    and ``job_seeker`` (or the caller's own field names, through ``fields``), then
    ``Conflict`` when the company has no place left. Call it with the company's row
    locked, so two agreements at once cannot both take its last place.
    """
    rules = settings.VOKASI
    errors: dict[str, list[str]] = {}

    def add(rule: str, message: str) -> None:
        errors.setdefault((fields or {}).get(rule, rule), []).append(message)

    problem = duration_problem(duration_months)
    if problem:
        add("duration_months", problem)
    if not allowance:
        add("allowance", _("The agreement must state the allowance (uang saku)."))
    age = job_seeker.age_on(start_date)
    if age < rules["APPRENTICESHIP_MIN_AGE"]:
        add(
            "job_seeker",
            _(
                "Apprentices must be at least %(min)d years old at the start; "
                "%(name)s will be %(age)d."
            )
            % {"min": rules["APPRENTICESHIP_MIN_AGE"], "name": job_seeker.name, "age": age},
        )
    if errors:
        raise ValidationError(errors)

    places = Apprenticeship.objects.filter(company=company)
    if agreement is None:
        current = places.filter(status__in=TAKEN_PLACES).count()
    else:
        current = places.filter(status__in=APPROVED_PLACES).exclude(pk=agreement.pk).count()
    capacity = apprenticeship_capacity(company)
    if current + 1 > capacity:
        raise Conflict(
            _(
                "A company may have at most %(share)d%% of its %(workforce)d workers as "
                "apprentices (%(capacity)d); it already has %(current)d."
            )
            % {
                "share": round(rules["APPRENTICESHIP_MAX_SHARE"] * 100),
                "workforce": company.workforce,
                "capacity": capacity,
                "current": current,
            }
        )
