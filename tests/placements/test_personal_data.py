"""No employer-visible answer anywhere contains a NIK, an address or a birth date."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from tests import factories
from trainees.models import CompetencyAssessment, TrainingResult

SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")


def forbidden_in(text: str, people) -> list[str]:
    found = []
    for person in people:
        for value in (
            person.nik,
            person.address,
            person.birth_date.isoformat(),
            person.birth_date.strftime("%d-%m-%Y"),
            person.birth_date.strftime("%d/%m/%Y"),
            person.birth_place + ", ",
        ):
            if value in text:
                found.append(value)
    found += SIXTEEN_DIGITS.findall(text)
    # (A company's own address is not personal data; people's addresses are checked above.)
    for key in ('"nik"', '"birth_date"', '"birth_place"'):
        if key in text:
            found.append(key)
    return found


def test_no_employer_response_reveals_a_nik_an_address_or_a_birth_date(world, api, client):
    today = timezone.localdate()
    job = factories.vacancy(world.company_a, openings=5)
    apprenticeship_vacancy = factories.vacancy(
        world.company_a, kind="apprenticeship", employment_type="magang", duration_months=6
    )
    people = [
        factories.job_seeker(world.office_a, consent_share_contact=True, phone="0812"),
        factories.job_seeker(world.office_a, sex="P", address="Jl. Rahasia 7, Ciwandan"),
        factories.job_seeker(world.office_b),
    ]
    programme = factories.programme(world.provider_a)
    cohort = factories.cohort(programme, status="finished")
    for person in people:
        factories.give_skill(person, "LAS-SMAW", source=3)
        enrollment = factories.enrollment(cohort, person, status="completed")
        TrainingResult.objects.create(enrollment=enrollment, attendance_pct=90, outcome="completed")
        CompetencyAssessment.objects.create(
            enrollment=enrollment, result="K", assessed_on=today, certificate_no="LSP/9"
        )
    referrals = [factories.referral(job, person) for person in people]
    appr_referral = factories.referral(apprenticeship_vacancy, people[1])
    placement = factories.placement(job, people[2])
    apprenticeship = factories.apprenticeship(apprenticeship_vacancy, people[0])

    employer = api.as_user(world.employer_a)
    answers = [
        employer.get("/api/v1/company/"),
        employer.get("/api/v1/vacancies/"),
        employer.get(f"/api/v1/vacancies/{job.pk}/"),
        employer.get(f"/api/v1/vacancies/{job.pk}/referrals/"),
        employer.get(f"/api/v1/vacancies/{apprenticeship_vacancy.pk}/referrals/"),
        employer.post(f"/api/v1/referrals/{referrals[0].pk}/decision/", {"decision": "interview"}),
        employer.post(
            f"/api/v1/referrals/{referrals[1].pk}/decision/",
            {"decision": "hired", "start_date": today.isoformat(), "wage": 5_000_000},
        ),
        employer.post(
            f"/api/v1/referrals/{appr_referral.pk}/decision/",
            {"decision": "hired", "start_date": today.isoformat(), "wage": 2_000_000},
        ),
        employer.get("/api/v1/placements/"),
        employer.get(f"/api/v1/placements/{placement.pk}/"),
        employer.post(
            f"/api/v1/placements/{placement.pk}/follow-ups/",
            {"checked_on": today.isoformat(), "employed": True},
        ),
        employer.get("/api/v1/apprenticeships/"),
        employer.get(f"/api/v1/apprenticeships/{apprenticeship.pk}/"),
        employer.post(
            f"/api/v1/apprenticeships/{apprenticeship.pk}/finish/",
            {"outcome": "completed", "hired": True, "finished_on": today.isoformat()},
        ),
        employer.get("/api/v1/placements/"),
    ]
    client.force_login(world.employer_a)
    answers += [
        client.get(reverse("placements:vacancy-list")),
        client.get(reverse("placements:vacancy-detail", args=[job.pk])),
        client.get(reverse("placements:vacancy-detail", args=[apprenticeship_vacancy.pk])),
        client.get(reverse("placements:placement-list")),
        client.get(reverse("placements:apikey-list")),
    ]
    for response in answers:
        assert response.status_code in (200, 201), (response.request["PATH_INFO"], response.content)
        text = response.content.decode()
        assert forbidden_in(text, people) == [], response.request["PATH_INFO"]
    # The scan itself works: the officer's view of the same person is not scrubbed.
    assert forbidden_in(f'{{"nik": "{people[0].nik}"}}', people)
