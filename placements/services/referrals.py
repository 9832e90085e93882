"""A company's decisions on the people referred to its vacancies."""

from __future__ import annotations

import datetime
import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.models import Apprenticeship, Placement, Referral, ReferralDecision, Vacancy
from placements.services.registration import end_registration_as_placed
from vokasi.audit import with_history
from vokasi.errors import Conflict
from vokasi.models import Company, User

S = Referral.Status
# referred -> interview -> hired / rejected / no_show. A company may also decide
# straight from "referred" (it hires without an interview, or rejects on paper).
TRANSITIONS: dict[str, set[str]] = {
    S.REFERRED: {S.INTERVIEW, S.HIRED, S.REJECTED, S.NO_SHOW},
    S.INTERVIEW: {S.HIRED, S.REJECTED, S.NO_SHOW},
    S.HIRED: set(),
    S.REJECTED: set(),
    S.NO_SHOW: set(),
}
ACTIVE_APPRENTICESHIP = [
    Apprenticeship.Status.PROPOSED,
    Apprenticeship.Status.APPROVED,
    Apprenticeship.Status.RUNNING,
]


def apprenticeship_capacity(company: Company) -> int:
    """How many apprentices the company may have at once (a share of its workforce)."""
    return math.floor(company.workforce * settings.VOKASI["APPRENTICESHIP_MAX_SHARE"])


@transaction.atomic
def referral_decide(
    *,
    referral: Referral,
    by: User | None,
    decision: str,
    start_date: datetime.date | None = None,
    wage: int | None = None,
    note: str = "",
) -> ReferralDecision:
    """Record a decision. ``hired`` creates a placement (job) or an apprenticeship.

    Hiring locks the vacancy, so two hires at once cannot both take the last opening:
    the second gets ``Conflict``.
    """
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if decision not in S.values or decision == S.REFERRED:
        raise ValidationError({"decision": _("Unknown decision %(d)s.") % {"d": decision}})
    if decision not in TRANSITIONS[referral.status]:
        raise ValidationError(
            {
                "decision": _("A referral that is %(current)s cannot become %(new)s.")
                % {"current": referral.get_status_display(), "new": S(decision).label}
            }
        )
    now = timezone.now()
    record = ReferralDecision(
        referral=referral,
        decision=decision,
        decided_at=now,
        decided_by=by,
        start_date=start_date,
        wage=wage,
        note=note,
    )
    if decision == S.HIRED:
        _hire(referral, by=by, start_date=start_date, wage=wage)
    referral.status = decision
    referral.decided_at = now
    referral.save(update_fields=["status", "decided_at"])
    record.save()
    return record


def _hire(referral: Referral, *, by, start_date, wage) -> None:
    vacancy = (
        Vacancy.objects.select_for_update(of=("self",))
        .select_related("company", "region")
        .get(pk=referral.vacancy_id)
    )
    is_job = vacancy.kind == Vacancy.Kind.JOB
    errors: dict[str, list[str]] = {}
    if start_date is None:
        errors["start_date"] = [_("A hire needs the start date.")]
    elif start_date < referral.referred_at.date():
        errors["start_date"] = [_("The start date cannot be before the referral.")]
    if wage is None and is_job:
        errors["wage"] = [_("A hire on a job needs the monthly wage.")]
    if errors:
        raise ValidationError(errors)

    if vacancy.status == Vacancy.Status.CLOSED:
        raise Conflict(_("This vacancy is closed."))
    if vacancy.filled >= vacancy.openings:
        raise Conflict(_("All %(n)d openings of this vacancy are taken.") % {"n": vacancy.openings})
    person = referral.job_seeker
    if is_job:
        Placement.objects.create(
            job_seeker=person,
            company=vacancy.company,
            vacancy=vacancy,
            referral=referral,
            start_date=start_date,
            contract_type=vacancy.employment_type,
            wage=wage,
            channel=Placement.Channel.AKL
            if vacancy.region.city_code == person.region_id[:5]
            else Placement.Channel.AKAD,
            source=Placement.Source.REFERRAL,
            recorded_by=by,
        )
        end_registration_as_placed(person, start_date)
    else:
        _propose_apprenticeship(referral, vacancy, by=by, start_date=start_date, wage=wage)

    Vacancy.objects.filter(pk=vacancy.pk).update(filled=F("filled") + 1, updated_at=timezone.now())
    vacancy.refresh_from_db(fields=["filled"])
    if vacancy.filled >= vacancy.openings:
        vacancy.status = Vacancy.Status.FILLED
        vacancy.close_reason = Vacancy.CloseReason.FILLED
        vacancy.closed_on = timezone.localdate()
        vacancy.save(update_fields=["status", "close_reason", "closed_on", "updated_at"])
    else:
        # The counter moved with an UPDATE (safe under concurrency); its history row here.
        with_history([vacancy], Vacancy, update=True)


def _propose_apprenticeship(referral, vacancy, *, by, start_date, wage) -> None:
    person = referral.job_seeker
    min_age = settings.VOKASI["APPRENTICESHIP_MIN_AGE"]
    if person.age_on(start_date) < min_age:
        raise ValidationError(
            {"start_date": _("Apprentices must be at least %(age)d years old.") % {"age": min_age}}
        )
    allowance = wage if wage is not None else vacancy.wage_min
    if allowance is None:
        raise ValidationError({"wage": _("An apprenticeship needs the monthly allowance.")})
    # Lock the company so two apprenticeships cannot both take the last place.
    company = Company.objects.select_for_update().get(pk=vacancy.company_id)
    capacity = apprenticeship_capacity(company)
    current = Apprenticeship.objects.filter(company=company, status__in=ACTIVE_APPRENTICESHIP)
    if current.count() + 1 > capacity:
        raise Conflict(
            _(
                "A company may have at most %(share)d%% of its %(workforce)d workers as "
                "apprentices (%(capacity)d); it already has %(current)d."
            )
            % {
                "share": round(settings.VOKASI["APPRENTICESHIP_MAX_SHARE"] * 100),
                "workforce": company.workforce,
                "capacity": capacity,
                "current": current.count(),
            }
        )
    Apprenticeship.objects.create(
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
