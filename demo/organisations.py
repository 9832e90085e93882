"""Reference look-ups, the labour offices, training providers, companies and demo users."""

from __future__ import annotations

import re

from vokasi.models import (
    Company,
    EducationLevel,
    LabourOffice,
    Occupation,
    Region,
    Role,
    Sector,
    Skill,
    TrainingProvider,
    User,
)

from . import names as fictional
from .catalogue import CILEGON, KOTA_SERANG
from .common import Demo

#: (username, role, organisation key, first name, last name, email).
DEMO_USERS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("admin", Role.ADMIN, "", "Agus", "Setiawan", "admin@vokasi.cilegon.go.id"),
    ("officer", Role.OFFICER, "3672", "Dedi", "Supriadi", "dedi.supriadi@disnaker.cilegon.go.id"),
    (
        "officer2",
        Role.OFFICER,
        "3673",
        "Rina",
        "Maharani",
        "rina.maharani@disnaker.serangkota.go.id",
    ),
    ("trainer", Role.TRAINER, "BBPVP-SRG", "Hendra", "Gunawan", "hendra.gunawan@bbpvpserang.id"),
    ("employer", Role.EMPLOYER, "company:0", "Ayu", "Lestari", ""),
    ("employer2", Role.EMPLOYER, "company:1", "Fajar", "Nugroho", ""),
)
DEMO_USERNAMES = tuple(u[0] for u in DEMO_USERS)


def load_reference(demo: Demo) -> None:
    """What the migrations loaded: the generators only use codes that exist."""
    for code, name, vocation in Skill.objects.values_list("code", "name", "vocation_id").order_by(
        "code"
    ):
        demo.skills_by_vocation.setdefault(vocation, []).append(code)
        demo.skill_codes.append(code)
        demo.skill_vocation[code] = vocation
        demo.skill_names[code] = name
    demo.occupation_names = dict(Occupation.objects.values_list("code", "name"))
    demo.region_names = dict(Region.objects.values_list("code", "name"))
    demo.education_levels = dict(EducationLevel.objects.values_list("code", "level"))
    demo.sector_codes = set(Sector.objects.values_list("code", flat=True))


def kecamatan_of(demo: Demo, city: str) -> list[str]:
    return sorted(c for c in demo.region_names if c.startswith(city + ".") and len(c) == 8)


def build_organisations(demo: Demo) -> None:
    demo.offices = {
        "3672": LabourOffice(
            code="3672",
            name="Disnaker Kota Cilegon",
            region_id=CILEGON,
            address="Jl. Jenderal Sudirman No. 2, Ramanuju, Purwakarta, Kota Cilegon",
            phone="0254-391334",
            head_name="Heri Hermawan",
        ),
        "3673": LabourOffice(
            code="3673",
            name="Disnaker Kota Serang",
            region_id=KOTA_SERANG,
            address="Jl. Jenderal Sudirman No. 5, Cipocok Jaya, Kota Serang",
            phone="0254-200148",
            head_name="Nurdin Sopian",
        ),
    }
    demo.providers = {
        "BBPVP-SRG": TrainingProvider(
            code="BBPVP-SRG",
            name="BBPVP Serang",
            kind=TrainingProvider.Kind.BBPVP,
            region_id="36.73.04" if "36.73.04" in demo.region_names else KOTA_SERANG,
            address="Jl. Raya Serang–Cilegon Km. 5, Drangong, Taktakan, Kota Serang",
        ),
        "BLK-CLG": TrainingProvider(
            code="BLK-CLG",
            name="UPTD BLK Kota Cilegon",
            kind=TrainingProvider.Kind.BLK,
            region_id="36.72.05" if "36.72.05" in demo.region_names else CILEGON,
            address="Jl. Kubang Lesung No. 1, Sukmajaya, Jombang, Kota Cilegon",
        ),
    }
    members = build_companies(demo)
    # The two demo employers: the first sizeable companies, so apprenticeship quotas work.
    employers = [c for c in demo.companies if c.workforce >= 200][:2]
    if len(employers) < 2:
        employers = demo.companies[:2]
    for company in employers:
        if not company.apindo_member_no:
            members += 1
            company.apindo_member_no = f"APINDO-CLG-{members:04d}"
    build_users(demo, employers)


def build_companies(demo: Demo) -> int:
    """Plan the companies; return how many Apindo member numbers were given out."""
    rng = demo.rng
    templates = [t for t in fictional.COMPANY_NAMES if t[1] in demo.sector_codes]
    count = max(2, round(len(templates) * demo.scale))
    kecamatan = kecamatan_of(demo, CILEGON)
    streets = fictional.STREET_NAMES
    nibs: set[str] = set()
    member = 0
    for i in range(count):
        # Below scale 1 take an even spread of the list, above it add "Unit n" copies.
        if count < len(templates):
            name, sector, workforce = templates[i * len(templates) // count]
            unit = 1
        else:
            name, sector, workforce = templates[i % len(templates)]
            unit = i // len(templates) + 1
        if unit > 1:
            name = f"{name} Unit {unit}"
            workforce = max(10, round(workforce * rng.uniform(0.4, 1.1)))
        while True:
            nib = f"{rng.choice(('8120', '9120', '1220'))}{rng.randrange(10**9):09d}"
            if nib not in nibs:
                nibs.add(nib)
                break
        apindo = None
        if rng.random() < 0.85:
            member += 1
            apindo = f"APINDO-CLG-{member:04d}"
        slug = re.sub(r"[^a-z]+", "", name.lower().removeprefix("pt ").removeprefix("cv "))[:24]
        demo.companies.append(
            Company(
                name=name,
                nib=nib,
                npwp=(
                    f"{rng.randint(1, 99):02d}.{rng.randint(0, 999):03d}.{rng.randint(0, 999):03d}"
                    f".{rng.randint(0, 9)}-417.000"
                ),
                sector_id=sector,
                workforce=workforce,
                address=f"{rng.choice(streets)} Km. {rng.randint(1, 12)}, Kota Cilegon",
                region_id=rng.choice(kecamatan),
                apindo_member_no=apindo,
                contact_name=f"Bagian HRD ({rng.choice(fictional.FAMILY_OR_SECOND_NAMES)})",
                contact_phone=f"0254-{rng.randint(310000, 399999)}",
                contact_email=f"hrd@{slug}.co.id",
                website=f"https://www.{slug}.co.id" if workforce >= 100 else "",
                office=demo.offices["3672"],
                status=Company.Status.VERIFIED,
                verified_on=demo.today,
            )
        )
    return member


def build_users(demo: Demo, employers: list[Company]) -> None:
    for username, role, org, first, last, email in DEMO_USERS:
        user = User(
            username=username,
            password=demo.password_hash,
            role=role,
            first_name=first,
            last_name=last,
            email=email,
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        if role == Role.OFFICER:
            user.office = demo.offices[org]
            demo.officer_of[org] = user
        elif role == Role.TRAINER:
            user.provider = demo.providers[org]
        elif role == Role.EMPLOYER:
            company = employers[int(org.split(":")[1])]
            user.company = company
            user.company_admin = True
            user.email = f"{first.lower()}.{last.lower()}@{company.contact_email.split('@')[1]}"
            demo.employer_of[id(company)] = user
        demo.users[username] = user
