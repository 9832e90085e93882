"""/api/v1/job-seekers/: register, read, correct, report back."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests import factories
from trainees.models import JobSeeker
from trainees.nik import build_nik

pytestmark = pytest.mark.django_db
URL = "/api/v1/job-seekers/"


def test_an_officer_registers_a_job_seeker_at_their_office(api, world):
    payload = factories.job_seeker_payload()
    response = api.as_user(world.officer_a).post(URL, payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["nik"] == payload["nik"]
    assert body["office"] == "3672"
    assert body["registration_number"].startswith("3672-")
    assert body["status"] == "active"
    assert body["skills"] == ["LAS-SMAW"]
    assert body["expires_on"] > body["registered_on"]
    assert JobSeeker.objects.get(pk=body["id"]).registered_by == world.officer_a


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ({"nik": "367204610899"}, "nik", "16"),
        ({"nik": "36720461089900A1"}, "nik", "angka"),
        ({"nik": build_nik("36.72.04", datetime.date(1999, 8, 12), "P", 5)}, "nik", "12-08-99"),
        ({"nik": build_nik("36.72.04", datetime.date(1999, 8, 21), "L", 5)}, "nik", "L"),
        ({"nik": "9972046108990001"}, "nik", "99.72"),
        ({"region": "36.72.99"}, "region", "36.72.99"),
        ({"education": "sma9"}, "education", "sma9"),
        ({"skills": ["NOT-A-SKILL"]}, "skills", "NOT-A-SKILL"),
    ],
)
def test_each_bad_input_answers_400_naming_the_field(api, world, change, field, fragment):
    payload = {**factories.job_seeker_payload(), **change}
    response = api.as_user(world.officer_a).post(URL, payload, format="json")
    assert response.status_code == 400
    assert fragment in " ".join(response.json()[field])
    assert not JobSeeker.objects.exists()


def test_an_under_age_person_is_refused(api, world):
    today = timezone.localdate()
    born = datetime.date(today.year - 14, 1, 1)
    payload = factories.job_seeker_payload(birth_date=born)
    response = api.as_user(world.officer_a).post(URL, payload, format="json")
    assert response.status_code == 400
    assert "15" in response.json()["birth_date"][0]


def test_messages_follow_the_request_language(api, world):
    payload = {**factories.job_seeker_payload(), "nik": "36720461089900A1"}
    response = api.as_user(world.officer_a).post(
        URL, payload, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.json()["nik"] == ["NIK must contain digits only."]


def test_a_nik_already_registered_answers_409_with_the_existing_id(api, world):
    payload = factories.job_seeker_payload()
    first = api.as_user(world.officer_a).post(URL, payload, format="json").json()
    again = api.as_user(world.officer_b).post(URL, {**payload, "name": "X"}, format="json")
    assert again.status_code == 409
    assert again.json()["existing_id"] == first["id"]
    assert first["registration_number"] in again.json()["detail"]
    assert JobSeeker.objects.count() == 1


def test_an_officer_sees_only_their_offices_job_seekers(api, world):
    mine = factories.job_seeker(world.office_a)
    theirs = factories.job_seeker(world.office_b)
    client = api.as_user(world.officer_a)
    ids = [row["id"] for row in client.get(URL).json()["results"]]
    assert ids == [mine.pk]
    assert client.get(f"{URL}{theirs.pk}/").status_code == 404
    assert client.patch(f"{URL}{theirs.pk}/", {"phone": "1"}, format="json").status_code == 404


def test_employers_may_not_use_the_job_seeker_api(api, world):
    assert api.as_user(world.employer_a).get(URL).status_code == 403
    payload = factories.job_seeker_payload()
    assert api.as_user(world.employer_a).post(URL, payload, format="json").status_code == 403


def test_trainers_read_only_their_trainees_and_cannot_register(api, world):
    person = factories.job_seeker(world.office_a)
    factories.job_seeker(world.office_a)
    cohort = factories.cohort(factories.programme(world.provider_a))
    factories.enrollment(cohort, person)
    client = api.as_user(world.trainer_a)
    assert [r["id"] for r in client.get(URL).json()["results"]] == [person.pk]
    payload = factories.job_seeker_payload()
    assert client.post(URL, payload, format="json").status_code == 403


def test_an_admin_registers_for_a_named_office(api, world):
    payload = factories.job_seeker_payload()
    assert api.as_user(world.admin).post(URL, payload, format="json").status_code == 400
    response = api.as_user(world.admin).post(URL, {**payload, "office": "3673"}, format="json")
    assert response.status_code == 201
    assert response.json()["office"] == "3673"


def test_patch_corrects_contact_and_rechecks_rules(api, world):
    person = factories.job_seeker(world.office_a)
    client = api.as_user(world.officer_a)
    response = client.patch(f"{URL}{person.pk}/", {"phone": "0254 123"}, format="json")
    assert response.status_code == 200
    assert response.json()["phone"] == "0254 123"
    response = client.patch(f"{URL}{person.pk}/", {"sex": "P"}, format="json")
    assert response.status_code == 400
    assert "nik" in response.json()


def test_report_back_moves_the_next_due_date(api, world):
    person = factories.job_seeker(world.office_a)
    response = api.as_user(world.officer_a).post(f"{URL}{person.pk}/report/", {}, format="json")
    assert response.status_code == 200
    assert response.json()["last_reported_on"] == timezone.localdate().isoformat()
    assert response.json()["next_report_due"] > timezone.localdate().isoformat()
    again = api.as_user(world.officer_a).post(f"{URL}{person.pk}/report/", {}, format="json")
    assert again.status_code == 400


def test_the_list_runs_a_bounded_number_of_queries(api, world, django_assert_max_num_queries):
    for _ in range(30):
        person = factories.job_seeker(world.office_a)
        factories.give_skill(person, "LAS-SMAW")
    client = api.as_user(world.officer_a)
    with django_assert_max_num_queries(5):
        response = client.get(URL, {"page_size": 100})
    assert response.json()["count"] == 30


def test_the_list_filters_by_status(api, world):
    active = factories.job_seeker(world.office_a)
    ended = factories.job_seeker(world.office_a)
    ended.status, ended.end_reason, ended.ended_on = "removed", "moved", timezone.localdate()
    ended.save()
    rows = api.as_user(world.officer_a).get(URL, {"status": "active"}).json()["results"]
    assert [r["id"] for r in rows] == [active.pk]
