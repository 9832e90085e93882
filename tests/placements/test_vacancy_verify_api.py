"""The reporting duty through the API: Pasal 5 fields on /vacancies/, and
POST /vacancies/{id}/verify/ and /take-down/ per role."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from placements.models import Vacancy
from tests import factories
from vokasi.models import Company

pytestmark = pytest.mark.django_db
URL = "/api/v1/vacancies/"
TODAY = timezone.localdate()


def payload(**kw) -> dict:
    data = {
        "title": "Welder SMAW 3G",
        "occupation": "7212",
        "required_skills": ["LAS-SMAW"],
        "openings": 5,
        "region": "36.72.04",
        "employment_type": "pkwt",
        "closes_on": (TODAY + datetime.timedelta(days=30)).isoformat(),
    }
    data.update(kw)
    return data


@pytest.fixture
def registered(world):
    for company, office in ((world.company_a, world.office_a), (world.company_b, world.office_b)):
        company.office = office
        company.save(update_fields=["office"])
    return world


@pytest.fixture
def unverified_employer(registered):
    registered.company_a.status = Company.Status.UNVERIFIED
    registered.company_a.save(update_fields=["status"])
    return registered.employer_a


def test_a_v1_client_omitting_the_new_fields_works_as_before(world, api):
    response = api.as_user(world.employer_a).post(URL, payload(), format="json")
    assert response.status_code == 201, response.data
    body = response.json()
    assert body["status"] == "open"
    assert body["sex"] == "any" and body["sex_reason"] == ""
    assert body["age_min"] is None and body["age_max"] is None and body["age_reason"] == ""
    assert body["experience_months"] == 0 and body["how_to_apply"] == ""
    assert body["rejection_reason"] == ""


def test_the_pasal_5_fields_are_written_and_read_back(world, api):
    fields = {
        "age_min": 18,
        "age_max": 45,
        "sex": "L",
        "sex_reason": "Pengelasan di ruang terbatas kapal",
        "experience_months": 24,
        "how_to_apply": "Kirim CV ke rekrutmen@contoh.co.id",
    }
    response = api.as_user(world.employer_a).post(URL, payload(**fields), format="json")
    assert response.status_code == 201, response.data
    body = response.json()
    assert {k: body[k] for k in fields} == fields
    assert body["age_reason"] == ""  # the API accepts an age limit without its reason
    detail = api.get(f"{URL}{body['id']}/").json()
    assert {k: detail[k] for k in fields} == fields
    listed = api.get(URL).json()["results"][0]
    assert {k: listed[k] for k in fields} == fields


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"sex": "L"}, "sex_reason"),
        ({"sex": "W"}, "sex"),
        ({"age_min": 14}, "age_min"),
        ({"age_max": 200}, "age_max"),
        ({"age_min": "abc"}, "age_min"),
        ({"age_min": 40, "age_max": 30}, "age_max"),
        ({"experience_months": -3}, "experience_months"),
        ({"experience_months": 2.5}, "experience_months"),
        ({"experience_months": 10**30}, "experience_months"),
        ({"sex_reason": "x" * 301, "sex": "P"}, "sex_reason"),
    ],
)
def test_bad_pasal_5_values_answer_400_naming_the_field(world, api, fields, field):
    response = api.as_user(world.employer_a).post(URL, payload(**fields), format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Vacancy.objects.exists()


def test_patch_sets_a_sex_limit_only_with_its_reason(world, api):
    vacancy = factories.vacancy(world.company_a)
    client = api.as_user(world.employer_a)
    assert client.patch(f"{URL}{vacancy.pk}/", {"sex": "P"}, format="json").status_code == 400
    response = client.patch(
        f"{URL}{vacancy.pk}/", {"sex": "P", "sex_reason": "Asrama putri"}, format="json"
    )
    assert response.status_code == 200 and response.json()["sex"] == "P"


def test_an_unverified_companys_vacancy_is_submitted_and_not_matchable(
    registered, unverified_employer, api
):
    response = api.as_user(unverified_employer).post(URL, payload(), format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "submitted"
    matches = api.as_user(registered.officer_a).get(f"{URL}{response.json()['id']}/matches/")
    assert matches.status_code == 200 and matches.json()["results"] == []


def test_officer_publishes_a_submitted_vacancy(registered, api):
    vacancy = factories.vacancy(registered.company_a, status="submitted")
    response = api.as_user(registered.officer_a).post(
        f"{URL}{vacancy.pk}/verify/", {"decision": "publish"}, format="json"
    )
    assert response.status_code == 200, response.data
    assert response.json()["status"] == "open"
    vacancy.refresh_from_db()
    assert vacancy.verified_by == registered.officer_a


def test_rejecting_needs_a_reason_which_the_company_then_reads(registered, api):
    vacancy = factories.vacancy(registered.company_a, status="submitted")
    officer = api.as_user(registered.officer_a)
    refused = officer.post(f"{URL}{vacancy.pk}/verify/", {"decision": "reject"}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()
    response = officer.post(
        f"{URL}{vacancy.pk}/verify/",
        {"decision": "reject", "reason": "Batas usia tanpa alasan"},
        format="json",
    )
    assert response.status_code == 200
    company_view = api.as_user(registered.employer_a).get(f"{URL}{vacancy.pk}/").json()
    assert company_view["status"] == "rejected"
    assert company_view["rejection_reason"] == "Batas usia tanpa alasan"
    resubmitted = api.patch(f"{URL}{vacancy.pk}/", {"age_max": None}, format="json")
    assert resubmitted.status_code == 200
    assert resubmitted.json()["status"] == "submitted"


@pytest.mark.parametrize("body", [{}, {"decision": "approve"}, {"decision": ["publish"]}])
def test_a_bad_decision_answers_400(registered, api, body):
    vacancy = factories.vacancy(registered.company_a, status="submitted")
    response = api.as_user(registered.officer_a).post(
        f"{URL}{vacancy.pk}/verify/", body, format="json"
    )
    assert response.status_code == 400 and "decision" in response.json()
    vacancy.refresh_from_db()
    assert vacancy.status == "submitted"


def test_deciding_a_vacancy_that_is_not_submitted_answers_409(registered, api):
    vacancy = factories.vacancy(registered.company_a)
    response = api.as_user(registered.officer_a).post(
        f"{URL}{vacancy.pk}/verify/", {"decision": "publish"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["existing_id"] == vacancy.pk


def test_verify_and_take_down_per_role(registered, api):
    vacancy = factories.vacancy(registered.company_a, status="submitted")
    for user, expected in [
        (registered.officer_b, 404),
        (registered.employer_a, 403),
        (registered.employer_b, 403),
        (registered.trainer_a, 403),
    ]:
        for route, body in [
            ("verify", {"decision": "publish"}),
            ("take-down", {"reason": "x"}),
        ]:
            response = api.as_user(user).post(f"{URL}{vacancy.pk}/{route}/", body, format="json")
            assert response.status_code == expected, (user, route)
    api.as_user(None)
    assert api.post(f"{URL}{vacancy.pk}/verify/", {}, format="json").status_code == 401
    assert api.post(f"{URL}abc/verify/", {}, format="json").status_code == 401
    officer = api.as_user(registered.officer_a)
    assert officer.post(f"{URL}abc/verify/", {"decision": "publish"}).status_code == 404
    assert officer.post(f"{URL}999999999999/take-down/", {"reason": "x"}).status_code == 404
    vacancy.refresh_from_db()
    assert vacancy.status == "submitted"


def test_officer_takes_down_a_published_vacancy(registered, api):
    vacancy = factories.vacancy(registered.company_a)
    officer = api.as_user(registered.officer_a)
    assert officer.post(f"{URL}{vacancy.pk}/take-down/", {}, format="json").status_code == 400
    response = officer.post(
        f"{URL}{vacancy.pk}/take-down/", {"reason": "Iklan menyesatkan"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["close_reason"]) == ("closed", "taken_down")
    assert body["rejection_reason"] == "Iklan menyesatkan"
    again = officer.post(f"{URL}{vacancy.pk}/take-down/", {"reason": "Lagi"}, format="json")
    assert again.status_code == 409


def test_a_company_cannot_close_as_taken_down(world, api):
    vacancy = factories.vacancy(world.company_a)
    response = api.as_user(world.employer_a).post(
        f"{URL}{vacancy.pk}/close/", {"reason": "taken_down"}, format="json"
    )
    assert response.status_code == 400


def test_the_status_filter_knows_the_new_statuses(registered, api):
    submitted = factories.vacancy(registered.company_a, status="submitted")
    factories.vacancy(registered.company_a)
    response = api.as_user(registered.officer_a).get(URL, {"status": "submitted"})
    assert [row["id"] for row in response.json()["results"]] == [submitted.pk]
