"""Load the reference vocabulary of ``vokasi.reference`` into the database.

Idempotent: existing codes are updated, new ones added, none deleted (rows in use are
protected by foreign keys). Migrations call it with their historical ``apps``.
"""

from __future__ import annotations

from vokasi import reference


def load(apps) -> None:
    EducationLevel = apps.get_model("vokasi", "EducationLevel")
    Region = apps.get_model("vokasi", "Region")
    Vocation = apps.get_model("vokasi", "Vocation")
    Skill = apps.get_model("vokasi", "Skill")
    Occupation = apps.get_model("vokasi", "Occupation")
    Sector = apps.get_model("vokasi", "Sector")

    for code, name, rank, level in reference.EDUCATION_LEVELS:
        EducationLevel.objects.update_or_create(
            code=code, defaults={"name": name, "rank": rank, "level": level}
        )
    for code, name, level in sorted(reference.REGIONS, key=lambda r: len(r[0])):
        parent = code.rsplit(".", 1)[0] if "." in code else None
        Region.objects.update_or_create(
            code=code, defaults={"name": name, "level": level, "parent_id": parent}
        )
    for code, name in reference.VOCATIONS:
        Vocation.objects.update_or_create(code=code, defaults={"name": name})
    for code, name, vocation in reference.SKILLS:
        Skill.objects.update_or_create(code=code, defaults={"name": name, "vocation_id": vocation})
    for code, name in reference.OCCUPATIONS:
        Occupation.objects.update_or_create(code=code, defaults={"name": name})
    for code, name in reference.SECTORS:
        Sector.objects.update_or_create(
            code=code, defaults={"name": name, "category": reference.sector_category(code)}
        )
