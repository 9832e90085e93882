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
from dataclasses import dataclass

from django.utils import timezone

from placements.models import Vacancy
from vokasi.models import Company, LabourOffice, User

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


@dataclass
class _Register:
    """What the register-only companies are drawn from and checked against: names and
    NIBs already taken, the Apindo member numbers given so far."""

    rng: random.Random
    today: datetime.date
    now: datetime.datetime
    office: LabourOffice
    officer: User | None
    sectors: list[str]
    kecamatan: list[str]
    taken_names: set[str]
    taken_nibs: set[str]
    members: int
    unverified: int  # the first this many are unverified, then
    suspended: int  # this many suspended; the rest verified


def seed_register(demo: Demo, *, seed: int) -> list[Company]:
    """Write the register-only companies (and the unverified ones' submitted vacancies)."""
    rng = random.Random(seed * 31 + 7)  # its own stream: the rest of the demo is unchanged
    count = max(3, round(REGISTER_ONLY * demo.scale))
    register = _Register(
        rng=rng,
        today=demo.today,
        now=timezone.now(),
        office=demo.offices["3672"],
        officer=demo.users.get("officer"),
        sectors=[code for code in SECTOR_OCCUPATIONS if code in demo.sector_codes],
        kecamatan=kecamatan_of(demo, CILEGON),
        taken_names={c.name for c in demo.companies},
        taken_nibs=set(Company.objects.values_list("nib", flat=True)),
        members=len([c for c in demo.companies if c.apindo_member_no]),
        unverified=max(1, round(UNVERIFIED * demo.scale)),
        suspended=max(1, round(SUSPENDED * min(demo.scale, 1))),
    )
    companies = [_draw_company(register, i) for i in range(count)]
    Company.objects.bulk_create(companies)
    _submitted_vacancies(demo, rng, companies[: register.unverified], register.kecamatan)
    return companies


def _draw_company(register: _Register, i: int) -> Company:
    """The ``i``-th register-only company (unsaved)."""
    rng = register.rng
    name = _draw_name(register)
    nib = _draw_nib(register)
    apindo = _draw_apindo_number(register)
    status, reason, verified_on, changed = _draw_status(register, i)
    slug = re.sub(r"[^a-z]+", "", name.lower().removeprefix("pt "))[:24]
    return Company(
        name=name,
        nib=nib,
        npwp="",
        sector_id=rng.choice(register.sectors),
        workforce=rng.choice((60, 80, 120, 150, 200, 250, 300, 450, 600, 900)),
        address=f"{rng.choice(fictional.STREET_NAMES)} No. {rng.randint(1, 120)}, Kota Cilegon",
        region_id=rng.choice(register.kecamatan),
        apindo_member_no=apindo,
        contact_name=f"Bagian HRD ({rng.choice(fictional.FAMILY_OR_SECOND_NAMES)})",
        contact_phone=f"0254-{rng.randint(310000, 399999)}",
        contact_email=f"hrd@{slug}.co.id",
        office=register.office,
        status=status,
        status_reason=reason,
        status_changed_at=changed,
        status_changed_by=register.officer if status != Company.Status.UNVERIFIED else None,
        verified_on=verified_on,
    )


def _draw_name(register: _Register) -> str:
    """A company name not yet on the register (it joins the names taken)."""
    rng = register.rng
    while True:
        name = " ".join(
            part for part in ("PT", rng.choice(FIRST), rng.choice(SECOND), rng.choice(THIRD))
            if part
        )  # fmt: skip
        if name not in register.taken_names:
            register.taken_names.add(name)
            return name


def _draw_nib(register: _Register) -> str:
    """An NIB not yet in the database (it joins the NIBs taken)."""
    rng = register.rng
    while True:
        nib = f"{rng.choice(('8120', '9120', '1220'))}{rng.randrange(10**9):09d}"
        if nib not in register.taken_nibs:
            register.taken_nibs.add(nib)
            return nib


def _draw_apindo_number(register: _Register) -> str | None:
    """The next Apindo member number for about 40% of the companies, else None."""
    if register.rng.random() < 0.4:
        register.members += 1
        return f"APINDO-CLG-{register.members + 5000:04d}"
    return None


def _draw_status(register: _Register, i: int) -> tuple:
    """The ``i``-th company's status, its reason, when it was verified and when the status
    last changed: unverified first, then suspended, then verified."""
    rng, now, today = register.rng, register.now, register.today
    if i < register.unverified:
        changed = now - datetime.timedelta(days=rng.randint(1, 40))
        return Company.Status.UNVERIFIED, "", None, changed
    if i < register.unverified + register.suspended:
        reason = SUSPENSION_REASONS[(i - register.unverified) % len(SUSPENSION_REASONS)]
        verified_on = today - datetime.timedelta(days=rng.randint(200, 700))
        changed = now - datetime.timedelta(days=rng.randint(5, 90))
        return Company.Status.SUSPENDED, reason, verified_on, changed
    verified_on = today - datetime.timedelta(days=rng.randint(30, 900))
    changed = timezone.make_aware(datetime.datetime.combine(verified_on, datetime.time(10, 0)))
    return Company.Status.VERIFIED, "", verified_on, changed


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
