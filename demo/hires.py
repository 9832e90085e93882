"""Hire reports in the demo (Perpres 57/2023 Pasal 6): over the last twelve months about
two thirds of the companies report their hires every month and a few only now and then;
a third or more of the people hired live outside Kota Cilegon (nearby kecamatan of Kota
Serang and Kabupaten Serang, or further away), and a few are registered job seekers
(matched by NIK), whose registrations end as placed by a ``hire_report`` placement on the
start day, exactly as the hiring service leaves them; and most hires that came through a
Vokasi referral are reported too, linked to the referral's placement.

Written after everything else, with its own random source (the rest of the demo is the
same with or without it), in bulk: a few thousand rows at scale 1.
"""

from __future__ import annotations

import datetime
import random

from django.db.models import Q

from placements.models import Hire, Placement
from trainees.models import JobSeeker
from vokasi.models import Region

from .common import Demo
from .names import (
    FAMILY_OR_SECOND_NAMES,
    FEMALE_GIVEN_NAMES,
    FEMALE_SECOND_NAMES,
    MALE_GIVEN_NAMES,
    MALE_SECOND_NAMES,
)

#: The share of companies reporting every month, and only sometimes.
MONTHLY, SOMETIMES = 2 / 3, 1 / 10
#: The share of people hired who live outside Kota Cilegon.
OUTSIDE_SHARE = 0.38
#: Registered job seekers among the people hired, at scale 1.
REGISTERED_HIRES = 30
#: The share of the reporting companies' referral hires they also report.
REFERRED_REPORTED = 0.7
OCCUPATIONS = ("7212", "8131", "3115", "8344", "7411", "9329", "4321", "7233")
PERSON_FIELDS = ("pk", "name", "sex", "birth_date", "education_id", "region_id", "nik",
                 "registered_on", "expires_on")  # fmt: skip
EDUCATION = (("smk", 45), ("sma", 25), ("d3", 10), ("s1", 10), ("smp", 10))


def seed_hires(demo: Demo, seed: int) -> int:
    """Write the demo's hire reports; answers how many."""
    rng = random.Random(seed * 57 + 6)
    companies = sorted(demo.companies, key=lambda c: c.pk)
    rng.shuffle(companies)
    monthly = companies[: round(len(companies) * MONTHLY)]
    sometimes = companies[len(monthly) : len(monthly) + max(1, round(len(companies) * SOMETIMES))]
    local = list(
        Region.objects.filter(level=Region.Level.DISTRICT, code__startswith="36.72.")
        .order_by("code")
        .values_list("code", flat=True)
    )
    nearby = list(
        Region.objects.filter(level=Region.Level.DISTRICT)
        .filter(Q(code__startswith="36.73.") | Q(code__startswith="36.04."))
        .order_by("code")
        .values_list("code", flat=True)
    )
    first_month = _month_start(demo.today) - datetime.timedelta(days=1)
    months = [_month_start(first_month - datetime.timedelta(days=31 * k)) for k in range(12)]
    hires: list[Hire] = []
    serial = 0
    for company in [*monthly, *sometimes]:
        # The register itself grows with the scale; a company hires as many as its size.
        per_month = max(1, round(min(4, company.workforce / 400)))
        reporter = demo.employer_of.get(id(company))
        for month in sorted(months):
            if company in sometimes and rng.random() > 0.3:
                continue
            for _ in range(rng.randint(0, per_month * 2)):
                serial += 1
                start = month + datetime.timedelta(days=rng.randint(0, 27))
                hires.append(_hire(rng, company, start, serial, local, nearby, reporter))
    _hire_registered(demo, rng, hires)
    _hire_referred(rng, [*monthly, *sometimes], months, hires)
    Hire.objects.bulk_create(hires, batch_size=2000)
    return len(hires)


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _hire(rng, company, start, serial, local, nearby, reporter) -> Hire:
    sex = "L" if rng.random() < 0.7 else "P"
    given = MALE_GIVEN_NAMES if sex == "L" else FEMALE_GIVEN_NAMES
    second = MALE_SECOND_NAMES if sex == "L" else FEMALE_SECOND_NAMES
    name = f"{rng.choice(given)} {rng.choice(second or FAMILY_OR_SECOND_NAMES)}"
    if rng.random() < OUTSIDE_SHARE:
        # Most who live outside the city live next door; some come from further away.
        domicile = rng.choice(nearby) if nearby and rng.random() < 0.6 else None
    else:
        domicile = rng.choice(local) if local else None
    codes, weights = zip(*EDUCATION, strict=True)
    return Hire(
        company=company,
        external_ref=f"HR-{company.pk}-{start:%Y%m}-{serial:05d}",
        name=name,
        sex=sex,
        birth_year=start.year - rng.randint(19, 40),
        education_id=rng.choices(codes, weights)[0],
        domicile_id=domicile,
        occupation_id=rng.choice(OCCUPATIONS),
        start_date=start,
        employment_type=rng.choices(["pkwt", "pkwtt", "harian"], [70, 20, 10])[0],
        wage=round(rng.uniform(4_800_000, 7_500_000) / 50_000) * 50_000,
        reported_by=reporter,
    )


def _hire_registered(demo: Demo, rng, hires: list[Hire]) -> None:
    """Make a few hires those of registered job seekers who were still looking: each
    gets a ``hire_report`` placement and their registration ends as placed on the start
    day (as ``placement_create`` leaves it)."""
    wanted = min(demo.n(REGISTERED_HIRES), len(hires))
    if not wanted:
        return
    earliest = min(h.start_date for h in hires)
    candidates = list(
        JobSeeker.objects.filter(
            status=JobSeeker.Status.ACTIVE,
            anonymised_at__isnull=True,
            registered_on__lte=earliest,
            office__code="3672",
        )
        .order_by("pk")
        .only(*PERSON_FIELDS)[: wanted * 4]
    )
    rng.shuffle(candidates)
    chosen = [h for h in sorted(hires, key=lambda h: h.external_ref) if h.start_date < demo.today]
    rng.shuffle(chosen)
    people, placements = [], []
    for person, hire in zip(candidates, chosen, strict=False):
        if len(people) == wanted:
            break
        if not person.registered_on <= hire.start_date < person.expires_on:
            continue
        hire.name, hire.sex, hire.nik = person.name, person.sex, person.nik
        hire.birth_year, hire.education_id = person.birth_date.year, person.education_id
        hire.domicile_id = person.region_id
        hire.job_seeker = person
        placement = Placement(
            job_seeker=person,
            company=hire.company,
            occupation_id=hire.occupation_id,
            start_date=hire.start_date,
            contract_type=hire.employment_type,
            wage=hire.wage,
            channel=Placement.Channel.AKL,
            source=Placement.Source.HIRE_REPORT,
            recorded_by=hire.reported_by,
        )
        placements.append(placement)
        hire.placement = placement
        person.status = JobSeeker.Status.PLACED
        person.end_reason = JobSeeker.EndReason.PLACED
        person.ended_on = hire.start_date
        person.next_report_due = None
        people.append(person)
    Placement.objects.bulk_create(placements)
    for hire in hires:
        if hire.placement is not None:
            hire.placement_id = hire.placement.pk
    JobSeeker.objects.bulk_update(people, ["status", "end_reason", "ended_on", "next_report_due"])


def _hire_referred(rng, companies, months, hires: list[Hire]) -> None:
    """Companies report the hires that came through a Vokasi referral too: most of the
    referral placements of the reporting companies in the twelve months get their hire
    report, linked to that placement (it filled its opening already, so it takes none)."""
    first, last = min(months), max(months) + datetime.timedelta(days=31)
    referred = (
        Placement.objects.filter(
            company__in=companies,
            source=Placement.Source.REFERRAL,
            job_seeker__anonymised_at__isnull=True,
            start_date__gte=first,
            start_date__lt=last,
        )
        .select_related("job_seeker", "vacancy")
        .order_by("pk")
    )
    for placement in referred:
        if rng.random() > REFERRED_REPORTED:
            continue
        person = placement.job_seeker
        hires.append(
            Hire(
                company_id=placement.company_id,
                vacancy=placement.vacancy,
                external_ref=f"HR-{placement.company_id}-REF-{placement.pk}",
                name=person.name,
                sex=person.sex,
                birth_year=person.birth_date.year,
                education_id=person.education_id,
                domicile_id=person.region_id,
                nik=person.nik,
                occupation_id=placement.occupation_id or placement.vacancy.occupation_id,
                start_date=placement.start_date,
                employment_type=placement.contract_type,
                wage=placement.wage,
                job_seeker=person,
                placement=placement,
            )
        )
