"""Training writes: programmes, cohorts, enrollment and withdrawal (BBPVP).

Every rule about who may enroll where lives here; the pages, the API and the admin call
these functions and never repeat a rule. Results and certification are in
``trainees.services.results`` and ``trainees.services.certification``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trainees.models import Cohort, Enrollment, FundingSource, JobSeeker, Programme
from trainees.services.personal_data import anonymised_problem
from vokasi.errors import Conflict
from vokasi.models import EducationLevel, Role, Skill, TrainingProvider, User, Vocation
from vokasi.roles import TRAINING, has_role, is_trainer, require_role

#: Enrollments that hold a place in a cohort (a withdrawal before the start frees it).
PLACE_HOLDING = (
    Enrollment.Status.ENROLLED,
    Enrollment.Status.COMPLETED,
    Enrollment.Status.FAILED,
    Enrollment.Status.DROPPED,
)
#: Enrollments that keep a person busy during the cohort's dates.
BUSY = (Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED)
#: Cohorts that still take trainees.
ENROLLING = (Cohort.Status.PLANNED, Cohort.Status.OPEN)
#: Allowed status changes of a cohort.
COHORT_TRANSITIONS = {
    Cohort.Status.PLANNED: {Cohort.Status.OPEN},
    Cohort.Status.OPEN: {Cohort.Status.PLANNED, Cohort.Status.RUNNING},
    Cohort.Status.RUNNING: {Cohort.Status.FINISHED},
    Cohort.Status.FINISHED: set(),
}


class DuplicateProgrammeCode(Conflict):
    """A provider already has a programme with this code (the API answers 409)."""

    def __init__(self, existing: Programme):
        super().__init__(
            _("This provider already has a programme with code %(code)s.")
            % {"code": existing.code},
            existing.pk,
            field="code",
        )


#: Plan programmes and cohorts, report results: the provider's staff and admins.
TRAINING_STAFF = frozenset({Role.TRAINER, Role.ADMIN})
#: The refusal of a role that may not use a training service.
ROLE_REFUSED = gettext_lazy("Your role may not do this.")


def can_manage_training(user: User) -> bool:
    """Plan programmes and cohorts, report results: the provider's staff and admins."""
    return has_role(user, TRAINING_STAFF)


def can_enroll(user: User) -> bool:
    """Enroll and withdraw trainees: officers, the provider's staff, admins."""
    return has_role(user, TRAINING)


# ------------------------------------------------------------------------- programmes


def programme_create(
    *,
    actor: User,
    vocation: Vocation,
    code: str,
    name: str,
    skills: Iterable[Skill],
    jp_hours: int,
    funding: str,
    provider: TrainingProvider | None = None,
    education_min: EducationLevel | None = None,
    age_min: int | None = None,
    age_max: int | None = None,
    is_active: bool = True,
) -> Programme:
    """A provider's new programme. Trainers always create for their own provider."""
    require_role(actor, TRAINING_STAFF, message=ROLE_REFUSED)
    if is_trainer(actor):
        provider = actor.provider
    errors: dict[str, list[str]] = {}
    if provider is None:
        errors.setdefault("provider", []).append(_("Choose the training provider."))
    code = (code or "").strip()
    name = (name or "").strip()
    if not code:
        errors.setdefault("code", []).append(_("This field is required."))
    if not name:
        errors.setdefault("name", []).append(_("This field is required."))
    skills = list(skills)
    if not skills:
        errors.setdefault("skills", []).append(
            _("Name at least one competency unit the programme teaches.")
        )
    if not jp_hours or jp_hours <= 0:
        errors.setdefault("jp_hours", []).append(_("The duration must be at least 1 JP."))
    if funding not in FundingSource.values:
        errors.setdefault("funding", []).append(_("Unknown funding source."))
    errors.update(_age_range_errors(age_min, age_max))
    if errors:
        raise ValidationError(errors)
    return _programme_insert(
        fields={
            "provider": provider,
            "vocation": vocation,
            "code": code,
            "name": name,
            "jp_hours": jp_hours,
            "funding": funding,
            "education_min": education_min,
            "age_min": age_min,
            "age_max": age_max,
            "is_active": is_active,
        },
        skills=skills,
    )


def _programme_insert(*, fields: dict, skills: list[Skill]) -> Programme:
    """Save a checked programme and its skills, unless its provider has its code already."""
    provider, code = fields["provider"], fields["code"]
    existing = Programme.objects.filter(provider=provider, code=code).first()
    if existing is not None:
        raise DuplicateProgrammeCode(existing)
    try:
        with transaction.atomic():
            programme = Programme.objects.create(**fields)
            programme.skills.set(skills)
    except IntegrityError:
        # The same code created at the same moment: programme_code_per_provider decided.
        existing = Programme.objects.filter(provider=provider, code=code).first()
        if existing is None:
            raise
        raise DuplicateProgrammeCode(existing) from None
    return programme


def _age_range_errors(age_min: int | None, age_max: int | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for field, value in (("age_min", age_min), ("age_max", age_max)):
        if value is not None and not 15 <= value <= 65:
            errors[field] = [_("An age limit must be between 15 and 65.")]
    if age_min is not None and age_max is not None and age_min > age_max:
        errors.setdefault("age_max", []).append(
            _("The maximum age must not be below the minimum age.")
        )
    return errors


# ---------------------------------------------------------------------------- cohorts


def cohort_create(
    *,
    actor: User,
    programme: Programme,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date,
    place: str,
    quota: int | None = None,
    instructor: str = "",
    status: str = Cohort.Status.PLANNED,
) -> Cohort:
    """A new run of a programme, by the programme's provider (or an admin)."""
    require_role(actor, TRAINING_STAFF, message=ROLE_REFUSED)
    if not Programme.objects.visible_to(actor).filter(pk=programme.pk).exists():
        raise ValidationError({"programme": [_("Choose one of your own programmes.")]})
    quota = settings.VOKASI["DEFAULT_COHORT_QUOTA"] if quota is None else quota
    errors: dict[str, list[str]] = {}
    if not programme.is_active:
        errors["programme"] = [_("This programme is no longer offered.")]
    if not (name or "").strip():
        errors["name"] = [_("This field is required.")]
    if not (place or "").strip():
        errors["place"] = [_("This field is required.")]
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = [_("The cohort cannot end before it starts.")]
    if not 1 <= quota <= 40:
        errors["quota"] = [_("The quota must be between 1 and 40.")]
    if status not in (Cohort.Status.PLANNED, Cohort.Status.OPEN):
        errors["status"] = [_("A new cohort is either planned or open for enrollment.")]
    if errors:
        raise ValidationError(errors)
    return Cohort.objects.create(
        programme=programme,
        name=name.strip(),
        start_date=start_date,
        end_date=end_date,
        place=place.strip(),
        quota=quota,
        instructor=(instructor or "").strip(),
        status=status,
    )


def cohort_set_status(*, actor: User, cohort: Cohort, status: str) -> Cohort:
    """Move a cohort along planned → open → running → finished (open may go back)."""
    require_role(actor, TRAINING_STAFF, message=ROLE_REFUSED)
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        if status not in COHORT_TRANSITIONS[Cohort.Status(cohort.status)]:
            raise ValidationError(
                {
                    "status": [
                        _("A cohort that is %(current)s cannot become %(new)s.")
                        % {
                            "current": cohort.get_status_display(),
                            "new": Cohort.Status(status).label
                            if status in Cohort.Status.values
                            else status,
                        }
                    ]
                }
            )
        cohort.status = status
        cohort.save(update_fields=["status"])
    return cohort


# ------------------------------------------------------------------------- enrollment


def enrollment_problems(cohort: Cohort, job_seeker: JobSeeker) -> list[str]:
    """Every reason ``job_seeker`` may not join ``cohort``, in the officer's words; []: fine.

    The quota is not checked here: it needs the cohort row locked (see enrollment_create).
    """
    programme = cohort.programme
    problems: list[str] = []
    anonymised = anonymised_problem(job_seeker)
    if anonymised:
        return [anonymised]
    if cohort.status not in ENROLLING:
        problems.append(
            _("The cohort is %(status)s and no longer takes trainees.")
            % {"status": cohort.get_status_display()}
        )
    if job_seeker.status != JobSeeker.Status.ACTIVE:
        problems.append(
            _("The registration is %(status)s, not active.")
            % {"status": job_seeker.get_status_display()}
        )
    minimum = programme.education_min
    if minimum is not None and job_seeker.education.level < minimum.level:
        problems.append(
            _("Education %(has)s is below the required %(needs)s.")
            % {"has": job_seeker.education.name, "needs": minimum.name}
        )
    age = job_seeker.age_on(cohort.start_date)
    if programme.age_min is not None and age < programme.age_min:
        problems.append(
            _("Aged %(age)d at the start, below the minimum of %(limit)d.")
            % {"age": age, "limit": programme.age_min}
        )
    if programme.age_max is not None and age > programme.age_max:
        problems.append(
            _("Aged %(age)d at the start, above the maximum of %(limit)d.")
            % {"age": age, "limit": programme.age_max}
        )
    others = Enrollment.objects.filter(job_seeker=job_seeker).select_related("cohort")
    for other in others:
        if other.cohort_id == cohort.pk:
            if other.status != Enrollment.Status.WITHDRAWN:
                problems.append(_("Already enrolled in this cohort."))
        elif (
            other.status in BUSY
            and other.cohort.start_date <= cohort.end_date
            and other.cohort.end_date >= cohort.start_date
        ):
            problems.append(
                _("Already in cohort %(name)s (%(start)s – %(end)s), which overlaps.")
                % {
                    "name": other.cohort.name,
                    "start": other.cohort.start_date.strftime("%d-%m-%Y"),
                    "end": other.cohort.end_date.strftime("%d-%m-%Y"),
                }
            )
    return problems


def enrollment_create(
    *,
    actor: User,
    cohort: Cohort,
    job_seeker: JobSeeker,
    enrolled_on: datetime.date | None = None,
) -> Enrollment:
    """Enroll a registered job seeker, within the quota and the entry requirements.

    The cohort row is locked while places are counted, so two officers enrolling at
    once cannot both take the last place; the person's row is locked too, so they
    cannot be put into two overlapping cohorts at once.
    """
    require_role(actor, TRAINING, message=ROLE_REFUSED)
    with transaction.atomic():
        cohort = (
            Cohort.objects.select_for_update(of=("self",))
            .select_related("programme__education_min")
            .get(pk=cohort.pk)
        )
        job_seeker = (
            JobSeeker.objects.select_for_update(of=("self",))
            .select_related("education")
            .get(pk=job_seeker.pk)
        )
        problems = enrollment_problems(cohort, job_seeker)
        if problems:
            raise ValidationError({"job_seeker": problems})
        taken = cohort.enrollments.filter(status__in=PLACE_HOLDING).count()
        if taken >= cohort.quota:
            raise ValidationError(
                {
                    "cohort": [
                        _("The cohort is full: all %(quota)d places are taken.")
                        % {"quota": cohort.quota}
                    ]
                }
            )
        day = enrolled_on or timezone.localdate()
        withdrawn = Enrollment.objects.filter(
            cohort=cohort, job_seeker=job_seeker, status=Enrollment.Status.WITHDRAWN
        ).first()
        if withdrawn is not None:
            # Coming back after a withdrawal: the same row, enrolled again.
            withdrawn.status = Enrollment.Status.ENROLLED
            withdrawn.enrolled_on = day
            withdrawn.withdrawn_on = None
            withdrawn.withdrawal_reason = ""
            withdrawn.enrolled_by = actor
            withdrawn.save()
            return withdrawn
        try:
            with transaction.atomic():
                return Enrollment.objects.create(
                    cohort=cohort, job_seeker=job_seeker, enrolled_on=day, enrolled_by=actor
                )
        except IntegrityError as exc:  # pragma: no cover - the person's row lock prevents it
            raise ValidationError({"job_seeker": [_("Already enrolled in this cohort.")]}) from exc


def enrollment_withdraw(
    *,
    actor: User,
    enrollment: Enrollment,
    reason: str,
    on: datetime.date | None = None,
) -> Enrollment:
    """Take a trainee out: before the start it frees the place; after it, a drop-out."""
    require_role(actor, TRAINING, message=ROLE_REFUSED)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the trainee leaves the cohort.")]})
    day = on or timezone.localdate()
    with transaction.atomic():
        enrollment = (
            Enrollment.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .get(pk=enrollment.pk)
        )
        if enrollment.status != Enrollment.Status.ENROLLED:
            raise ValidationError(
                {
                    "status": [
                        _("Only an enrolled trainee can withdraw; this one is %(status)s.")
                        % {"status": enrollment.get_status_display()}
                    ]
                }
            )
        before_start = day < enrollment.cohort.start_date
        enrollment.status = (
            Enrollment.Status.WITHDRAWN if before_start else Enrollment.Status.DROPPED
        )
        enrollment.withdrawn_on = day
        enrollment.withdrawal_reason = reason[:200]
        enrollment.save(update_fields=["status", "withdrawn_on", "withdrawal_reason"])
    return enrollment
