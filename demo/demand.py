"""Demand: vacancies and apprenticeship openings of the companies over the last 18 months."""

from __future__ import annotations

import itertools
import math

from placements.models import Vacancy, VacancySkill

from .catalogue import CILEGON, OCCUPATION_SKILLS, SECTOR_OCCUPATIONS, TITLES, VOCATION_OCCUPATIONS
from .common import DAY, Demo, VacancyPlan, make, weighted
from .organisations import kecamatan_of

#: Monthly wage bands (Rp) by KBJI major group. Cilegon's UMK 2026 is about Rp 5.2 million.
WAGE_BANDS = {
    "2": (7_500_000, 9_500_000),
    "3": (5_600_000, 7_000_000),
    "4": (5_100_000, 5_800_000),
    "5": (4_900_000, 5_400_000),
    "7": (5_100_000, 6_200_000),
    "8": (5_200_000, 6_500_000),
    "9": (4_900_000, 5_300_000),
}
OPENINGS = ((1, 22), (2, 20), (3, 14), (4, 10), (5, 10), (6, 5), (8, 5), (10, 9), (15, 2), (20, 3))
Type = Vacancy.EmploymentType


def build_vacancies(demo: Demo) -> None:
    """About 300 vacancies at scale 1 (15% apprenticeship openings at companies of 25 or
    more), of companies weighted by size and, three times, of the demo employers."""
    rng = demo.rng
    companies = demo.companies
    # Cumulative: rng.choices would otherwise add up every company's weight for each pick.
    weights = list(
        itertools.accumulate(
            math.sqrt(c.workforce) * (3 if id(c) in demo.employer_of else 1) for c in companies
        )
    )
    kecamatan = kecamatan_of(demo, CILEGON)
    references: dict[int, int] = {}
    for _ in range(demo.n(300)):
        company = rng.choices(companies, cum_weights=weights)[0]
        apprenticeship = rng.random() < 0.15 and company.workforce >= 25
        vacancy, required, preferred = _draw_vacancy(demo, company, kecamatan)
        if apprenticeship:
            _offer_apprenticeship(demo, vacancy)
        else:
            _offer_job(demo, vacancy)
        if rng.random() < 0.7:
            serial = references.get(id(company), 0) + 1
            references[id(company)] = serial
            vacancy.external_ref = f"HR-{vacancy.opens_on.year}-{serial:04d}"
        vacancy.description = describe(demo, vacancy, required)
        _add_vacancy(demo, vacancy, required, preferred)
    pasal_5_details(demo)


def _draw_vacancy(demo: Demo, company, kecamatan) -> tuple[Vacancy, list[str], list[str]]:
    """A job vacancy of ``company`` (the kind and terms follow), with its required and
    preferred skills."""
    rng = demo.rng
    occupation = pick_occupation(demo, company)
    required, preferred = pick_skills(demo, occupation)
    title = rng.choice(TITLES.get(occupation, (demo.occupation_names[occupation],)))
    openings = weighted(rng, OPENINGS)
    opens = demo.weekday(demo.today - rng.randint(3, 548) * DAY)
    closes = opens + rng.randint(30, 90) * DAY
    vacancy = make(
        Vacancy,
        company=company,
        kind=Vacancy.Kind.JOB,
        title=title,
        occupation_id=occupation,
        openings=openings,
        education_min_id=education_min(demo, occupation[0]),
        region_id=company.region_id if rng.random() < 0.8 else rng.choice(kecamatan),
        experience_months=12 * weighted(rng, ((0, 65), (1, 20), (2, 10), (3, 5))),
        opens_on=opens,
        closes_on=closes,
        created_by=demo.employer_of.get(id(company)),
    )
    return vacancy, required, preferred


def _offer_apprenticeship(demo: Demo, vacancy: Vacancy) -> None:
    """Make the vacancy an apprenticeship opening: within the company's quota (a fifth of
    its workforce, at most 10 at a time), an allowance, no experience asked."""
    quota = max(1, vacancy.company.workforce // 5)
    allowance = demo.rupiah(1_500_000, 3_500_000)
    vacancy.kind = Vacancy.Kind.APPRENTICESHIP
    vacancy.title = f"Magang {vacancy.title}"
    vacancy.openings = max(1, min(vacancy.openings, quota, 10))
    vacancy.employment_type = Type.MAGANG
    vacancy.duration_months = demo.rng.choice((3, 6, 6, 6, 9, 12, 12))
    vacancy.wage_min = vacancy.wage_max = allowance
    vacancy.experience_months = 0


def _offer_job(demo: Demo, vacancy: Vacancy) -> None:
    """The job's wage range (by the occupation's major group) and kind of contract."""
    group = vacancy.occupation_id[0]
    low, high = WAGE_BANDS.get(group, WAGE_BANDS["9"])
    vacancy.wage_min = max(4_900_000, demo.rupiah(low, high))
    vacancy.wage_max = min(12_000_000, demo.rupiah(vacancy.wage_min * 1.05, vacancy.wage_min * 1.5))
    vacancy.employment_type = weighted(
        demo.rng,
        ((Type.PKWT, 55), (Type.PKWTT, 30), (Type.HARIAN, 25 if group == "9" else 8)),
    )


def _add_vacancy(demo: Demo, vacancy: Vacancy, required, preferred) -> None:
    """Plan the vacancy and its skill rows."""
    demo.vacancies.append(
        VacancyPlan(vacancy, required, preferred, demo.employer_of.get(id(vacancy.company)))
    )
    demo.vacancy_skills.extend(make(VacancySkill, vacancy=vacancy, skill_id=s) for s in required)
    demo.vacancy_skills.extend(
        make(VacancySkill, vacancy=vacancy, skill_id=s, required=False) for s in preferred
    )


#: Limits a job genuinely needs (Perpres 57/2023 Pasal 5), by occupation: (every n-th
#: such vacancy, the fields). Welding in confined spaces under breathing apparatus; body
#: searches of women at the gates of the industrial estate.
LIMITS = {
    "7212": (
        4,
        {
            "age_min": 18,
            "age_max": 45,
            "age_reason": "Pengelasan di ruang terbatas (tangki, lambung kapal) dengan alat "
            "bantu napas menuntut kebugaran fisik sesuai standar K3.",
        },
    ),
    "5414": (
        3,
        {
            "sex": Vacancy.Sex.FEMALE,
            "sex_reason": "Petugas pemeriksaan badan bagi pekerja dan tamu perempuan di pos "
            "masuk kawasan industri.",
        },
    ),
}


def pasal_5_details(demo: Demo) -> None:
    """A few justified age and sex limits, and the company's own channel to apply on about
    a third of the vacancies. Decided by position, not by ``demo.rng``, so every other
    figure of the demo stays as it was."""
    seen: dict[str, int] = {}
    for n, plan in enumerate(demo.vacancies):
        vacancy = plan.obj
        if vacancy.kind == Vacancy.Kind.JOB and vacancy.occupation_id in LIMITS:
            every, fields = LIMITS[vacancy.occupation_id]
            seen[vacancy.occupation_id] = seen.get(vacancy.occupation_id, 0) + 1
            if seen[vacancy.occupation_id] % every == 1:
                for name, value in fields.items():
                    setattr(vacancy, name, value)
        email = vacancy.company.contact_email
        if n % 3 == 0 and email:
            vacancy.how_to_apply = f'Kirim lamaran dan CV ke {email}, subjek "{vacancy.title}".'


def pick_occupation(demo: Demo, company) -> str:
    division = company.sector_id[:2] if company.sector_id[:1].isdigit() else ""
    choices = SECTOR_OCCUPATIONS.get(division) or VOCATION_OCCUPATIONS[""]
    choices = [o for o in choices if o in demo.occupation_names and o in OCCUPATION_SKILLS]
    return demo.rng.choice(
        choices or sorted(o for o in OCCUPATION_SKILLS if o in demo.occupation_names)
    )


def pick_skills(demo: Demo, occupation: str) -> tuple[list[str], list[str]]:
    """1–4 required skills from the occupation's core, 0–3 preferred from its vocation."""
    rng = demo.rng
    core = [s for s in OCCUPATION_SKILLS.get(occupation, ()) if s in demo.skill_vocation]
    if not core:
        core = [rng.choice(demo.skill_codes)]
    count = min(len(core), weighted(rng, ((1, 35), (2, 35), (3, 20), (4, 10))))
    # The first required skill is one of the occupation's own vocation, the rest its core.
    own = [s for s in core[:2] if demo.skill_vocation[s] == demo.skill_vocation[core[0]]]
    first = rng.choice(own)
    required = [first, *rng.sample([s for s in core[:5] if s != first], count - 1)]
    vocation = demo.skill_vocation[required[0]]
    extra = [s for s in core + demo.skills_by_vocation.get(vocation, []) if s not in required]
    extra = list(dict.fromkeys(extra))
    preferred = rng.sample(extra, min(len(extra), rng.randint(0, 3)))
    return required, preferred


def education_min(demo: Demo, group: str) -> str | None:
    rng = demo.rng
    if group == "2":
        code = "s1"
    elif group == "3":
        code = "d3" if rng.random() < 0.4 else "smk"
    elif group in "78":
        code = weighted(rng, (("smk", 70), ("sma", 15), ("smp", 10), ("", 5)))
    elif group == "9":
        code = weighted(rng, (("smp", 50), ("sma", 40), ("", 10)))
    else:
        code = weighted(rng, (("sma", 85), ("", 15)))
    return code if code in demo.education_levels else None


def describe(demo: Demo, vacancy: Vacancy, required: list[str]) -> str:
    place = demo.region_names.get(vacancy.region_id, "Cilegon")
    if vacancy.kind == Vacancy.Kind.APPRENTICESHIP:
        allowance = f"{vacancy.wage_min:,}".replace(",", ".")
        lead = (
            f"Program pemagangan {vacancy.duration_months} bulan di {vacancy.company.name}, "
            f"{place}. Uang saku Rp {allowance} per bulan."
        )
    else:
        lead = (
            f"{vacancy.company.name} membutuhkan {vacancy.openings} orang {vacancy.title} "
            f"untuk penempatan di {place}, Kota Cilegon."
        )
    skills = "; ".join(demo.skill_names[code] for code in required)
    return f"{lead} Kompetensi utama: {skills}."
