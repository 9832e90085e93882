"""A random but reproducible labour market over 24 months (2024-2025) for balance tests.

Registrations start before the window (so the first month has an opening stock) and end
for every reason; vacancies open, fill (placements into jobs, apprenticeships into
apprenticeship vacancies, always within the vacancy's open days) and close with
openings left over, some before their advertised closing date; people hold skills from
every source, each source from its own date (some after the periods tested), and enrol
in cohorts, some withdrawing.
"""

from __future__ import annotations

import datetime
import random

from placements.models import Apprenticeship, Placement, Vacancy, VacancySkill
from tests import factories
from trainees.models import Enrollment, JobSeeker, JobSeekerSkill, normalise_name
from trainees.nik import build_nik
from vokasi.models import Sector

D = datetime.date
WINDOW_START, WINDOW_END = D(2024, 1, 1), D(2025, 12, 31)
SKILLS = [
    "LAS-SMAW",
    "LAS-GTAW",
    "LAS-FCAW",
    "LIS-PLC",
    "LIS-PANEL",
    "ABT-FORKLIFT",
    "ABT-CRANE",
    "LOG-GUDANG",
    "PRO-KIMIA",
    "TIK-WEB",
]
OCCUPATIONS = ["7212", "7411", "3113", "8344", "4321", "2512", "8131", None]
EDUCATION = ["sd", "smp", "sma", "smk", "d3", "s1"]
REGIONS = ["36.72.01", "36.72.02", "36.72.04", "36.72.06", "36.73.01"]
REASONS = ["placed", "placed", "expired", "withdrawn", "moved", "data_error"]


def day_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def build(world, *, people: int = 240, vacancy_count: int = 90, seed: int = 7) -> dict:
    rng = random.Random(seed)
    extra_sector = factories.company(name="PT Kimia Cilegon", sector=Sector.objects.get(code="20"))
    companies = [world.company_a, world.company_b, extra_sector]
    world.company_b.sector = Sector.objects.get(code="H")
    world.company_b.save()

    seekers = []
    for i in range(people):
        sex = rng.choice("LP")
        registered = day_between(rng, D(2023, 7, 1), WINDOW_END)
        born = day_between(rng, D(1966, 1, 1), registered.replace(year=registered.year - 16))
        office = world.office_a if rng.random() < 0.8 else world.office_b
        region = rng.choice(REGIONS)
        person = JobSeeker(
            office=office,
            registration_number=f"{office.code}-{registered.year}-{i + 1:06d}",
            nik=build_nik(region, born, sex, i + 1),
            name=f"Pencari Kerja {i + 1}",
            name_normalised=normalise_name(f"Pencari Kerja {i + 1}"),
            birth_place="Cilegon",
            birth_date=born,
            sex=sex,
            address="Jl. Uji",
            region_id=region,
            education_id=rng.choice(EDUCATION),
            occupation_id=rng.choice(OCCUPATIONS),
            registered_on=registered,
            expires_on=registered + datetime.timedelta(days=730),
        )
        if rng.random() < 0.6:
            ended = registered + datetime.timedelta(days=rng.randint(0, 760))
            if ended <= D(2026, 3, 31):
                reason = rng.choice(REASONS)
                person.ended_on = ended
                person.end_reason = reason
                person.status = {"placed": "placed", "expired": "expired"}.get(reason, "removed")
        seekers.append(person)
    seekers = JobSeeker.objects.bulk_create(seekers)

    skill_rows = []
    for person in seekers:
        for code in rng.sample(SKILLS, rng.randint(0, 3)):
            source = rng.choice([1, 1, 2, 3])
            declared = source == 1 or rng.random() < 0.3
            trained = day_between(rng, person.registered_on, D(2026, 6, 30))
            skill_rows.append(
                JobSeekerSkill(
                    job_seeker=person,
                    skill_id=code,
                    source=source,
                    certificate_no="LSP/1" if source == 3 else "",
                    declared=declared and source > 1,
                    declared_from=person.registered_on if declared else None,
                    trained_from=trained if source >= 2 and rng.random() < 0.8 else None,
                    certified_from=(
                        trained + datetime.timedelta(days=rng.randint(2, 60))
                        if source == 3
                        else None
                    ),
                )
            )
            if source == 2 and skill_rows[-1].trained_from is None:
                skill_rows[-1].trained_from = trained
    JobSeekerSkill.objects.bulk_create(skill_rows)

    all_vacancies = []
    placements, apprenticeships = [], []
    for i in range(vacancy_count):
        kind = "apprenticeship" if rng.random() < 0.2 else "job"
        opens = day_between(rng, D(2023, 10, 1), WINDOW_END)
        closes = opens + datetime.timedelta(days=rng.randint(5, 120))
        openings = rng.randint(1, 8)
        vacancy = Vacancy(
            company=rng.choice(companies),
            title=f"Lowongan {i + 1}",
            kind=kind,
            occupation_id=rng.choice([o for o in OCCUPATIONS if o]),
            openings=openings,
            education_min_id=rng.choice([*EDUCATION, None]),
            region_id=rng.choice(REGIONS),
            employment_type="magang" if kind == "apprenticeship" else "pkwt",
            duration_months=6 if kind == "apprenticeship" else None,
            opens_on=opens,
            closes_on=closes,
        )
        fills = rng.randint(0, openings)
        vacancy.filled = fills
        if closes < D(2026, 1, 31) and rng.random() < 0.8:
            vacancy.closed_on = closes
            if rng.random() < 0.4:  # filled or cancelled before the advertised date
                vacancy.closed_on = day_between(rng, opens, closes)
                closes = vacancy.closed_on
            vacancy.status = "filled" if fills == openings else "closed"
            vacancy.close_reason = "filled" if fills == openings else "expired"
        vacancy = Vacancy.objects.bulk_create([vacancy])[0]
        all_vacancies.append(vacancy)
        VacancySkill.objects.bulk_create(
            [
                VacancySkill(vacancy=vacancy, skill_id=code, required=True)
                for code in rng.sample(SKILLS, rng.randint(1, 3))
            ]
        )
        for _ in range(fills):
            start = day_between(rng, opens, closes)
            person = rng.choice(seekers)
            if kind == "job":
                placements.append(
                    Placement(
                        job_seeker=person,
                        company=vacancy.company,
                        vacancy=vacancy,
                        start_date=start,
                        contract_type="pkwt",
                        wage=rng.randint(45, 70) * 100_000,
                        channel=rng.choice(["akl", "akl", "akad", "akan"]),
                        source="referral",
                    )
                )
            else:
                apprenticeships.append(
                    Apprenticeship(
                        job_seeker=person,
                        company=vacancy.company,
                        vacancy=vacancy,
                        start_date=start,
                        duration_months=6,
                        allowance=2_000_000,
                        status="running",
                        approved_on=start,
                    )
                )
    for _ in range(30):  # people who found work by themselves
        placements.append(
            Placement(
                job_seeker=rng.choice(seekers),
                company=rng.choice(companies),
                start_date=day_between(rng, WINDOW_START, WINDOW_END),
                contract_type="pkwtt",
                wage=5_000_000,
                channel="akl",
                source="self",
            )
        )
    Placement.objects.bulk_create(placements)
    Apprenticeship.objects.bulk_create(apprenticeships)

    programme = factories.programme(world.provider_a, "LAS")
    programme.skills.set(["LAS-SMAW", "LAS-GTAW"])
    crane = factories.programme(world.provider_b, "ABT")
    crane.skills.set(["ABT-CRANE", "ABT-FORKLIFT"])
    enrollments = []
    for prog in (programme, crane):
        for c in range(6):
            start = day_between(rng, WINDOW_START, WINDOW_END)
            cohort = factories.cohort(
                prog, start_date=start, end_date=start + datetime.timedelta(days=45)
            )
            for person in rng.sample(seekers, 10):
                status = rng.choice(["enrolled", "enrolled", "completed", "dropped", "withdrawn"])
                enrolled = start - datetime.timedelta(days=rng.randint(0, 20))
                enrollments.append(
                    Enrollment(
                        cohort=cohort,
                        job_seeker=person,
                        enrolled_on=enrolled,
                        status=status,
                        withdrawn_on=(
                            day_between(rng, enrolled, start) if status == "withdrawn" else None
                        ),
                    )
                )
            del c
    Enrollment.objects.bulk_create(enrollments)
    return {"seekers": seekers, "vacancies": all_vacancies}
