"""GET /api/v1/vacancies/{id}/referrals/ and POST /api/v1/referrals/{id}/decision/."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from placements.models import Apprenticeship, Placement, Referral, ReferralDecision, Vacancy
from placements.pseudonym import candidate_ref
from tests import factories
from trainees.models import CompetencyAssessment, JobSeeker, TrainingResult

TODAY = timezone.localdate()


def referrals_url(vacancy) -> str:
    return f"/api/v1/vacancies/{vacancy.pk}/referrals/"


def decision_url(referral) -> str:
    return f"/api/v1/referrals/{referral.pk}/decision/"


def hire(**kw) -> dict:
    return {"decision": "hired", "start_date": TODAY.isoformat(), "wage": 5_400_000, **kw}


def test_the_company_sees_its_candidates_pseudonymously(world, api, vacancy_a, referral_a):
    person = referral_a.job_seeker
    body = api.as_user(world.employer_a).get(referrals_url(vacancy_a)).json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["id"] == referral_a.pk
    assert item["status"] == "referred" and item["match_score"] == 80
    candidate = item["candidate"]
    assert set(candidate) == {
        "ref",
        "name",
        "sex",
        "age",
        "education",
        "region",
        "skills",
        "trainings",
        "contact",
    }
    assert candidate["ref"] == candidate_ref(person.pk)
    assert candidate["age"] == person.age_on(TODAY)
    assert candidate["skills"] == [{"code": "LAS-SMAW", "certified": True}]
    assert candidate["contact"] == {"phone": "081234567890", "email": "siti@example.id"}
    text = str(body)
    assert person.nik not in text
    assert person.address not in text
    assert person.birth_date.isoformat() not in text


def test_the_ref_is_stable_and_differs_between_people(world, vacancy_a, vacancy_b, person_a):
    other = factories.job_seeker(world.office_a)
    assert candidate_ref(person_a.pk) == candidate_ref(person_a.pk)
    assert candidate_ref(person_a.pk) != candidate_ref(other.pk)


def test_no_contact_without_consent(world, api, vacancy_a):
    person = factories.job_seeker(world.office_a, phone="0811", email="x@example.id")
    factories.referral(vacancy_a, person)
    item = api.as_user(world.employer_a).get(referrals_url(vacancy_a)).json()["results"][0]
    assert item["candidate"]["contact"] is None
    assert "0811" not in str(item)


def test_trainings_come_from_enrollments_results_and_assessments(world, api, vacancy_a, referral_a):
    programme = factories.programme(world.provider_a, name="Pengelasan SMAW")
    cohort = factories.cohort(
        programme,
        name="Angkatan III",
        start_date=TODAY - datetime.timedelta(days=90),
        status="finished",
    )
    enrollment = factories.enrollment(cohort, referral_a.job_seeker, status="completed")
    TrainingResult.objects.create(
        enrollment=enrollment, attendance_pct=95, score=88, outcome="completed"
    )
    CompetencyAssessment.objects.create(
        enrollment=enrollment, result="K", assessed_on=cohort.end_date, certificate_no="LSP/1"
    )
    running = factories.cohort(factories.programme(world.provider_a, name="Las TIG"))
    factories.enrollment(running, referral_a.job_seeker)
    item = api.as_user(world.employer_a).get(referrals_url(vacancy_a)).json()["results"][0]
    assert item["candidate"]["trainings"] == [
        {
            "programme": "Pengelasan SMAW",
            "cohort": "Angkatan III",
            "completed_on": cohort.end_date.isoformat(),
            "competent": True,
        },
        {"programme": "Las TIG", "cohort": running.name, "completed_on": None, "competent": None},
    ]


def test_an_officer_sees_only_the_referrals_of_their_own_office(world, api, vacancy_a, referral_a):
    other_office_person = factories.job_seeker(world.office_b)
    factories.referral(vacancy_a, other_office_person)
    body = api.as_user(world.officer_a).get(referrals_url(vacancy_a)).json()
    assert [r["id"] for r in body["results"]] == [referral_a.pk]
    assert api.as_user(world.admin).get(referrals_url(vacancy_a)).json()["count"] == 2


@pytest.mark.parametrize("size", [1, 25])
def test_the_referral_list_runs_a_bounded_number_of_queries(
    world, api, vacancy_a, django_assert_max_num_queries, size
):
    programme = factories.programme(world.provider_a)
    cohort = factories.cohort(programme)
    for _ in range(size):
        person = factories.job_seeker(world.office_a)
        factories.give_skill(person, "LAS-SMAW")
        factories.enrollment(cohort, person)
        factories.referral(vacancy_a, person)
    client = api.as_user(world.employer_a)
    with django_assert_max_num_queries(9):
        assert (
            len(client.get(referrals_url(vacancy_a) + "?page_size=1000").json()["results"]) == size
        )


def test_a_hire_starting_next_month_ends_the_registration_on_its_start_date(
    world, api, vacancy_a, referral_a
):
    start = TODAY + datetime.timedelta(days=30)
    client = api.as_user(world.employer_a)
    response = client.post(
        decision_url(referral_a), hire(start_date=start.isoformat()), format="json"
    )
    assert response.status_code == 200, response.data
    person = JobSeeker.objects.get(pk=referral_a.job_seeker_id)
    assert (person.status, person.ended_on, person.end_reason) == ("placed", start, "placed")
    assert person.next_report_due is None  # nobody reports back from a job


def test_invite_to_interview_then_hire_on_a_job(world, api, vacancy_a, referral_a):
    client = api.as_user(world.employer_a)
    response = client.post(decision_url(referral_a), {"decision": "interview", "note": "Senin"})
    assert response.status_code == 200, response.data
    assert response.json()["status"] == "interview"
    response = client.post(decision_url(referral_a), hire(), format="json")
    assert response.status_code == 200, response.data
    body = response.json()
    assert body["status"] == "hired"
    placement = Placement.objects.get(referral=referral_a)
    assert body["placement"] == placement.pk
    assert (placement.company, placement.vacancy) == (world.company_a, vacancy_a)
    assert (placement.wage, placement.start_date, placement.contract_type) == (
        5_400_000,
        TODAY,
        "pkwt",
    )
    assert placement.source == "referral" and placement.channel == "akl"
    person = JobSeeker.objects.get(pk=referral_a.job_seeker_id)
    assert (person.status, person.ended_on, person.end_reason) == ("placed", TODAY, "placed")
    vacancy_a.refresh_from_db()
    assert vacancy_a.filled == 1 and vacancy_a.status == "open"
    history = list(ReferralDecision.objects.filter(referral=referral_a))
    assert [d.decision for d in history] == ["interview", "hired"]
    assert history[0].note == "Senin" and history[1].decided_by == world.employer_a


def test_the_last_opening_fills_the_vacancy_and_the_next_hire_is_a_conflict(world, api, vacancy_a):
    client = api.as_user(world.employer_a)
    referrals = [
        factories.referral(vacancy_a, factories.job_seeker(world.office_a)) for _ in range(3)
    ]
    for referral in referrals[:2]:
        assert client.post(decision_url(referral), hire(), format="json").status_code == 200
    vacancy_a.refresh_from_db()
    assert (vacancy_a.filled, vacancy_a.status, vacancy_a.close_reason) == (2, "filled", "filled")
    response = client.post(decision_url(referrals[2]), hire(), format="json")
    assert response.status_code == 409
    assert response.json()["detail"]
    assert Referral.objects.get(pk=referrals[2].pk).status == "referred"
    assert Placement.objects.count() == 2


def test_a_closed_vacancy_hires_no_one(world, api, vacancy_a, referral_a):
    Vacancy.objects.filter(pk=vacancy_a.pk).update(status="closed", close_reason="cancelled")
    response = api.as_user(world.employer_a).post(decision_url(referral_a), hire(), format="json")
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"decision": "hired", "wage": 5_000_000}, "start_date"),
        ({"decision": "hired", "start_date": TODAY.isoformat()}, "wage"),
        (hire(start_date=(TODAY - datetime.timedelta(days=30)).isoformat()), "start_date"),
        (hire(wage=-5), "wage"),
        (hire(wage="lima juta"), "wage"),
        (hire(start_date="besok"), "start_date"),
        ({"decision": "maybe"}, "decision"),
        ({"decision": "referred"}, "decision"),
        ({}, "decision"),
        ({"decision": "rejected", "note": "x" * 501}, "note"),
    ],
)
def test_a_bad_decision_is_refused_with_the_field_named(world, api, referral_a, body, field):
    response = api.as_user(world.employer_a).post(decision_url(referral_a), body, format="json")
    assert response.status_code == 400, response.data
    assert field in response.json()
    assert not ReferralDecision.objects.exists()
    assert Referral.objects.get(pk=referral_a.pk).status == "referred"


@pytest.mark.parametrize(
    ("current", "decision"),
    [
        ("hired", "rejected"),
        ("hired", "interview"),
        ("rejected", "hired"),
        ("no_show", "interview"),
        ("interview", "interview"),
    ],
)
def test_only_valid_transitions_are_accepted(world, api, vacancy_a, person_a, current, decision):
    referral = factories.referral(vacancy_a, person_a, status=current)
    response = api.as_user(world.employer_a).post(
        decision_url(referral), hire(decision=decision), format="json"
    )
    assert response.status_code == 400
    assert "decision" in response.json()


def test_rejected_and_no_show_straight_from_referred(world, api, vacancy_a, person_a):
    client = api.as_user(world.employer_a)
    other = factories.referral(vacancy_a, factories.job_seeker(world.office_a))
    referral = factories.referral(vacancy_a, factories.job_seeker(world.office_a))
    assert client.post(decision_url(referral), {"decision": "rejected"}).json()["status"] == (
        "rejected"
    )
    assert client.post(decision_url(other), {"decision": "no_show"}).json()["status"] == "no_show"


@pytest.fixture
def apprenticeship_vacancy(world):
    return factories.vacancy(
        world.company_a,
        kind="apprenticeship",
        employment_type="magang",
        duration_months=6,
        wage_min=2_500_000,
        wage_max=2_500_000,
    )


def test_hiring_on_an_apprenticeship_proposes_an_apprenticeship(
    world, api, apprenticeship_vacancy, person_a
):
    referral = factories.referral(apprenticeship_vacancy, person_a)
    response = api.as_user(world.employer_a).post(
        decision_url(referral),
        {"decision": "hired", "start_date": TODAY.isoformat()},
        format="json",
    )
    assert response.status_code == 200, response.data
    apprenticeship = Apprenticeship.objects.get(referral=referral)
    assert response.json()["apprenticeship"] == apprenticeship.pk
    assert apprenticeship.status == "proposed"
    assert (apprenticeship.allowance, apprenticeship.duration_months) == (2_500_000, 6)
    assert not Placement.objects.exists()
    # An apprentice is not yet placed: the registration stays active.
    assert JobSeeker.objects.get(pk=person_a.pk).status == "active"


def test_apprenticeships_above_the_share_of_the_workforce_are_refused_with_the_reason(
    world, api, apprenticeship_vacancy
):
    world.company_a.workforce = 10  # 20 % -> at most 2 apprentices
    world.company_a.save()
    Vacancy.objects.filter(pk=apprenticeship_vacancy.pk).update(openings=5)
    client = api.as_user(world.employer_a)
    referrals = [
        factories.referral(apprenticeship_vacancy, factories.job_seeker(world.office_a))
        for _ in range(3)
    ]
    body = {"decision": "hired", "start_date": TODAY.isoformat()}
    assert client.post(decision_url(referrals[0]), body, format="json").status_code == 200
    assert client.post(decision_url(referrals[1]), body, format="json").status_code == 200
    response = client.post(
        decision_url(referrals[2]), body, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 409
    assert "20%" in response.json()["detail"]
    assert Apprenticeship.objects.count() == 2


def test_an_apprentice_must_be_old_enough(world, api, apprenticeship_vacancy):
    young = factories.job_seeker(
        world.office_a, birth_date=TODAY.replace(year=TODAY.year - 16) + datetime.timedelta(days=1)
    )
    referral = factories.referral(apprenticeship_vacancy, young)
    response = api.as_user(world.employer_a).post(
        decision_url(referral), {"decision": "hired", "start_date": TODAY.isoformat()}
    )
    assert response.status_code == 400 and "start_date" in response.json()


def test_the_referral_list_filters_by_status(world, api, vacancy_a, referral_a):
    other = factories.referral(vacancy_a, factories.job_seeker(world.office_a), status="rejected")
    client = api.as_user(world.employer_a)
    body = client.get(referrals_url(vacancy_a) + "?status=rejected").json()
    assert [r["id"] for r in body["results"]] == [other.pk]
    response = client.get(referrals_url(vacancy_a) + "?status=maybe", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"status": ["Unknown status maybe."]}
