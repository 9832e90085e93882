"""Vacancies: create (retry-safe by ``external_ref``), update, close; company contacts."""

from __future__ import annotations

import dataclasses
import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.models import Vacancy, VacancySkill
from placements.services.apprenticeships import duration_problem
from vokasi.audit import with_history
from vokasi.errors import Conflict
from vokasi.models import Company, EducationLevel, Occupation, Region, Skill, User

OPENINGS_MIN = 1
OPENINGS_MAX = 1000
COMPANY_CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email", "website")


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
    if vacancy is not None and vacancy.filled and data.kind != vacancy.kind:
        add("kind", _("People are already hired on this vacancy; its kind cannot change."))
    if errors:
        raise ValidationError(errors)


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


def vacancy_create(
    *, company: Company, by: User | None, data: VacancyInput
) -> tuple[Vacancy, bool]:
    """Create a vacancy for ``company``; returns ``(vacancy, created)``.

    A retry with an ``external_ref`` the company already used returns the existing
    vacancy when the content is the same and raises ``Conflict`` when it differs.
    """
    existing = _existing(company, data.external_ref)
    if existing is not None:
        return _same_or_conflict(existing, data), False
    _validate(data)
    try:
        with transaction.atomic():
            vacancy = Vacancy(company=company, created_by=by)
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


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy, by: User | None, reason: str) -> Vacancy:
    """Close a vacancy (filled, cancelled, expired). Closing again the same way is a no-op."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if reason not in Vacancy.CloseReason.values:
        raise ValidationError({"reason": _("Unknown reason %(reason)s.") % {"reason": reason}})
    if vacancy.status != Vacancy.Status.OPEN:
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


@transaction.atomic
def company_update_contact(*, company: Company, by: User | None, changes: dict) -> Company:
    """A company keeps its own contact details current; the rest is the office's."""
    unknown = set(changes) - set(COMPANY_CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"not contact fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(company, name, value)
    company.full_clean(exclude=[f.name for f in Company._meta.fields if f.name not in changes])
    company.save(update_fields=[*changes, "updated_at"])
    return company
