"""The registration rules, written once over a table of people.

One person typed at the counter or sent to the API is a table of one row; a job fair's
list is a table of many. Both are checked here by the same code, so the same fault gets
the same message everywhere (the import once said "at least 18 years old" where the form
said "at least 18 years old; this person is 16"). The rules are stated over whole
columns (pandas), so a file of 50,000 rows costs a few vectorised comparisons per rule,
and the database is asked a fixed number of questions whatever the number of rows.

The table holds what the person states in canonical form (``check_people``): codes for
the coded fields (a word the importer could not translate stays as written, and the rule
names it), ``""`` for anything not given, the birth date as a date (``NaT`` when it was
given but could not be read: the importer has said so already). Problems go to a
collector from ``vokasi.tabular.errors``: ``RowErrors`` for a file, ``FieldErrors`` for
one person.

Reading a file's cells into that form (Indonesian words for sex and marital status,
kecamatan names, dd-mm-yyyy dates, e-mail and length checks of free text) is the
importer's; a form and the API have their own field types for that.
"""

from __future__ import annotations

import datetime
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
_IN_LIST_LIMIT = 500


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
    if len(codes) <= _IN_LIST_LIMIT:
        queryset = queryset.filter(code__in=codes)
    return {row.code: row for row in queryset if row.code in codes}


def known_codes(people: pd.DataFrame) -> Known:
    """One query per kind of code the people name (none for a kind nobody names)."""
    skills: set[str] = set()
    for codes in people["skills"]:
        skills.update(codes or ())
    return Known(
        regions=_rows(
            Region.objects.filter(level=Region.Level.DISTRICT), set(people["region"].unique())
        ),
        educations=_rows(EducationLevel.objects.all(), set(people["education"].unique())),
        occupations=_rows(Occupation.objects.all(), set(people["occupation"].unique())),
        skills=_rows(Skill.objects.all(), skills),
    )


# ---------------------------------------------------------------------------- rules


def check_people(
    people: pd.DataFrame,
    errors,
    *,
    on: datetime.date,
    known: Known,
    districts: KnownDistricts,
) -> None:
    """Every registration rule over every row of ``people``; problems go to ``errors``.

    ``on`` is the registration day (the age counts on it). Fields are checked in the
    order a form shows them, so one person's messages come in that order too.
    """
    for name in REQUIRED_FIELDS:
        errors.flag(_blank(people[name]), name, required())
    errors.flag(~people["sex"].isin(["", *(choice.value for choice in Sex)]), "sex", _sex_message())
    errors.flag(
        ~people["marital_status"].isin(["", *(choice.value for choice in JobSeeker.MaritalStatus)]),
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
        errors.flag(~_blank(people[name]) & ~people[name].isin(list(found)), name, message)
    unknown = people["skills"].map(
        lambda codes: [c for c in codes if c not in known.skills] if codes else None
    )
    errors.flag_each(unknown.map(lambda codes: unknown_skills(codes) if codes else None), "skills")


def _sex_message() -> str:
    return _("Sex must be L (laki-laki) or P (perempuan).")


def _blank(values: pd.Series) -> pd.Series:
    return values.eq("")


def _birth(values: pd.Series) -> pd.Series:
    """The birth dates as timestamps; NaT where none was given or it could not be read."""
    return pd.to_datetime(values.where(~values.eq("")), errors="coerce")


def _check_age(birth: pd.Series, errors, *, on: datetime.date) -> None:
    minimum = settings.VOKASI["MIN_REGISTRATION_AGE"]
    future = birth > pd.Timestamp(on)
    errors.flag(future, "birth_date", _("The date of birth is in the future."))
    month, day = birth.dt.month, birth.dt.day
    before_birthday = (month > on.month) | ((month == on.month) & (day > on.day))
    age = on.year - birth.dt.year - before_birthday.astype(int)
    young = birth.notna() & ~future & (age < minimum)
    errors.flag_each(
        age[young].map(
            lambda years: (
                _("A job seeker must be at least %(min)d years old; this person is %(age)d.")
                % {"min": minimum, "age": int(years)}
            )
        ),
        "birth_date",
    )


def _check_niks(people: pd.DataFrame, birth: pd.Series, errors, *, districts) -> None:
    """The NIK's own structure, and its agreement with the birth date and sex stated.

    One call a row (the NIK rules are positional string checks, cached per regency and
    date part); one message a problem, as a form lists them.
    """
    present = people.index[~_blank(people["nik"])]
    rows, messages = [], []
    for row, nik, born, sex in zip(
        present,
        people.loc[present, "nik"],
        birth[present],
        people.loc[present, "sex"],
        strict=True,
    ):
        for problem in nik_problems(
            nik,
            None if pd.isna(born) else born.date(),
            sex if sex in ("L", "P") else None,
            districts=districts,
        ):
            rows.append(row)
            messages.append(problem)
    errors.flag_each(pd.Series(messages, index=rows, dtype=object), "nik")
