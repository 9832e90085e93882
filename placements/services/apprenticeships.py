"""Apprenticeships (pemagangan, Permenaker 6/2020): proposed by a company's hire, approved
by the labour office, finished by the company (hired or not); and the rules a written
agreement must meet, stated once.

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
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from placements.models import Apprenticeship, Placement, Referral, Vacancy
from placements.services.placements import placement_create
from trainees.models import JobSeeker
from vokasi.errors import Conflict
from vokasi.models import Company, User
from vokasi.roles import OFFICE, require_role

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

    _check_place_left(company, agreement)


def _check_place_left(company: Company, agreement: Apprenticeship | None) -> None:
    """``Conflict`` when the company's share of apprentices is full: a proposal counts the
    places taken, an approval the approved and running ones besides itself."""
    rules = settings.VOKASI
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


#: Where the decision's input names what an apprenticeship rule refuses: the age on the
#: start date, the allowance in the wage; the duration is the vacancy's.
DECISION_FIELDS = {
    "job_seeker": "start_date",
    "allowance": "wage",
    "duration_months": NON_FIELD_ERRORS,
}


def apprenticeship_propose(
    *, referral: Referral, vacancy: Vacancy, by: User | None, start_date, wage: int | None
) -> Apprenticeship:
    """A company hires a referred person on an apprenticeship vacancy: the agreement is
    proposed, for the labour office to approve. Part of ``referral_decide``."""
    person = referral.job_seeker
    allowance = wage if wage is not None else vacancy.wage_min
    # Lock the company so two apprenticeships cannot both take the last place.
    company = Company.objects.select_for_update().get(pk=vacancy.company_id)
    apprenticeship_check(
        company=company,
        job_seeker=person,
        start_date=start_date,
        duration_months=vacancy.duration_months,
        allowance=allowance,
        fields=DECISION_FIELDS,
    )
    return Apprenticeship.objects.create(
        company=company,
        job_seeker=person,
        vacancy=vacancy,
        referral=referral,
        programme_description=vacancy.title[:200],
        start_date=start_date,
        duration_months=vacancy.duration_months,
        allowance=allowance,
        status=Apprenticeship.Status.PROPOSED,
    )


@transaction.atomic
def apprenticeship_approve(
    *,
    apprenticeship: Apprenticeship,
    by: User,
    agreement_no: str = "",
    approved_on: datetime.date | None = None,
) -> Apprenticeship:
    """Approve a proposed apprenticeship agreement (Permenaker 6/2020).

    Refused with the reason when it breaks a rule of ``apprenticeship_check``: the
    duration, the allowance, the apprentice's age at the start, or the company's share of
    apprentices in its workforce.
    """
    require_role(by, OFFICE, message=_("Only the labour office may do this."))
    approved_on = approved_on or timezone.localdate()
    # Lock the company: two approvals at once must not both take its last place.
    Company.objects.select_for_update().get(pk=apprenticeship.company_id)
    apprenticeship = (
        Apprenticeship.objects.select_for_update()
        .select_related("company", "job_seeker")
        .get(pk=apprenticeship.pk)
    )
    if apprenticeship.status != Apprenticeship.Status.PROPOSED:
        raise Conflict(
            _("This apprenticeship is already %(status)s.")
            % {"status": apprenticeship.get_status_display()},
            existing_id=apprenticeship.pk,
        )
    apprenticeship_check(
        company=apprenticeship.company,
        job_seeker=apprenticeship.job_seeker,
        start_date=apprenticeship.start_date,
        duration_months=apprenticeship.duration_months,
        allowance=apprenticeship.allowance,
        agreement=apprenticeship,
    )
    apprenticeship.status = (
        Apprenticeship.Status.RUNNING
        if apprenticeship.start_date <= approved_on
        else Apprenticeship.Status.APPROVED
    )
    apprenticeship.approved_on = approved_on
    apprenticeship.approved_by = by
    if agreement_no:
        apprenticeship.agreement_no = agreement_no
    apprenticeship.save(update_fields=["status", "approved_on", "approved_by", "agreement_no"])
    return apprenticeship


@transaction.atomic
def apprenticeship_finish(
    *,
    apprenticeship: Apprenticeship,
    by: User | None,
    outcome: str,
    hired: bool,
    finished_on: datetime.date,
    wage: int | None = None,
    contract_type: str = Placement.ContractType.PKWT,
) -> Apprenticeship:
    """End an apprenticeship (completed or dropped). ``hired`` creates a placement.

    The placement starts the day after the apprenticeship ends, at ``wage`` (default:
    the vacancy's minimum wage, else the allowance).
    """
    appr = (
        Apprenticeship.objects.select_for_update(of=("self",))
        .select_related("vacancy", "job_seeker", "company")
        .get(pk=apprenticeship.pk)
    )
    if outcome not in (Apprenticeship.Status.COMPLETED, Apprenticeship.Status.DROPPED):
        raise ValidationError({"outcome": _("Unknown outcome %(o)s.") % {"o": outcome}})
    if appr.status in (Apprenticeship.Status.COMPLETED, Apprenticeship.Status.DROPPED):
        raise Conflict(_("This apprenticeship has already ended."), existing_id=appr.pk)
    if appr.status == Apprenticeship.Status.PROPOSED:
        raise Conflict(
            _("The labour office has not approved this apprenticeship yet."), existing_id=appr.pk
        )
    if finished_on < appr.start_date:
        raise ValidationError({"finished_on": _("An apprenticeship cannot end before it starts.")})
    if finished_on > timezone.localdate():
        raise ValidationError({"finished_on": _("The end date cannot be in the future.")})
    if contract_type not in Placement.ContractType.values:
        raise ValidationError({"contract_type": _("Unknown contract type.")})
    appr.status = outcome
    appr.finished_on = finished_on
    appr.hired = hired
    appr.save(update_fields=["status", "finished_on", "hired"])
    if hired:
        start = finished_on + datetime.timedelta(days=1)
        wage = wage or (appr.vacancy.wage_min if appr.vacancy else None) or appr.allowance
        placement_create(
            job_seeker=appr.job_seeker,
            company=appr.company,
            apprenticeship=appr,
            start_date=start,
            contract_type=contract_type,
            wage=wage,
            source=Placement.Source.APPRENTICESHIP,
            by=by,
        )
    return appr
