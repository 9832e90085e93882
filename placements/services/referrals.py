"""Referrals: officers refer job seekers to vacancies (pengantar kerja), and companies
decide on the people referred to them."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.matching import explain_pair
from placements.models import Placement, Referral, ReferralDecision, Vacancy
from placements.services.apprenticeships import apprenticeship_propose
from placements.services.placements import placement_create
from trainees.models import JobSeeker
from trainees.services.personal_data import anonymised_problem
from vokasi.audit import with_history
from vokasi.errors import Conflict
from vokasi.models import User
from vokasi.roles import OFFICE, require_role


class AlreadyReferred(Conflict):
    def __init__(self, referral: Referral):
        super().__init__(_("This person has already been referred to this vacancy."), referral.pk)
        self.referral = referral


def referral_create(*, vacancy: Vacancy, job_seeker: JobSeeker, referred_by) -> Referral:
    """Refer ``job_seeker`` to ``vacancy``, recording how well they matched.

    The person must hold an active registration and the vacancy must be open. A second
    referral of the same person to the same vacancy raises ``AlreadyReferred`` — the
    database's unique constraint decides, so two officers at once cannot both succeed.
    """
    require_role(referred_by, OFFICE, message=_("Only labour-office officers refer job seekers."))
    errors = {}
    anonymised = anonymised_problem(job_seeker)
    if anonymised:
        errors["job_seeker"] = anonymised
    elif job_seeker.status != JobSeeker.Status.ACTIVE:
        errors["job_seeker"] = _(
            "%(name)s cannot be referred: the registration is %(status)s, not active."
        ) % {"name": job_seeker.name, "status": job_seeker.get_status_display()}
    today = timezone.localdate()
    if not vacancy.is_matchable or vacancy.closes_on < today:
        errors["vacancy"] = _("The vacancy is not open for referrals.")
    if errors:
        raise ValidationError(errors)
    existing = Referral.objects.filter(vacancy=vacancy, job_seeker=job_seeker).first()
    if existing:
        raise AlreadyReferred(existing)
    match = explain_pair(job_seeker, vacancy, today)
    now = timezone.now()
    try:
        with transaction.atomic():
            referral = Referral.objects.create(
                vacancy=vacancy,
                job_seeker=job_seeker,
                match_score=match.score,
                referred_at=now,
                referred_by=referred_by,
            )
            ReferralDecision.objects.create(
                referral=referral,
                decision=Referral.Status.REFERRED,
                decided_at=now,
                decided_by=referred_by,
            )
    except IntegrityError:
        raise AlreadyReferred(
            Referral.objects.get(vacancy=vacancy, job_seeker=job_seeker)
        ) from None
    return referral


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
        placement_create(
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
            by=by,
        )
    else:
        apprenticeship_propose(
            referral=referral, vacancy=vacancy, by=by, start_date=start_date, wage=wage
        )

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
