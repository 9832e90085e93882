"""Vacancies: create (retry-safe by ``external_ref``), update, close; the office's
verification (publish or reject a submitted vacancy) and take-down.

The status flow under the reporting duty (Perpres 57/2023)::

    verified company:       (create) → open
    unverified / suspended: (create) → submitted → open (published) | rejected
    rejected:               (the company edits it) → submitted
    open:                   (the office takes it down) → closed, close reason taken_down

This module is long (about 410 lines) because the vacancy's rules (Pasal 5's requirements,
the skills, the retry by ``external_ref``) and the status flow above are one entity's:
every write here checks them, and a reader follows the flow in one file.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.models import Vacancy, VacancySkill
from placements.services.apprenticeships import duration_problem
from vokasi.audit import with_history
from vokasi.bounds import EXPERIENCE_MONTHS_MAX, VACANCY_AGE_MAX, VACANCY_AGE_MIN
from vokasi.errors import Conflict
from vokasi.models import Company, EducationLevel, Occupation, Region, Skill, User
from vokasi.roles import OFFICE, require_role

OPENINGS_MIN = 1
OPENINGS_MAX = 1000
REASON_MAX = 300
DECISION_REASON_MAX = 500


@dataclasses.dataclass(frozen=True)
class VacancyInput:
    """Everything a company says about a vacancy (the API's writable fields)."""

    kind: str
    title: str
    occupation: Occupation
    region: Region
    openings: int
    employment_type: str
    opens_on: datetime.date
    closes_on: datetime.date
    description: str = ""
    external_ref: str = ""
    required_skills: tuple[Skill, ...] = ()
    preferred_skills: tuple[Skill, ...] = ()
    education_min: EducationLevel | None = None
    wage_min: int | None = None
    wage_max: int | None = None
    duration_months: int | None = None
    # Pasal 5: limits only where the job needs them, each with its reason.
    age_min: int | None = None
    age_max: int | None = None
    age_reason: str = ""
    sex: str = Vacancy.Sex.ANY
    sex_reason: str = ""
    experience_months: int = 0
    how_to_apply: str = ""

    @classmethod
    def of(cls, vacancy: Vacancy) -> VacancyInput:
        rows = list(vacancy.skill_rows.all())
        return cls(
            kind=vacancy.kind,
            title=vacancy.title,
            occupation=vacancy.occupation,
            region=vacancy.region,
            openings=vacancy.openings,
            employment_type=vacancy.employment_type,
            opens_on=vacancy.opens_on,
            closes_on=vacancy.closes_on,
            description=vacancy.description,
            external_ref=vacancy.external_ref,
            required_skills=tuple(r.skill for r in rows if r.required),
            preferred_skills=tuple(r.skill for r in rows if not r.required),
            education_min=vacancy.education_min,
            wage_min=vacancy.wage_min,
            wage_max=vacancy.wage_max,
            duration_months=vacancy.duration_months,
            age_min=vacancy.age_min,
            age_max=vacancy.age_max,
            age_reason=vacancy.age_reason,
            sex=vacancy.sex,
            sex_reason=vacancy.sex_reason,
            experience_months=vacancy.experience_months,
            how_to_apply=vacancy.how_to_apply,
        )

    def fingerprint(self) -> dict:
        """The comparable content: codes instead of objects, skills as sets."""
        data = {}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if field.name.endswith("_skills"):
                value = frozenset(skill.pk for skill in value)
            elif hasattr(value, "pk"):
                value = value.pk
            data[field.name] = value
        return data


def _validate(data: VacancyInput, *, vacancy: Vacancy | None = None) -> None:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not data.title.strip():
        add("title", _("A vacancy needs a job title."))
    if not OPENINGS_MIN <= data.openings <= OPENINGS_MAX:
        add(
            "openings",
            _("The number of workers needed must be between %(min)d and %(max)d.")
            % {"min": OPENINGS_MIN, "max": OPENINGS_MAX},
        )
    elif vacancy is not None and data.openings < vacancy.filled:
        add(
            "openings",
            _("%(filled)d people are already hired; openings cannot be fewer.")
            % {"filled": vacancy.filled},
        )
    if data.wage_min is not None and data.wage_max is not None and data.wage_min > data.wage_max:
        add("wage_max", _("The maximum wage must not be below the minimum wage."))
    if data.opens_on > data.closes_on:
        add("closes_on", _("The closing date must not be before the opening date."))
    elif vacancy is None and data.closes_on < timezone.localdate():
        add("closes_on", _("A new vacancy cannot close in the past."))
    if data.region.level != Region.Level.DISTRICT:
        add("region", _("Give the kecamatan of the workplace (e.g. 36.72.04)."))

    if data.kind == Vacancy.Kind.APPRENTICESHIP:
        if data.duration_months is None:
            add("duration_months", _("An apprenticeship needs its duration in months."))
        elif problem := duration_problem(data.duration_months):
            add("duration_months", problem)
        if data.employment_type != Vacancy.EmploymentType.MAGANG:
            add("employment_type", _('An apprenticeship has the employment type "magang".'))
    else:
        if data.duration_months is not None:
            add("duration_months", _("Only an apprenticeship has a duration."))
        if data.employment_type == Vacancy.EmploymentType.MAGANG:
            add("employment_type", _('Use the kind "apprenticeship" for "magang".'))

    both = {s.pk for s in data.required_skills} & {s.pk for s in data.preferred_skills}
    if both:
        add(
            "preferred_skills",
            _("A skill is either required or preferred, not both: %(codes)s.")
            % {"codes": ", ".join(sorted(both))},
        )
    _validate_pasal_5(data, add)
    if vacancy is not None and vacancy.filled and data.kind != vacancy.kind:
        add("kind", _("People are already hired on this vacancy; its kind cannot change."))
    if errors:
        raise ValidationError(errors)


def _validate_pasal_5(data: VacancyInput, add) -> None:
    """Age, sex and experience (Perpres 57/2023 Pasal 5): a limit only with its reason."""
    for name in ("age_min", "age_max"):
        value = getattr(data, name)
        if value is not None and not VACANCY_AGE_MIN <= value <= VACANCY_AGE_MAX:
            add(
                name,
                _("An age limit must be between %(min)d and %(max)d years.")
                % {"min": VACANCY_AGE_MIN, "max": VACANCY_AGE_MAX},
            )
    if data.age_min is not None and data.age_max is not None and data.age_min > data.age_max:
        add("age_max", _("The maximum age must not be below the minimum age."))
    if data.sex not in Vacancy.Sex.values:
        add("sex", _('Give "L", "P" or "any".'))
    elif data.sex != Vacancy.Sex.ANY and not data.sex_reason.strip():
        add("sex_reason", _("A vacancy for one sex only needs the reason the job requires it."))
    if not 0 <= data.experience_months <= EXPERIENCE_MONTHS_MAX:
        add(
            "experience_months",
            _("Experience must be between 0 and %(max)d months.") % {"max": EXPERIENCE_MONTHS_MAX},
        )
    for name in ("age_reason", "sex_reason", "how_to_apply"):
        if len(getattr(data, name)) > REASON_MAX:
            add(name, _("At most %(max)d characters.") % {"max": REASON_MAX})


def _write_skills(vacancy: Vacancy, data: VacancyInput) -> None:
    VacancySkill.objects.filter(vacancy=vacancy).delete()
    created = VacancySkill.objects.bulk_create(
        [VacancySkill(vacancy=vacancy, skill=s, required=True) for s in data.required_skills]
        + [VacancySkill(vacancy=vacancy, skill=s, required=False) for s in data.preferred_skills]
    )
    with_history(created, VacancySkill, update=False)


def _apply(vacancy: Vacancy, data: VacancyInput) -> None:
    for field in dataclasses.fields(data):
        if not field.name.endswith("_skills"):
            setattr(vacancy, field.name, getattr(data, field.name))


def _same_or_conflict(existing: Vacancy, data: VacancyInput) -> Vacancy:
    if VacancyInput.of(existing).fingerprint() == data.fingerprint():
        return existing
    raise Conflict(
        _("This company already has a different vacancy with external_ref %(ref)s.")
        % {"ref": data.external_ref},
        existing_id=existing.pk,
    )


def _existing(company: Company, external_ref: str) -> Vacancy | None:
    if not external_ref:
        return None
    return (
        Vacancy.objects.filter(company=company, external_ref=external_ref)
        .select_related("occupation", "region", "education_min")
        .prefetch_related("skill_rows__skill")
        .first()
    )


def initial_status(company: Company) -> str:
    """A verified company's vacancy is published on receipt; any other waits for the
    office's check."""
    return Vacancy.Status.OPEN if company.is_verified else Vacancy.Status.SUBMITTED


def vacancy_create(
    *, company: Company, by: User | None, data: VacancyInput
) -> tuple[Vacancy, bool]:
    """Create a vacancy for ``company``; returns ``(vacancy, created)``.

    A retry with an ``external_ref`` the company already used returns the existing
    vacancy when the content is the same and raises ``Conflict`` when it differs. The
    vacancy is ``open`` when the company is verified, else ``submitted``.
    """
    existing = _existing(company, data.external_ref)
    if existing is not None:
        return _same_or_conflict(existing, data), False
    _validate(data)
    try:
        with transaction.atomic():
            vacancy = Vacancy(company=company, created_by=by, status=initial_status(company))
            _apply(vacancy, data)
            vacancy.save()
            _write_skills(vacancy, data)
    except IntegrityError:
        # Two identical requests at once: the other one won the unique constraint.
        existing = _existing(company, data.external_ref)
        if existing is None:
            raise
        return _same_or_conflict(existing, data), False
    return vacancy, True


@transaction.atomic
def vacancy_update(*, vacancy: Vacancy, by: User | None, changes: dict) -> Vacancy:
    """Change some fields of a vacancy; the result must be a valid vacancy."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status == Vacancy.Status.CLOSED:
        raise ValidationError(_("A closed vacancy cannot be changed."))
    unknown = set(changes) - {f.name for f in dataclasses.fields(VacancyInput)}
    if unknown:
        raise ValueError(f"not vacancy fields: {sorted(unknown)}")
    data = dataclasses.replace(VacancyInput.of(vacancy), **changes)
    _validate(data, vacancy=vacancy)
    if data.external_ref and data.external_ref != vacancy.external_ref:
        other = Vacancy.objects.filter(
            company_id=vacancy.company_id, external_ref=data.external_ref
        )
        if other.exists():
            raise Conflict(
                _("This company already has a vacancy with external_ref %(ref)s.")
                % {"ref": data.external_ref},
                existing_id=other.values_list("pk", flat=True).first(),
            )
    _apply(vacancy, data)
    if vacancy.status == Vacancy.Status.REJECTED:
        # The company answers the office's refusal by correcting it: back to the queue.
        vacancy.status, vacancy.rejection_reason = Vacancy.Status.SUBMITTED, ""
    # More openings reopen a filled vacancy; fewer may fill it.
    if vacancy.status == Vacancy.Status.FILLED and vacancy.filled < vacancy.openings:
        vacancy.status, vacancy.close_reason, vacancy.closed_on = Vacancy.Status.OPEN, "", None
    elif vacancy.status == Vacancy.Status.OPEN and vacancy.filled >= vacancy.openings:
        vacancy.status = Vacancy.Status.FILLED
        vacancy.close_reason = Vacancy.CloseReason.FILLED
        vacancy.closed_on = timezone.localdate()
    vacancy.save()
    if "required_skills" in changes or "preferred_skills" in changes:
        _write_skills(vacancy, data)
    return vacancy


#: Why a company closes its vacancy; taking one down is the office's (``vacancy_take_down``).
COMPANY_CLOSE_REASONS = [r for r in Vacancy.CloseReason.values if r != "taken_down"]
#: A company may withdraw a vacancy before the office has decided, or after a rejection.
CLOSABLE = (Vacancy.Status.OPEN, Vacancy.Status.SUBMITTED, Vacancy.Status.REJECTED)


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy, by: User | None, reason: str) -> Vacancy:
    """Close a vacancy (filled, cancelled, expired). Closing again the same way is a no-op."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if reason not in COMPANY_CLOSE_REASONS:
        raise ValidationError({"reason": _("Unknown reason %(reason)s.") % {"reason": reason}})
    if vacancy.status not in CLOSABLE:
        if vacancy.close_reason == reason:
            return vacancy
        raise ValidationError(
            {
                "reason": _("This vacancy is already closed (%(reason)s).")
                % {"reason": vacancy.get_close_reason_display()}
            }
        )
    vacancy.status = Vacancy.Status.CLOSED
    vacancy.close_reason = reason
    vacancy.closed_on = timezone.localdate()
    vacancy.save(update_fields=["status", "close_reason", "closed_on", "updated_at"])
    return vacancy


class VerifyDecision:
    PUBLISH = "publish"
    REJECT = "reject"
    CHOICES = (PUBLISH, REJECT)


def _require_register(vacancy: Vacancy, by: User) -> None:
    require_role(by, OFFICE, message=_("Only labour-office officers verify vacancies."))
    if not Vacancy.objects.in_register_of(by).filter(pk=vacancy.pk).exists():
        raise PermissionDenied(_("This company is on another labour office's register."))


def _reason(reason: str, *, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    if len(reason) > DECISION_REASON_MAX:
        raise ValidationError(
            {"reason": _("At most %(max)d characters.") % {"max": DECISION_REASON_MAX}}
        )
    return reason


@transaction.atomic
def vacancy_verify(*, vacancy: Vacancy, by: User, decision: str, reason: str = "") -> Vacancy:
    """The office's decision on a submitted vacancy: publish it (→ open) or reject it with
    a reason (→ rejected). Only a submitted vacancy is decided: any other raises
    ``Conflict`` (it was decided already, or never needed a decision)."""
    _require_register(vacancy, by)
    if decision not in VerifyDecision.CHOICES:
        raise ValidationError({"decision": _('Give "publish" or "reject".')})
    if decision == VerifyDecision.REJECT:
        reason = _reason(reason, message=_("Say why the vacancy is rejected."))
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status != Vacancy.Status.SUBMITTED:
        raise Conflict(
            _("Only a vacancy awaiting verification can be decided; this one is %(status)s.")
            % {"status": vacancy.get_status_display()},
            existing_id=vacancy.pk,
        )
    if decision == VerifyDecision.PUBLISH:
        vacancy.status, vacancy.rejection_reason = Vacancy.Status.OPEN, ""
    else:
        vacancy.status, vacancy.rejection_reason = Vacancy.Status.REJECTED, reason
    vacancy.verified_by, vacancy.verified_at = by, timezone.now()
    vacancy.save(
        update_fields=["status", "rejection_reason", "verified_by", "verified_at", "updated_at"]
    )
    return vacancy


@transaction.atomic
def vacancy_take_down(*, vacancy: Vacancy, by: User, reason: str) -> Vacancy:
    """The office takes a published vacancy off (misleading, unlawful, a duplicate): it
    closes today with the close reason ``taken_down``; the reason is kept for the company."""
    _require_register(vacancy, by)
    reason = _reason(reason, message=_("Say why the vacancy is taken down."))
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status != Vacancy.Status.OPEN:
        raise Conflict(
            _("Only a published, open vacancy can be taken down; this one is %(status)s.")
            % {"status": vacancy.get_status_display()},
            existing_id=vacancy.pk,
        )
    vacancy.status = Vacancy.Status.CLOSED
    vacancy.close_reason = Vacancy.CloseReason.TAKEN_DOWN
    vacancy.closed_on = timezone.localdate()
    vacancy.rejection_reason = reason
    vacancy.verified_by, vacancy.verified_at = by, timezone.now()
    vacancy.save(
        update_fields=[
            "status",
            "close_reason",
            "closed_on",
            "rejection_reason",
            "verified_by",
            "verified_at",
            "updated_at",
        ]
    )
    return vacancy
