"""Writing a checked job-seeker list: the new registrations and their declared skills,
in one transaction, through the one bulk writer (``vokasi.db``)."""

from __future__ import annotations

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from trainees.models import JobSeeker, JobSeekerSkill, normalise_name
from trainees.services.registration import (
    add_months,
    allocate_registration_numbers,
    next_due_after,
)
from vokasi.db import column_rows, insert_many


def imported_people_write(new: dict[str, list], *, office, today, imported_by) -> list[str]:
    """Insert the new registrations and their declared skills: two statements, one
    transaction.

    The columns go to the database as they are, through the one bulk writer
    (``vokasi.db``: COPY on PostgreSQL, ``executemany`` on SQLite). Values are adapted
    here by the backend's own ``adapt_*`` methods, and any field this list does not name
    gets its model default, so a field added later cannot be silently skipped.
    """
    count = len(new["row"])
    people = _people_columns(new, office=office, today=today, imported_by=imported_by)
    with transaction.atomic():
        numbers = allocate_registration_numbers(office=office, year=today.year, count=count)
        people["registration_number"] = numbers
        insert_many(JobSeeker, *column_rows(JobSeeker, people, count), prepared=True)
        # The numbers are one contiguous block the office lock reserved for us.
        ids = dict(
            JobSeeker.objects.filter(
                office=office,
                registration_number__gte=numbers[0],
                registration_number__lte=numbers[-1],
            ).values_list("registration_number", "pk")
        )
        pairs = [
            (ids[number], code)
            for number, codes in zip(numbers, new["skill_codes"], strict=True)
            for code in codes
        ]
        if pairs:
            skill_values = {
                "job_seeker_id": [pk for pk, _code in pairs],
                "skill_id": [code for _pk, code in pairs],
                "source": int(JobSeekerSkill.Source.DECLARED),
                "declared_from": connection.ops.adapt_datefield_value(today),
            }
            insert_many(
                JobSeekerSkill,
                *column_rows(JobSeekerSkill, skill_values, len(pairs)),
                prepared=True,
            )
    return numbers


def _people_columns(new: dict[str, list], *, office, today, imported_by) -> dict:
    """The new people's columns (one list a column, or one value for all)."""
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    consent = [bool(c) for c in new["consent"]]
    return {
        "office_id": office.pk,
        "nik": new["nik"],
        "name": new["name"],
        "name_normalised": [normalise_name(name) for name in new["name"]],
        "birth_place": new["birth_place"],
        "birth_date": [ops.adapt_datefield_value(born.date()) for born in new["birth"]],
        "sex": new["sex_code"],
        "marital_status": new["marital_code"],
        "religion": new["religion"],
        "address": new["address"],
        "region_id": new["region_code"],
        "phone": new["phone"],
        "email": new["email"],
        "education_id": new["education_code"],
        "major": new["major"],
        "courses": new["courses"],
        "experience": new["experience"],
        "experience_years": 0,
        "occupation_id": [code or None for code in new["occupation"]],
        "disability": new["disability"],
        "consent_share_contact": consent,
        "consent_changed_at": [now if given else None for given in consent],
        "registered_on": ops.adapt_datefield_value(today),
        "expires_on": ops.adapt_datefield_value(
            add_months(today, settings.VOKASI["REGISTRATION_VALID_MONTHS"])
        ),
        "next_report_due": ops.adapt_datefield_value(next_due_after(today, today)),
        "registered_by_id": getattr(imported_by, "pk", None),
        "created_at": now,
        "updated_at": now,
    }
