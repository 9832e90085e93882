"""One person's personal data: who may handle it, consent, and erasure (anonymisation).

(What is held, for a subject-access request, is read by ``trainees.selectors.personal_data``.)

UU 27/2022 (Perlindungan Data Pribadi) gives a person the right to see what is held about
them and to have it deleted; and data must be deleted or anonymised when its purpose
ends (``anonymise_expired_registrations``, ``VOKASI_RETENTION_YEARS``).

Erasure is anonymisation, not deletion: the reports (IPK III/1–III/8, link and match,
outcomes, the pipeline funnel) count people, so the row stays with everything they count
— sex, education, kecamatan, occupation sought, every date, status, end reason, skill
and link (enrollments, results, referrals, placements) — and loses everything that
identifies the person. ``erasure_places()`` is the ONE list of where data is removed
from; a new table or field that holds personal data must be added there.

What is kept, and why:

- **Birth date**: the reports only need the IPK age group (15–19, 20–29, 30–44, 45–54,
  55+) at the days they measure age: registration (IPK) and each cohort's start
  (outcomes by age group). The stored date becomes 1 July of the birth year when that
  keeps every one of those age groups (almost always), otherwise the nearest day of the
  birth year that does. Only the birth year survives, and only where a report needs it.
- **AK/I number**: not personal on its own, numbered per office and year; dropping it
  would let the office hand the same number out again.
- **NIK**: replaced by the record id written as 16 digits (``0000000000000042``): unique,
  so the unique constraint holds, and starting with province ``00``, which no real NIK
  has — it can never be typed in for a real person (``nik_problems`` rejects it).

Not held, so nothing to erase: uploaded files (a results file waiting for confirmation is
deleted within a day; job-seeker imports are never stored); ``ResultUpload`` keeps a
cohort's file name and counts only.

History is scrubbed too: the change history (django-simple-history) of the person and of
every row linked to them held the old values, so those versions are deleted
(``vokasi.audit.purge_histories``) and the anonymised state is the first version left.
The access log keeps who looked at which record id, which no longer leads to a person.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trainees.models import (
    CompetencyAssessment,
    Enrollment,
    JobSeeker,
    JobSeekerSkill,
    ReportBack,
    TrainingResultChange,
    is_owning_officer,
)
from vokasi.age_groups import age_group_on
from vokasi.contributions import Registry
from vokasi.dates import add_years
from vokasi.roles import OFFICE, has_role, is_admin

#: What stands where a certificate number was (a Kompeten result must carry one).
ANONYMISED_CERTIFICATE = "ANONIM"


def anonymous_nik(pk: int) -> str:
    """A NIK-shaped placeholder: unique per record, never a real NIK (province 00)."""
    return f"{pk:016d}"


def anonymous_name(pk: int) -> str:
    return f"ANONIM-{pk}"


# ------------------------------------------------------------------------ access rules


def can_handle_personal_data(user, job_seeker: JobSeeker) -> bool:
    """Subject access and erasure: an officer of the owning office, or an admin."""
    return is_admin(user) or is_owning_officer(user, job_seeker)


def may_ever_handle_personal_data(user) -> bool:
    """Roles that may do it at all (others answer 403, not 404)."""
    return has_role(user, OFFICE)


def anonymised_problem(job_seeker: JobSeeker) -> str | None:
    """The refusal for any change to an anonymised person, or None."""
    if job_seeker.anonymised_at is None:
        return None
    return _("This person's data has been anonymised; the record can no longer be changed.")


def refuse_if_anonymised(job_seeker: JobSeeker, field: str = "job_seeker") -> None:
    problem = anonymised_problem(job_seeker)
    if problem:
        raise ValidationError({field: [problem]})


@transaction.atomic
def job_seeker_set_consent(*, job_seeker: JobSeeker, consent: bool, by) -> JobSeeker:
    """Record that the person gives or withdraws consent to share contact with employers.

    Employers' answers read the flag on every request, so a withdrawal hides the phone
    and e-mail from the next response on.
    """
    person = JobSeeker.objects.select_for_update().get(pk=job_seeker.pk)
    refuse_if_anonymised(person)
    if by is not None and not can_handle_personal_data(by, person):
        raise PermissionDenied(
            _("Only an officer of the person's own labour office or an admin may do this.")
        )
    if person.consent_share_contact != consent:
        person.consent_share_contact = consent
        person.consent_changed_at = timezone.now()
        person.save(update_fields=["consent_share_contact", "consent_changed_at", "updated_at"])
    job_seeker.consent_share_contact = person.consent_share_contact
    job_seeker.consent_changed_at = person.consent_changed_at
    return job_seeker


# ----------------------------------------------------------------------- birth date


def _days_of_year_from_mid_year(year: int) -> Iterable[datetime.date]:
    middle = datetime.date(year, 7, 1)
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    yield middle
    for offset in range(1, 184):
        for day in (
            middle - datetime.timedelta(days=offset),
            middle + datetime.timedelta(days=offset),
        ):
            if first <= day <= last:
                yield day


def generalised_birth_date(
    birth: datetime.date, measured_on: Iterable[datetime.date]
) -> datetime.date:
    """A birth date in the same year that puts the person in the same IPK age group on
    every day in ``measured_on``: 1 July when it can, else the nearest day that does.

    The real date satisfies the condition, so a day is always found; it is returned
    itself only when no other day of the year would do (two measuring days a day apart
    on either side of a birthday that changes the group).
    """
    days = sorted(set(measured_on))
    wanted = [age_group_on(birth, day) for day in days]
    for candidate in _days_of_year_from_mid_year(birth.year):
        if candidate != birth and [age_group_on(candidate, day) for day in days] == wanted:
            return candidate
    return birth


def age_measured_on(job_seeker: JobSeeker) -> list[datetime.date]:
    """The days on which a report computes this person's age group."""
    cohort_starts = Enrollment.objects.filter(job_seeker=job_seeker).values_list(
        "cohort__start_date", flat=True
    )
    return [job_seeker.registered_on, *cohort_starts]


# ---------------------------------------------------------------------------- erasure


@dataclass(frozen=True)
class ErasurePlace:
    """A place personal data is removed from, and the function that removes it."""

    place: str
    erase: Callable[[JobSeeker], int] = field(compare=False)


#: Places the apps above ``trainees`` own (placements), added from their ``contributions``
#: module; they run after trainees' own.
erasure_providers: Registry[ErasurePlace] = Registry("erasure places")


def _erase_job_seeker(person: JobSeeker) -> int:
    person.birth_date = generalised_birth_date(person.birth_date, age_measured_on(person))
    person.nik = anonymous_nik(person.pk)
    person.name = anonymous_name(person.pk)
    for name in (
        "birth_place",
        "marital_status",
        "religion",
        "address",
        "phone",
        "email",
        "major",
        "courses",
        "experience",
        "disability",
    ):
        setattr(person, name, "")
    if person.consent_share_contact:
        person.consent_share_contact = False
        person.consent_changed_at = timezone.now()
    return 1


def _erase_report_notes(person: JobSeeker) -> int:
    return ReportBack.objects.filter(job_seeker=person).exclude(note="").update(note="")


def _erase_skill_certificates(person: JobSeeker) -> int:
    return (
        JobSeekerSkill.objects.filter(job_seeker=person)
        .exclude(certificate_no="")
        .update(certificate_no="")
    )


def _erase_withdrawal_reasons(person: JobSeeker) -> int:
    return (
        Enrollment.objects.filter(job_seeker=person)
        .exclude(withdrawal_reason="")
        .update(withdrawal_reason="")
    )


def _erase_assessment_certificates(person: JobSeeker) -> int:
    # A Kompeten result must carry a certificate number (a check constraint), so it
    # keeps a placeholder; the count of K and BK is what the reports read.
    return (
        CompetencyAssessment.objects.filter(enrollment__job_seeker=person)
        .exclude(certificate_no="")
        .update(certificate_no=ANONYMISED_CERTIFICATE)
    )


def _erase_result_history(person: JobSeeker) -> int:
    changes = TrainingResultChange.objects.filter(
        enrollment__job_seeker=person, field="certificate_no"
    )
    return changes.update(old_value="", new_value="")


def _erase_history(person: JobSeeker) -> int:
    """Old versions of the person and of the trainees rows linked to them; the save that
    ends the erasure records the anonymised state as the only version of the person."""
    from trainees.models import TrainingResult
    from vokasi.audit import purge_histories

    return (
        purge_histories(JobSeeker, [person.pk])
        + purge_histories(JobSeekerSkill, person.skill_rows.values_list("pk", flat=True))
        + purge_histories(Enrollment, person.enrollments.values_list("pk", flat=True))
        + purge_histories(
            TrainingResult,
            TrainingResult.objects.filter(enrollment__job_seeker=person).values_list(
                "pk", flat=True
            ),
        )
        + purge_histories(
            CompetencyAssessment,
            CompetencyAssessment.objects.filter(enrollment__job_seeker=person).values_list(
                "pk", flat=True
            ),
        )
    )


def erasure_places() -> list[ErasurePlace]:
    """Every place a job seeker's personal data is removed from, in the order it runs."""
    return [
        ErasurePlace(
            "trainees.JobSeeker: name, NIK, place and exact date of birth, marital status, "
            "religion, address, phone, email, major, courses, experience, disability, consent",
            _erase_job_seeker,
        ),
        ErasurePlace("trainees.ReportBack.note", _erase_report_notes),
        ErasurePlace("trainees.JobSeekerSkill.certificate_no", _erase_skill_certificates),
        ErasurePlace("trainees.Enrollment.withdrawal_reason", _erase_withdrawal_reasons),
        ErasurePlace(
            "trainees.CompetencyAssessment.certificate_no", _erase_assessment_certificates
        ),
        ErasurePlace("trainees.TrainingResultChange old/new certificate_no", _erase_result_history),
        ErasurePlace("change history of the person and their trainees rows", _erase_history),
        # placements: ReferralDecision.note, Apprenticeship.agreement_no and the history of
        # referrals, decisions, apprenticeships, placements, follow-ups.
        *erasure_providers,
    ]


def job_seeker_anonymise(*, job_seeker: JobSeeker, by, reason: str) -> JobSeeker:
    """Remove what identifies the person everywhere, keep what the reports count.

    ``by`` is the officer of the owning office or the admin who does it (None: the
    retention command). The registration must have ended: end it (e.g. withdrawn by the
    person) first, so no referral, cohort or report back is under way for a nobody.
    """
    reason = (reason or "").strip()
    if by is not None and not can_handle_personal_data(by, job_seeker):
        raise PermissionDenied(
            _("Only an officer of the person's own labour office or an admin may do this.")
        )
    errors = {}
    if not reason:
        errors["reason"] = [_("Give the reason (e.g. the person's request and its date).")]
    elif len(reason) > 200:
        errors["reason"] = [_("The reason may be at most 200 characters.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        person = JobSeeker.objects.select_for_update().get(pk=job_seeker.pk)
        refuse_if_anonymised(person)
        if person.status == JobSeeker.Status.ACTIVE:
            raise ValidationError(
                {
                    "status": [
                        _(
                            "The registration is still active. End it first (e.g. withdrawn by "
                            "the person), then anonymise."
                        )
                    ]
                }
            )
        for place in erasure_places():
            place.erase(person)
        person.anonymised_at = timezone.now()
        person.anonymised_by = by
        person.anonymisation_reason = reason
        if by is not None:
            person._history_user = by  # the one version the history keeps names who did it
        person.save()
    job_seeker.refresh_from_db()
    return job_seeker


def retention_cutoff(today: datetime.date, years: int) -> datetime.date:
    """Registrations that ended before this day are past retention."""
    return add_years(today, -years)


def expired_registrations(*, today: datetime.date, years: int):
    """Registrations ended more than ``years`` ago and not anonymised yet."""
    return JobSeeker.objects.filter(
        anonymised_at__isnull=True,
        ended_on__isnull=False,
        ended_on__lt=retention_cutoff(today, years),
    ).exclude(status=JobSeeker.Status.ACTIVE)


def job_seekers_anonymise_expired(
    *,
    today: datetime.date | None = None,
    years: int | None = None,
    batch_size: int = 500,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Anonymise every registration ended more than ``years`` (the setting) ago.

    Works through the records in id order, one transaction per batch, so a large backlog
    neither holds one long transaction nor loads every row at once; a second run finds
    nothing left to do. Returns how many were anonymised.
    """
    today = today or timezone.localdate()
    years = settings.VOKASI["RETENTION_YEARS"] if years is None else years
    reason = _("Retention: registration ended more than %(years)d years ago.") % {"years": years}
    done, last = 0, 0
    while True:
        ids = list(
            expired_registrations(today=today, years=years)
            .filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return done
        with transaction.atomic():
            for person in JobSeeker.objects.filter(pk__in=ids).order_by("pk"):
                job_seeker_anonymise(job_seeker=person, by=None, reason=reason)
        done += len(ids)
        last = ids[-1]
        if on_batch:
            on_batch(done)
