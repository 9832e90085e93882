"""The registration rules, written once over a table of people.

One person typed at the counter or sent to the API is a table of one row; a job fair's
list is a table of many. Both are checked here by the same code, so the same fault gets
the same message everywhere (the import once said "at least 18 years old" where the form
said "at least 18 years old; this person is 16"). The rules are stated over whole
columns, each one pass over plain lists, so a file of 50,000 rows costs a few
comparisons a row per rule, and a file of two rows costs microseconds instead of the
dozens of pandas operations (50-100 µs each) a rule over Series would build; the
database is asked a fixed number of questions whatever the number of rows.

The table (``People``: column name → its values, one a person) holds what the person
states in canonical form (``check_people``): codes for the coded fields (a word the
importer could not translate stays as written, and the rule names it), ``""`` for
anything not given, the birth date as a date (``NaT`` when it was given but could not be
read: the importer has said so already). Problems go to a collector from
``vokasi.tabular.errors``: ``RowErrors`` for a file, ``FieldErrors`` for one person.

Reading a file's cells into that form (Indonesian words for sex and marital status,
kecamatan names, dd-mm-yyyy dates, e-mail and length checks of free text) is the
importer's; a form and the API have their own field types for that.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _

from trainees.models import JobSeeker, Sex
from trainees.nik import KnownDistricts, nik_problems
from vokasi.models import EducationLevel, Occupation, Region, Skill

#: What every registration must state.
REQUIRED_FIELDS = (
    "nik",
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "address",
    "region",
    "education",
)
#: Above this many distinct codes a look-up reads the whole (small) reference table.
IN_LIST_LIMIT = 500

#: People as the rules read them: column name → its values, one a person, in order.
People = Mapping[str, Sequence]


# ------------------------------------------------------------------------- messages


def required() -> str:
    return _("This field is required.")


def unknown_region(code: str) -> str:
    return _("Unknown kecamatan %(code)s.") % {"code": code}


def unknown_education(code: str) -> str:
    return _("Unknown education level %(code)s.") % {"code": code}


def unknown_occupation(code: str) -> str:
    return _("Unknown occupation %(code)s.") % {"code": code}


def unknown_skills(codes) -> str:
    return _("Unknown skills: %(codes)s.") % {"codes": ", ".join(sorted(codes))}


def unknown_marital_status(value: str) -> str:
    return _("Unknown marital status %(value)s.") % {"value": value}


def already_registered(number: str, office: str) -> str:
    """A NIK registered before (here or at another office): the card that holds it."""
    return _("This NIK is already registered (AK/I %(number)s, %(office)s).") % {
        "number": number,
        "office": office,
    }


# ----------------------------------------------------------------- reference codes


@dataclass
class Known:
    """The reference rows the people's codes name (code → row), looked up once."""

    regions: dict[str, Region] = field(default_factory=dict)
    educations: dict[str, EducationLevel] = field(default_factory=dict)
    occupations: dict[str, Occupation] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)


def _rows(queryset: models.QuerySet, codes: set[str]) -> dict:
    codes.discard("")
    if not codes:
        return {}
    if len(codes) <= IN_LIST_LIMIT:
        queryset = queryset.filter(code__in=codes)
    return {row.code: row for row in queryset if row.code in codes}


def known_codes(people: People) -> Known:
    """One query per kind of code the people name (none for a kind nobody names)."""
    skills: set[str] = set()
    for codes in people["skills"]:
        skills.update(codes or ())
    return Known(
        regions=_rows(Region.objects.filter(level=Region.Level.DISTRICT), set(people["region"])),
        educations=_rows(EducationLevel.objects.all(), set(people["education"])),
        occupations=_rows(Occupation.objects.all(), set(people["occupation"])),
        skills=_rows(Skill.objects.all(), skills),
    )


# ---------------------------------------------------------------------------- rules


def check_people(
    people: People,
    errors,
    *,
    on: datetime.date,
    known: Known,
    districts: KnownDistricts,
) -> None:
    """Every registration rule over every row of ``people``; problems go to ``errors``.

    ``on`` is the registration day (the age counts on it). Fields are checked in the
    order a form shows them, so one person's messages come in that order too. Each rule
    is one pass over its column; a rule whose column holds nothing to check costs a
    comparison a row.
    """
    for name in REQUIRED_FIELDS:
        errors.flag([value == "" for value in people[name]], name, required())
    sexes = {"", *(choice.value for choice in Sex)}
    errors.flag([value not in sexes for value in people["sex"]], "sex", _sex_message())
    statuses = {"", *(choice.value for choice in JobSeeker.MaritalStatus)}
    errors.flag(
        [value not in statuses for value in people["marital_status"]],
        "marital_status",
        unknown_marital_status,
    )
    birth = _birth(people["birth_date"])
    _check_age(birth, errors, on=on)
    _check_niks(people, birth, errors, districts=districts)
    for name, found, message in (
        ("region", known.regions, unknown_region),
        ("education", known.educations, unknown_education),
        ("occupation", known.occupations, unknown_occupation),
    ):
        errors.flag([code != "" and code not in found for code in people[name]], name, message)
    unknown = [
        [code for code in codes if code not in known.skills] if codes else None
        for codes in people["skills"]
    ]
    errors.flag_each([unknown_skills(codes) if codes else None for codes in unknown], "skills")


def _sex_message() -> str:
    return _("Sex must be L (laki-laki) or P (perempuan).")


def _birth(values: Sequence) -> list[pd.Timestamp | None]:
    """The birth dates as timestamps; None where none was given or it could not be read.

    The importer has read its cells into timestamps already (``NaT`` for a date it could
    not read): those are taken as they are. Anything else (a form's or the API's date)
    is read by pandas, as a column.
    """
    if all(value == "" or value is pd.NaT or isinstance(value, pd.Timestamp) for value in values):
        return [None if value == "" or value is pd.NaT else value for value in values]
    given = pd.Series(values, dtype=object)
    read = pd.to_datetime(given.where(~given.eq("")), errors="coerce")
    return [None if pd.isna(value) else value for value in read]


def _check_age(birth: list[pd.Timestamp | None], errors, *, on: datetime.date) -> None:
    minimum = settings.VOKASI["MIN_REGISTRATION_AGE"]
    today = pd.Timestamp(on)
    future = [born is not None and born > today for born in birth]
    errors.flag(future, "birth_date", _("The date of birth is in the future."))
    young = []
    for born, later in zip(birth, future, strict=True):
        age = None
        if born is not None and not later:
            age = on.year - born.year - ((born.month, born.day) > (on.month, on.day))
        young.append(
            _("A job seeker must be at least %(min)d years old; this person is %(age)d.")
            % {"min": minimum, "age": age}
            if age is not None and age < minimum
            else None
        )
    errors.flag_each(young, "birth_date")


def _check_niks(people: People, birth: list, errors, *, districts) -> None:
    """The NIK's own structure, and its agreement with the birth date and sex stated.

    One call a row (the NIK rules are positional string checks, cached per regency and
    date part); one message a problem, as a form lists them.
    """
    problems = [
        nik_problems(
            nik,
            None if born is None else born.date(),
            sex if sex in ("L", "P") else None,
            districts=districts,
        )
        if nik != ""
        else None
        for nik, born, sex in zip(people["nik"], birth, people["sex"], strict=True)
    ]
    errors.flag_each(problems, "nik")
