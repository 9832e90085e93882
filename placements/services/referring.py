"""Officers refer job seekers to vacancies (pengantar kerja)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.matching import explain_pair
from placements.models import Referral, ReferralDecision, Vacancy
from trainees.models import JobSeeker
from trainees.services.personal_data import anonymised_problem
from vokasi.errors import Conflict
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
    if vacancy.status != Vacancy.Status.OPEN or vacancy.closes_on < today:
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
