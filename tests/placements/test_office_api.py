"""The labour office's endpoints: referrals, apprenticeship approval, self-found jobs."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from placements.models import Apprenticeship, Referral
from tests import factories
from trainees.models import JobSeeker, JobSeekerSkill

TODAY = timezone.localdate()


@pytest.fixture
def vacancy(world):
    return factories.vacancy(world.company_a, required_skills=["LAS-SMAW"])


@pytest.fixture
def welder(world):
    person = factories.job_seeker(world.office_a)
    factories.give_skill(person, "LAS-SMAW", JobSeekerSkill.Source.CERTIFIED)
    return person


def proposed(world, person, **kw) -> Apprenticeship:
    appr_vacancy = factories.vacancy(
        world.company_a, kind="apprenticeship", employment_type="magang", duration_months=6
    )
    kw.setdefault("status", Apprenticeship.Status.PROPOSED)
    kw.setdefault("approved_on", None)
    kw.setdefault("start_date", TODAY + datetime.timedelta(days=7))
    return factories.apprenticeship(appr_vacancy, person, **kw)


# --------------------------------------------------------------------------- referrals


def test_an_officer_refers_a_job_seeker_and_sees_the_status(api, world, vacancy, welder):
    client = api.as_user(world.officer_a)
    response = client.post(
        "/api/v1/referrals/", {"vacancy": vacancy.pk, "job_seeker": welder.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "referred"
    assert body["match_score"] > 0
    assert body["vacancy"]["id"] == vacancy.pk
    listed = client.get("/api/v1/referrals/?status=referred").json()
    assert [r["id"] for r in listed["results"]] == [body["id"]]


def test_referring_the_same_person_twice_answers_409_with_the_existing_referral(
    api, world, vacancy, welder
):
    client = api.as_user(world.officer_a)
    payload = {"vacancy": vacancy.pk, "job_seeker": welder.pk}
    first = client.post("/api/v1/referrals/", payload, format="json").json()
    again = client.post("/api/v1/referrals/", payload, format="json")
    assert again.status_code == 409
    assert again.json()["existing_id"] == first["id"]
    assert Referral.objects.count() == 1


def test_an_expired_job_seeker_cannot_be_referred(api, world, vacancy, welder):
    JobSeeker.objects.filter(pk=welder.pk).update(
        status="expired", ended_on=TODAY, end_reason="expired"
    )
    response = api.as_user(world.officer_a).post(
        "/api/v1/referrals/", {"vacancy": vacancy.pk, "job_seeker": welder.pk}, format="json"
    )
    assert response.status_code == 400
    assert "job_seeker" in response.json()


@pytest.mark.parametrize(
    ("who", "status"), [("officer_b", 404), ("employer_a", 403), ("trainer_a", 403)]
)
def test_only_the_persons_own_office_refers_them(api, world, vacancy, welder, who, status):
    response = api.as_user(getattr(world, who)).post(
        "/api/v1/referrals/", {"vacancy": vacancy.pk, "job_seeker": welder.pk}, format="json"
    )
    assert response.status_code == status


# --------------------------------------------------------------------- apprenticeships


def test_the_office_approves_an_apprenticeship_agreement(api, world):
    appr = proposed(world, factories.job_seeker(world.office_a))
    response = api.as_user(world.officer_a).post(
        f"/api/v1/apprenticeships/{appr.pk}/approve/", {"agreement_no": "PKS-77"}, format="json"
    )
    assert response.status_code == 200, response.json()
    appr.refresh_from_db()
    assert appr.status == Apprenticeship.Status.APPROVED
    assert appr.approved_on == TODAY
    assert appr.approved_by == world.officer_a
    assert appr.agreement_no == "PKS-77"
    again = api.as_user(world.officer_a).post(f"/api/v1/apprenticeships/{appr.pk}/approve/")
    assert again.status_code == 409


def test_an_apprenticeship_already_started_runs_once_approved(api, world):
    appr = proposed(world, factories.job_seeker(world.office_a), start_date=TODAY)
    api.as_user(world.officer_a).post(f"/api/v1/apprenticeships/{appr.pk}/approve/")
    appr.refresh_from_db()
    assert appr.status == Apprenticeship.Status.RUNNING


def test_a_sixteen_year_old_cannot_be_an_apprentice(api, world):
    young = factories.job_seeker(
        world.office_a,
        birth_date=TODAY.replace(year=TODAY.year - 16),
        registered_on=TODAY - datetime.timedelta(days=3),
    )
    appr = proposed(world, young)
    response = api.as_user(world.officer_a).post(f"/api/v1/apprenticeships/{appr.pk}/approve/")
    assert response.status_code == 400
    assert "17" in str(response.json()["job_seeker"])


@pytest.mark.parametrize(("field", "value"), [("duration_months", 13), ("allowance", 0)])
def test_an_agreement_beyond_the_rules_is_refused(api, world, field, value):
    appr = proposed(world, factories.job_seeker(world.office_a), **{field: value})
    response = api.as_user(world.officer_a).post(f"/api/v1/apprenticeships/{appr.pk}/approve/")
    assert response.status_code == 400
    assert field in response.json()


def test_a_company_may_not_exceed_a_fifth_of_its_workforce_in_apprentices(api, world):
    world.company_a.workforce = 10  # room for 2
    world.company_a.save()
    people = [factories.job_seeker(world.office_a) for _ in range(3)]
    apprenticeships = [proposed(world, person) for person in people]
    client = api.as_user(world.officer_a)
    for appr in apprenticeships[:2]:
        assert client.post(f"/api/v1/apprenticeships/{appr.pk}/approve/").status_code == 200
    third = client.post(f"/api/v1/apprenticeships/{apprenticeships[2].pk}/approve/")
    assert third.status_code == 409
    assert "20%" in third.json()["detail"]


@pytest.mark.parametrize(
    ("who", "status"), [("officer_b", 404), ("employer_a", 403), ("trainer_a", 403)]
)
def test_only_the_apprentices_office_approves(api, world, who, status):
    appr = proposed(world, factories.job_seeker(world.office_a))
    response = api.as_user(getattr(world, who)).post(f"/api/v1/apprenticeships/{appr.pk}/approve/")
    assert response.status_code == status


# --------------------------------------------------------------------------- placements


def test_an_officer_records_a_job_someone_found_themself(api, world):
    person = factories.job_seeker(world.office_a)
    payload = {
        "job_seeker": person.pk,
        "company": world.company_b.pk,
        "start_date": TODAY.isoformat(),
        "contract_type": "pkwtt",
        "wage": 5_300_000,
    }
    response = api.as_user(world.officer_a).post("/api/v1/placements/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["source"] == "self"
    person.refresh_from_db()
    assert (person.status, person.end_reason, person.ended_on) == ("placed", "placed", TODAY)
    again = api.as_user(world.officer_a).post("/api/v1/placements/", payload, format="json")
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("who", "status"), [("employer_a", 403), ("trainer_a", 403), ("officer_b", 404)]
)
def test_only_the_office_records_self_found_jobs(api, world, who, status):
    person = factories.job_seeker(world.office_a)
    payload = {
        "job_seeker": person.pk,
        "company": world.company_b.pk,
        "start_date": TODAY.isoformat(),
        "contract_type": "pkwt",
        "wage": 5_100_000,
    }
    response = api.as_user(getattr(world, who)).post("/api/v1/placements/", payload, format="json")
    assert response.status_code == status
