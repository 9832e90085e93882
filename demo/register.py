"""The rest of Disnaker Kota Cilegon's company register: the companies that report nothing.

The 60 companies of ``organisations`` post vacancies and hire; the office's register holds
many more (about 150 large and medium companies at scale 1). These are added after
everything else, from their own random stream, so the figures of the rest of the demo do
not move: most are verified and have never reported a vacancy, about ten are still
``unverified`` with a vacancy or two ``submitted`` and waiting for the office's check, and
two or three are ``suspended``.
"""

from __future__ import annotations

import datetime
import random
import re

from django.utils import timezone

from placements.models import Vacancy
from vokasi.models import Company

from . import names as fictional
from .catalogue import CILEGON, SECTOR_OCCUPATIONS, TITLES
from .common import Demo
from .organisations import kecamatan_of

#: At scale 1: companies on the register that report nothing, of them unverified and
#: suspended.
REGISTER_ONLY = 90
UNVERIFIED = 10
SUSPENDED = 3

FIRST = (
    "Anyer", "Banten", "Bojonegara", "Cigading", "Ciwandan", "Gerem", "Grogol", "Kubangsari",
    "Krakatau", "Merak", "Pulomerak", "Samangraya", "Selat Sunda", "Suralaya", "Tegalratu",
    "Warnasari", "Cilegon", "Kepuh", "Lebakgede", "Randakari",
)  # fmt: skip
SECOND = (
    "Baja", "Kimia", "Logam", "Teknik", "Mandiri", "Energi", "Logistik", "Petro", "Samudera",
    "Karya", "Prima", "Sentosa", "Persada", "Utama", "Jaya", "Makmur", "Cipta", "Nusa",
)  # fmt: skip
THIRD = ("Abadi", "Perkasa", "Lestari", "Sejahtera", "Gemilang", "Indonesia", "Industri", "")
SUSPENSION_REASONS = (
    "Alamat usaha tidak ditemukan saat kunjungan lapangan.",
    "NIB dicabut menurut OSS; menunggu klarifikasi perusahaan.",
    "Dua lowongan terbukti fiktif; menunggu klarifikasi tertulis.",
)


def seed_register(demo: Demo, *, seed: int) -> list[Company]:
    """Write the register-only companies (and the unverified ones' submitted vacancies)."""
    rng = random.Random(seed * 31 + 7)  # its own stream: the rest of the demo is unchanged
    office = demo.offices["3672"]
    count = max(3, round(REGISTER_ONLY * demo.scale))
    unverified = max(1, round(UNVERIFIED * demo.scale))
    suspended = max(1, round(SUSPENDED * min(demo.scale, 1)))
    sectors = [code for code in SECTOR_OCCUPATIONS if code in demo.sector_codes]
    kecamatan = kecamatan_of(demo, CILEGON)
    taken_names = {c.name for c in demo.companies}
    taken_nibs = set(Company.objects.values_list("nib", flat=True))
    members = len([c for c in demo.companies if c.apindo_member_no])
    now = timezone.now()
    officer = demo.users.get("officer")
    companies: list[Company] = []
    for i in range(count):
        while True:
            name = " ".join(
                part for part in ("PT", rng.choice(FIRST), rng.choice(SECOND), rng.choice(THIRD))
                if part
            )  # fmt: skip
            if name not in taken_names:
                taken_names.add(name)
                break
        while True:
            nib = f"{rng.choice(('8120', '9120', '1220'))}{rng.randrange(10**9):09d}"
            if nib not in taken_nibs:
                taken_nibs.add(nib)
                break
        apindo = None
        if rng.random() < 0.4:
            members += 1
            apindo = f"APINDO-CLG-{members + 5000:04d}"
        if i < unverified:
            status, reason, verified_on = Company.Status.UNVERIFIED, "", None
            changed = now - datetime.timedelta(days=rng.randint(1, 40))
        elif i < unverified + suspended:
            status = Company.Status.SUSPENDED
            reason = SUSPENSION_REASONS[(i - unverified) % len(SUSPENSION_REASONS)]
            verified_on = demo.today - datetime.timedelta(days=rng.randint(200, 700))
            changed = now - datetime.timedelta(days=rng.randint(5, 90))
        else:
            status, reason = Company.Status.VERIFIED, ""
            verified_on = demo.today - datetime.timedelta(days=rng.randint(30, 900))
            changed = timezone.make_aware(
                datetime.datetime.combine(verified_on, datetime.time(10, 0))
            )
        slug = re.sub(r"[^a-z]+", "", name.lower().removeprefix("pt "))[:24]
        companies.append(
            Company(
                name=name,
                nib=nib,
                npwp="",
                sector_id=rng.choice(sectors),
                workforce=rng.choice((60, 80, 120, 150, 200, 250, 300, 450, 600, 900)),
                address=f"{rng.choice(fictional.STREET_NAMES)} No. {rng.randint(1, 120)}, "
                "Kota Cilegon",
                region_id=rng.choice(kecamatan),
                apindo_member_no=apindo,
                contact_name=f"Bagian HRD ({rng.choice(fictional.FAMILY_OR_SECOND_NAMES)})",
                contact_phone=f"0254-{rng.randint(310000, 399999)}",
                contact_email=f"hrd@{slug}.co.id",
                office=office,
                status=status,
                status_reason=reason,
                status_changed_at=changed,
                status_changed_by=officer if status != Company.Status.UNVERIFIED else None,
                verified_on=verified_on,
            )
        )
    Company.objects.bulk_create(companies)
    _submitted_vacancies(demo, rng, companies[:unverified], kecamatan)
    return companies


def _submitted_vacancies(demo: Demo, rng, companies: list[Company], kecamatan) -> None:
    """A vacancy or two of each unverified company, waiting for the office's check."""
    vacancies = []
    for company in companies:
        occupations = [
            code
            for code in SECTOR_OCCUPATIONS.get(company.sector_id, ())
            if code in demo.occupation_names and code in TITLES
        ] or ["9329"]
        for _ in range(rng.choice((1, 1, 2))):
            occupation = rng.choice(occupations)
            opens = demo.today - datetime.timedelta(days=rng.randint(0, 20))
            wage = rng.choice((5_100_000, 5_300_000, 5_600_000, 6_000_000))
            vacancies.append(
                Vacancy(
                    company=company,
                    kind=Vacancy.Kind.JOB,
                    title=rng.choice(TITLES.get(occupation, ("Operator Produksi",))),
                    occupation_id=occupation,
                    openings=rng.choice((1, 2, 3, 5)),
                    region_id=company.region_id or rng.choice(kecamatan),
                    wage_min=wage,
                    wage_max=wage + 800_000,
                    employment_type=Vacancy.EmploymentType.PKWT,
                    opens_on=opens,
                    closes_on=opens + datetime.timedelta(days=45),
                    status=Vacancy.Status.SUBMITTED,
                    how_to_apply=f"Kirim lamaran ke {company.contact_email}",
                )
            )
    Vacancy.objects.bulk_create(vacancies)
