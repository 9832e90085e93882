"""Anonymising people leaves every report's numbers exactly as they were."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from placements.models import FollowUp, Placement, Referral, ReferralDecision
from reports import funnel
from tests import factories
from tests.reports import generate
from trainees.models import CompetencyAssessment, Enrollment, JobSeeker, TrainingResult
from trainees.services.personal_data import generalised_birth_date, job_seeker_anonymise

D = datetime.date
LINK_AND_MATCH = ["skill", "occupation", "vocation", "sector", "region"]
OUTCOMES = ["programme", "cohort", "provider", "funding", "sex", "education", "age_group", "region"]


def _add_results_decisions_and_follow_ups(data: dict) -> None:
    """The generated market lacks results, decisions with notes and follow-ups: add some."""
    rng = random.Random(11)
    for enrollment in Enrollment.objects.select_related("cohort").order_by("pk"):
        if enrollment.status not in ("completed", "dropped"):
            continue
        TrainingResult.objects.create(
            enrollment=enrollment,
            attendance_pct=rng.randint(60, 100),
            score=rng.randint(50, 95),
            outcome=enrollment.status,
        )
        if enrollment.status == "completed":
            CompetencyAssessment.objects.create(
                enrollment=enrollment,
                result=rng.choice(["K", "K", "BK"]),
                assessed_on=enrollment.cohort.end_date,
                certificate_no=f"LSP/{enrollment.pk}",
            )
    for placement in Placement.objects.order_by("pk")[:40]:
        FollowUp.objects.create(
            placement=placement,
            checked_on=placement.start_date + datetime.timedelta(days=182),
            employed=rng.random() < 0.7,
        )
    for vacancy in data["vacancies"][:20]:
        for person in rng.sample(data["seekers"], 2):
            referral, _ = Referral.objects.get_or_create(
                vacancy=vacancy,
                job_seeker=person,
                defaults={"referred_at": timezone.now(), "status": "rejected"},
            )
            ReferralDecision.objects.create(
                referral=referral,
                decision="rejected",
                decided_at=timezone.now(),
                note=f"Tidak hadir, hubungi {person.name}",
            )


def _every_report(api) -> dict:
    answers = {}
    for by in LINK_AND_MATCH:
        response = api.get(
            "/api/v1/reports/link-and-match/", {"from": "2024-01-01", "to": "2025-12-31", "by": by}
        )
        assert response.status_code == 200, response.content
        answers[f"link-and-match/{by}"] = response.json()
    for by in OUTCOMES:
        response = api.get(
            "/api/v1/reports/outcomes/", {"from": "2024-01-01", "to": "2025-12-31", "by": by}
        )
        assert response.status_code == 200, response.content
        answers[f"outcomes/{by}"] = response.json()
    for year in (2024, 2025):
        for quarter in (1, 2, 3, 4):
            response = api.get("/api/v1/reports/ipk/", {"year": year, "quarter": quarter})
            assert response.status_code == 200, response.content
            answers[f"ipk/{year}Q{quarter}"] = response.json()
        for month in (1, 6, 12):
            response = api.get("/api/v1/reports/ipk/", {"year": year, "month": month})
            answers[f"ipk/{year}-{month}"] = response.json()
    for sex in (None, "L", "P"):
        stages, _frame = funnel.funnel(
            JobSeeker.objects.all(), funnel.Filters(D(2023, 1, 1), D(2026, 3, 31), sex=sex)
        )
        answers[f"funnel/{sex}"] = [vars(stage) for stage in stages]
    return answers


def test_anonymising_people_changes_no_number_in_any_report(world, api):
    data = generate.build(world, people=160, vacancy_count=50, seed=3)
    _add_results_decisions_and_follow_ups(data)
    api.as_user(world.admin)
    before = _every_report(api)

    ended = list(JobSeeker.objects.exclude(status="active").order_by("pk"))
    assert len(ended) > 50
    for person in ended:
        job_seeker_anonymise(job_seeker=person, by=world.admin, reason="uji")
    assert JobSeeker.objects.filter(anonymised_at__isnull=False).count() == len(ended)
    assert not JobSeeker.objects.filter(pk__in=[p.pk for p in ended], address="Jl. Uji").exists()

    after = _every_report(api)
    assert after.keys() == before.keys()
    for key in before:
        assert after[key] == before[key], key


def test_a_generalised_birth_date_keeps_the_age_group_on_every_measuring_day():
    # Registered five days after turning 20 (20-29); 1 July of the birth year would
    # make the person 19 on that day (15-19), so another day is chosen.
    born, registered = D(2004, 6, 20), D(2024, 6, 25)
    kept = generalised_birth_date(born, [registered])
    assert kept != born and kept.year == 2004
    assert kept <= D(2004, 6, 25)  # still 20 on the registration day

    # Usually 1 July of the birth year does.
    assert generalised_birth_date(D(1990, 2, 3), [D(2024, 3, 1), D(2024, 9, 1)]) == D(1990, 7, 1)


def test_a_generalised_birth_date_respects_a_cohort_start_on_the_other_side_of_a_birthday():
    # 29 on registration, 30 when the cohort starts: two age groups to keep.
    born = D(1995, 3, 10)
    days = [D(2025, 3, 1), D(2025, 3, 20)]
    kept = generalised_birth_date(born, days)
    assert kept != born
    assert D(1995, 3, 1) < kept <= D(1995, 3, 20)


def test_the_reports_age_group_survives_anonymisation_of_a_borderline_person(world):
    person = factories.job_seeker(
        world.office_a, birth_date=D(2004, 6, 20), registered_on=D(2024, 6, 25)
    )
    factories.end_registration(person, D(2024, 12, 1), "withdrawn")
    job_seeker_anonymise(job_seeker=person, by=world.officer_a, reason="permintaan")
    person.refresh_from_db()
    assert person.birth_date != D(2004, 6, 20)
    assert person.age_on(D(2024, 6, 25)) == 20
