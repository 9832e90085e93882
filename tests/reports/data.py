"""A small, hand-built labour market whose report numbers are worked out by hand.

Period: 1 January - 31 March 2026. Office A is Kota Cilegon (36.72).

Vacancies (required skills; openings):
- v1  company A (KBLI C), 7212, 36.72.04, LAS-SMAW + LAS-GTAW, 5, open Feb-Apr
- v2  company A, 7212, 36.72.04, LAS-SMAW, 3, open Dec-15 Jan (overlaps the period)
- v3  company A, LAS-SMAW, 10, opens in April (outside the period)
- v4  company B (KBLI H), 3113, 36.72.02, LIS-PLC (LAS-SMAW only preferred), 2
- v5  company A, 36.73.01 (Kota Serang), LAS-SMAW, 4: outside office A's city

People of office A (supply is counted on 31 March):
- p1  LAS-SMAW certified, LAS-GTAW declared, seeks 7212
- p2  LAS-SMAW trained, seeks 7212, enrolled in the running cohort
- p3  LAS-SMAW declared, registered in April (not yet registered)
- p4  LAS-SMAW declared, placed on 1 February through v2 (ended before the period end)
- p5  LAS-SMAW declared, no occupation, ends in April (still active on 31 March)
- p7  no skills, seeks 7212, enrolled in the running cohort
Office B: p6 LAS-SMAW certified; placed in v1 on 1 March.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from tests import factories
from trainees.models import JobSeekerSkill
from vokasi.models import Sector

D = datetime.date
CERT = JobSeekerSkill.Source.CERTIFIED
TRAINED = JobSeekerSkill.Source.TRAINED
DECLARED = JobSeekerSkill.Source.DECLARED
FROM, TO = D(2026, 1, 1), D(2026, 3, 31)


@dataclass
class Market:
    world: object
    vacancies: dict
    people: dict
    cohort: object


def build(world) -> Market:
    world.company_b.sector = Sector.objects.get(code="H")
    world.company_b.save()
    a, b = world.company_a, world.company_b
    vac = {
        "v1": factories.vacancy(
            a,
            title="Welder",
            openings=5,
            required_skills=["LAS-SMAW", "LAS-GTAW"],
            opens_on=D(2026, 2, 1),
            closes_on=D(2026, 4, 30),
        ),
        "v2": factories.vacancy(a, openings=3, opens_on=D(2025, 12, 1), closes_on=D(2026, 1, 15)),
        "v3": factories.vacancy(a, openings=10, opens_on=D(2026, 4, 1), closes_on=D(2026, 5, 1)),
        "v4": factories.vacancy(
            b,
            title="Teknisi PLC",
            openings=2,
            occupation_id="3113",
            region_id="36.72.02",
            required_skills=["LIS-PLC"],
            preferred_skills=["LAS-SMAW"],
            opens_on=D(2026, 1, 10),
            closes_on=D(2026, 2, 10),
        ),
        "v5": factories.vacancy(
            a, openings=4, region_id="36.73.01", opens_on=D(2026, 3, 1), closes_on=D(2026, 3, 31)
        ),
    }
    office = world.office_a
    reg = D(2025, 6, 1)
    ppl = {
        "p1": factories.job_seeker(office, registered_on=reg, occupation_id="7212"),
        "p2": factories.job_seeker(office, registered_on=reg, occupation_id="7212", sex="P"),
        "p3": factories.job_seeker(office, registered_on=D(2026, 4, 10)),
        "p4": factories.job_seeker(office, registered_on=reg, occupation_id="7212"),
        "p5": factories.job_seeker(office, registered_on=reg),
        "p6": factories.job_seeker(world.office_b, registered_on=reg, region_id="36.73.01"),
        "p7": factories.job_seeker(office, registered_on=reg, occupation_id="7212"),
    }
    factories.give_skill(ppl["p1"], "LAS-SMAW", CERT)
    factories.give_skill(ppl["p1"], "LAS-GTAW", DECLARED)
    factories.give_skill(ppl["p2"], "LAS-SMAW", TRAINED)
    factories.give_skill(ppl["p3"], "LAS-SMAW", DECLARED)
    factories.give_skill(ppl["p4"], "LAS-SMAW", DECLARED)
    factories.give_skill(ppl["p5"], "LAS-SMAW", DECLARED)
    factories.give_skill(ppl["p6"], "LAS-SMAW", CERT)
    factories.end_registration(ppl["p4"], D(2026, 2, 1), "placed")
    factories.end_registration(ppl["p5"], D(2026, 4, 5), "withdrawn")
    factories.placement_at(ppl["p4"], a, vacancy=vac["v2"], start_date=D(2026, 2, 1))
    factories.placement_at(ppl["p6"], a, vacancy=vac["v1"], start_date=D(2026, 3, 1))

    prog = factories.programme(
        world.provider_a, "LAS", name="Las SMAW dan GTAW", skills=_skills("LAS-SMAW", "LAS-GTAW")
    )
    running = factories.cohort(prog, start_date=D(2026, 3, 1), end_date=D(2026, 4, 15))
    factories.enrollment(running, ppl["p2"], enrolled_on=D(2026, 2, 20))
    factories.enrollment(running, ppl["p7"], enrolled_on=D(2026, 2, 20))
    factories.enrollment(running, ppl["p1"], enrolled_on=D(2026, 2, 20), status="withdrawn")
    old = factories.cohort(prog, start_date=D(2025, 7, 1), end_date=D(2025, 8, 15))
    factories.enrollment(old, ppl["p5"], enrolled_on=D(2025, 6, 20))
    return Market(world=world, vacancies=vac, people=ppl, cohort=running)


def _skills(*codes):
    from vokasi.models import Skill

    return list(Skill.objects.filter(code__in=codes))
