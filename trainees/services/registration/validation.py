"""Checking what a person states at registration (the same ``rules`` the import runs over a
file) and turning it into the model's values.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from trainees.nik import KnownDistricts
from trainees.services.registration.rules import (
    check_people,
    known_codes,
)
from vokasi.models import EducationLevel, Occupation, Region, Skill
from vokasi.reference import RETIRED_DISTRICTS
from vokasi.tabular.errors import FieldErrors

#: The fields a person states at registration (and may later correct).
PERSON_FIELDS = (
    "nik",
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "marital_status",
    "religion",
    "address",
    "region",
    "phone",
    "email",
    "education",
    "major",
    "courses",
    "experience",
    "experience_years",
    "occupation",
    "disability",
    "consent_share_contact",
)


def known_districts() -> KnownDistricts:
    """Kecamatan a NIK may name: today's, and the retired codes older NIKs still carry."""
    current = Region.objects.filter(level=Region.Level.DISTRICT).values_list("code", flat=True)
    return KnownDistricts.of([*current, *RETIRED_DISTRICTS])


@dataclass
class _Lookups:
    """Reference rows a registration points at, looked up once."""

    region: Region | None = None
    education: EducationLevel | None = None
    occupation: Occupation | None = None
    skills: list[Skill] | None = None


def _as_code(value) -> str:
    if value is None:
        return ""
    return str(getattr(value, "pk", value)).strip()


def _stated(data: dict, skills: Iterable[str] | None) -> dict:
    """One person as what the registration rules read it."""
    row = {name: "" if data.get(name) is None else data[name] for name in _TEXT_FIELDS}
    row["birth_date"] = data.get("birth_date") or ""
    for name in ("region", "education", "occupation"):
        row[name] = _as_code(data.get(name))
    row["skills"] = (
        None if skills is None else list(dict.fromkeys(c for c in map(_as_code, skills) if c))
    )
    return row


_TEXT_FIELDS = ("nik", "name", "birth_place", "sex", "marital_status", "address")


def validate_person(
    data: dict, *, registered_on: datetime.date, skills: Iterable[str] | None
) -> _Lookups:
    """Check what a person states (``registration.rules``, the same rules the import runs
    over a file); raise ValidationError listing every field at fault."""
    stated = _stated(data, skills)
    person = {name: [value] for name, value in stated.items()}  # a table of one
    known = known_codes(person)
    errors = FieldErrors(person)
    check_people(person, errors, on=registered_on, known=known, districts=known_districts())
    if errors:
        raise ValidationError(errors.by_field)
    return _Lookups(
        region=known.regions.get(stated["region"]),
        education=known.educations.get(stated["education"]),
        occupation=known.occupations.get(stated["occupation"]),
        skills=None if stated["skills"] is None else [known.skills[c] for c in stated["skills"]],
    )


def model_values(data: dict, found: _Lookups) -> dict:
    """The model's field values for what a person stated (blanks as "", not None)."""
    values = {}
    for field in PERSON_FIELDS:
        value = data.get(field)
        if field == "region":
            value = found.region
        elif field == "education":
            value = found.education
        elif field == "occupation":
            value = found.occupation
        elif field == "consent_share_contact":
            value = bool(value)
        elif field == "experience_years":
            value = int(value or 0)
        elif field != "birth_date":
            value = "" if value is None else str(value).strip()
        values[field] = value
    return values
