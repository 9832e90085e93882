"""Registering a person and correcting what they stated, with their declared skills."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone

from trainees.models import (
    JobSeeker,
    JobSeekerSkill,
)
from trainees.nik import normalise_nik
from trainees.services.personal_data import refuse_if_anonymised
from trainees.services.registration.numbers import allocate_registration_numbers
from trainees.services.registration.periods import next_due_after, valid_months
from trainees.services.registration.rules import already_registered
from trainees.services.registration.validation import PERSON_FIELDS, model_values, validate_person
from vokasi.audit import with_history
from vokasi.dates import add_months
from vokasi.errors import Conflict
from vokasi.models import LabourOffice, Skill


class DuplicateNik(Conflict):
    """The NIK is already registered; ``existing_id`` is that registration."""

    def __init__(self, existing: JobSeeker):
        super().__init__(
            already_registered(existing.registration_number, str(existing.office)),
            existing.pk,
            field="nik",
        )
        self.existing_number = existing.registration_number


def _existing_with_nik(nik: str, exclude_pk: int | None = None) -> JobSeeker | None:
    qs = JobSeeker.objects.select_related("office").filter(nik=nik)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def _set_declared_skills(
    job_seeker: JobSeeker, skills: Sequence[Skill], since: datetime.date | None = None
) -> None:
    """Declared skills become exactly ``skills``; trained and certified ones stay, marked
    as also declared when the person names them (so a withdrawn result leaves them declared).

    A skill named now counts from today (from the registration day when registering, which
    may be dated back); one no longer named is a correction of the declaration.
    """
    wanted = {skill.pk for skill in skills}
    since = since or max(job_seeker.registered_on, timezone.localdate())
    held = dict(job_seeker.skill_rows.values_list("skill_id", "source"))
    rows = job_seeker.skill_rows
    rows.filter(source=JobSeekerSkill.Source.DECLARED).exclude(skill_id__in=wanted).delete()
    flipped = []
    for row in rows.filter(source__gt=JobSeekerSkill.Source.DECLARED):
        if row.declared != (row.skill_id in wanted):
            row.declared = row.skill_id in wanted
            row.declared_from = since if row.declared else None
            flipped.append(row)
    if flipped:
        JobSeekerSkill.objects.bulk_update(flipped, ["declared", "declared_from"])
        with_history(flipped, JobSeekerSkill, update=True)
    created = JobSeekerSkill.objects.bulk_create(
        [
            JobSeekerSkill(
                job_seeker=job_seeker,
                skill_id=code,
                source=JobSeekerSkill.Source.DECLARED,
                declared_from=since,
            )
            for code in sorted(wanted - held.keys())
        ]
    )
    with_history(created, JobSeekerSkill, update=False)


def job_seeker_register(
    *,
    office: LabourOffice,
    data: dict,
    skills: Iterable[str] = (),
    registered_by=None,
    registered_on: datetime.date | None = None,
) -> JobSeeker:
    """Register a person at ``office``: validate, number the AK/I card, save.

    ``data`` holds the person's fields (``PERSON_FIELDS``; reference fields as codes or
    objects). Raises ``DuplicateNik`` when the NIK is already registered — also when
    another officer registers the same NIK at the same moment, which the database's
    unique constraint decides — and ``ValidationError`` for anything else.
    """
    registered_on = registered_on or timezone.localdate()
    data = {key: value for key, value in data.items() if key in PERSON_FIELDS}
    if "nik" in data:
        data["nik"] = normalise_nik(data["nik"])
    found = validate_person(data, registered_on=registered_on, skills=skills)
    existing = _existing_with_nik(data["nik"])
    if existing:
        raise DuplicateNik(existing)
    values = model_values(data, found)
    try:
        with transaction.atomic():
            (number,) = allocate_registration_numbers(office=office, year=registered_on.year)
            person = JobSeeker(
                office=office,
                registration_number=number,
                registered_on=registered_on,
                expires_on=add_months(registered_on, valid_months()),
                next_report_due=next_due_after(registered_on, registered_on),
                registered_by=registered_by,
                consent_changed_at=timezone.now() if values["consent_share_contact"] else None,
                **values,
            )
            person.save()
            _set_declared_skills(person, found.skills or [], since=registered_on)
    except IntegrityError:
        # The other officer's insert committed first: theirs stands, this one is a duplicate.
        existing = _existing_with_nik(data["nik"])
        if existing:
            raise DuplicateNik(existing) from None
        raise
    return person


def job_seeker_update(
    *,
    job_seeker: JobSeeker,
    data: dict,
    skills: Iterable[str] | None = None,
    updated_by=None,
) -> JobSeeker:
    """Correct a person's stated data. The NIK may be corrected; the card number stays."""
    refuse_if_anonymised(job_seeker)
    data = {key: value for key, value in data.items() if key in PERSON_FIELDS}
    if "nik" in data:
        data["nik"] = normalise_nik(data["nik"])
    merged = {field: getattr(job_seeker, field) for field in PERSON_FIELDS}
    merged.update(
        region=job_seeker.region_id,
        education=job_seeker.education_id,
        occupation=job_seeker.occupation_id,
    )
    merged.update(data)
    found = validate_person(merged, registered_on=job_seeker.registered_on, skills=skills)
    existing = _existing_with_nik(merged["nik"], exclude_pk=job_seeker.pk)
    if existing:
        raise DuplicateNik(existing)
    consent_before = job_seeker.consent_share_contact
    for field, value in model_values(merged, found).items():
        setattr(job_seeker, field, value)
    if job_seeker.consent_share_contact != consent_before:
        job_seeker.consent_changed_at = timezone.now()
    try:
        with transaction.atomic():
            job_seeker.save()
            if skills is not None:
                _set_declared_skills(job_seeker, found.skills or [])
    except IntegrityError:
        existing = _existing_with_nik(merged["nik"], exclude_pk=job_seeker.pk)
        if existing:
            raise DuplicateNik(existing) from None
        raise
    return job_seeker
