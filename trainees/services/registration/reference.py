"""The reference rows a job-seeker list may name, read for each upload in one statement:
every kecamatan and education level (people write their names as well as their codes),
and the occupations and skills the file names. The admin edits these tables, so they are
read again for every upload, never kept between requests.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import CharField, IntegerField, Value

from trainees.nik import KnownDistricts
from trainees.services.registration.rules import IN_LIST_LIMIT, Known
from vokasi.models import EducationLevel, LabourOffice, Occupation, Region, Skill
from vokasi.reference import RETIRED_DISTRICTS


@dataclass
class ImportReference:
    """The reference rows a file may name, read in one statement (see ``read``)."""

    region_words: dict[str, str]
    education_words: dict[str, str]
    known: Known
    districts: KnownDistricts

    @classmethod
    def read(
        cls, office: LabourOffice, *, occupations: set[str], skills: set[str]
    ) -> ImportReference:
        """Every kecamatan and education level (people write their names as well as
        their codes), and the ``occupations`` and ``skills`` the file names: one UNION
        instead of a query per table (and a second look at the same tables for the
        rules). Read again for every upload: the admin edits these tables."""
        rows = reference_rows(occupations=occupations - {""}, skills=skills)
        region_words: dict[str, str] = {}
        education_words: dict[str, str] = {}
        known = Known()
        # In the order the tables are ordered in (code; rank), as each once was read.
        for table, code, name, parent, _rank in sorted(rows, key=lambda r: (r[0], r[4], r[1])):
            if table == "region":
                known.regions[code] = name
                region_words[code] = code
                region_words[code.replace(".", "")] = code
                if parent == office.region_id:  # names are unique within one city
                    region_words[name.lower()] = code
                    region_words[f"kecamatan {name.lower()}"] = code
            elif table == "education":
                known.educations[code] = name
                education_words[code] = code
                education_words[name.lower()] = code
            elif table == "occupation":
                known.occupations[code] = name
            else:
                known.skills[code] = name
        return cls(
            region_words=region_words,
            education_words=education_words,
            known=known,
            districts=KnownDistricts.of([*known.regions, *RETIRED_DISTRICTS]),
        )


def reference_rows(*, occupations: set[str], skills: set[str]) -> list[tuple]:
    """(table, code, name, parent, rank) of every kecamatan and education level, and of
    the named occupations and skills (a long list reads the whole small table)."""
    text, number = CharField(), IntegerField()
    blank, zero = Value("", output_field=text), Value(0, output_field=number)
    parts = [
        Region.objects.filter(level=Region.Level.DISTRICT)
        .order_by()
        .values_list(Value("region", output_field=text), "code", "name", "parent_id", zero),
        EducationLevel.objects.order_by().values_list(
            Value("education", output_field=text), "code", "name", blank, "rank"
        ),
    ]
    for label, model, codes in (("occupation", Occupation, occupations), ("skill", Skill, skills)):
        if not codes:
            continue
        named = model.objects.order_by()
        if len(codes) <= IN_LIST_LIMIT:
            named = named.filter(code__in=codes)
        parts.append(named.values_list(Value(label, output_field=text), "code", blank, blank, zero))
    return list(parts[0].union(*parts[1:], all=True))
