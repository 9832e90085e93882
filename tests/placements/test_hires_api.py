"""POST/GET /api/v1/hires/: companies report the people they hired (Perpres 57/2023 Pasal 6)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from placements.models import Hire, Placement, Vacancy
from tests import factories
from trainees.models import JobSeeker

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def payload(**kw) -> dict:
    data = {
        "external_ref": "HIRE-1",
        "name": "Ahmad Fauzi",
        "sex": "L",
        "birth_year": 1999,
        "education": "smk",
        "domicile": "36.72.04",
        "occupation": "7212",
        "start_date": TODAY.isoformat(),
        "employment_type": "pkwt",
        "wage": 5_200_000,
    }
    data.update(kw)
    return data


@pytest.fixture
def registered(world):
    return factories.job_seeker(world.office_a, birth_date=datetime.date(1999, 3, 14))


def test_employer_reports_a_hire_and_a_retry_answers_the_same(world, key_client):
    client = key_client(world.employer_a)
    first = client.post("/api/v1/hires/", payload(), format="json")
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["name"] == "Ahmad Fauzi" and body["domicile"] == "36.72.04"
    assert body["job_seeker_matched"] is False and body["vacancy"] is None
    again = client.post("/api/v1/hires/", payload(), format="json")
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert Hire.objects.count() == 1


def test_the_same_ref_with_other_content_is_a_conflict_naming_the_hire(world, key_client):
    client = key_client(world.employer_a)
    first = client.post("/api/v1/hires/", payload(), format="json").json()
    answer = client.post("/api/v1/hires/", payload(wage=6_000_000), format="json")
    assert answer.status_code == 409
    assert answer.json()["existing_id"] == first["id"]


def test_outside_the_city_is_stored_as_no_kecamatan(world, key_client):
    answer = key_client(world.employer_a).post(
        "/api/v1/hires/", payload(domicile="outside"), format="json"
    )
    assert answer.status_code == 201
    assert answer.json()["domicile"] == "outside"
    assert Hire.objects.get().domicile is None


def test_another_companys_vacancy_is_not_found(world, key_client, vacancy_b):
    client = key_client(world.employer_a)
    by_id = client.post("/api/v1/hires/", payload(vacancy=vacancy_b.pk), format="json")
    assert by_id.status_code == 404
    vacancy_b.external_ref = "B-REF"
    vacancy_b.save()
    by_ref = client.post("/api/v1/hires/", payload(vacancy_ref="B-REF"), format="json")
    assert by_ref.status_code == 404
    assert not Hire.objects.exists()


def test_a_hire_by_vacancy_ref_fills_an_opening_and_the_last_one_fills_it(
    world, key_client, vacancy_a
):
    client = key_client(world.employer_a)
    one = client.post("/api/v1/hires/", payload(vacancy_ref="HR-A-1"), format="json")
    assert one.status_code == 201 and one.json()["vacancy"] == vacancy_a.pk
    vacancy_a.refresh_from_db()
    assert (vacancy_a.filled, vacancy_a.status) == (1, Vacancy.Status.OPEN)
    two = client.post(
        "/api/v1/hires/", payload(external_ref="HIRE-2", vacancy=vacancy_a.pk), format="json"
    )
    assert two.status_code == 201
    vacancy_a.refresh_from_db()
    assert (vacancy_a.filled, vacancy_a.status, vacancy_a.close_reason) == (
        2,
        Vacancy.Status.FILLED,
        Vacancy.CloseReason.FILLED,
    )
    three = client.post(
        "/api/v1/hires/", payload(external_ref="HIRE-3", vacancy=vacancy_a.pk), format="json"
    )
    assert three.status_code == 409
    assert Hire.objects.count() == 2


def test_a_bad_nik_is_refused_naming_the_rule(world, key_client):
    answer = key_client(world.employer_a).post(
        "/api/v1/hires/", payload(nik="36720412345"), format="json"
    )
    assert answer.status_code == 400
    assert "16" in " ".join(answer.json()["nik"])
    wrong_sex = key_client(world.employer_a).post(
        "/api/v1/hires/", payload(nik="3672045403990001"), format="json"
    )
    assert wrong_sex.status_code == 400 and "nik" in wrong_sex.json()
    assert not Hire.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start_date": (TODAY + datetime.timedelta(days=31)).isoformat()}, "start_date"),
        ({"birth_year": TODAY.year - 12}, "birth_year"),
        ({"birth_year": 40_000}, "birth_year"),
        ({"wage": 10**12}, "wage"),
        ({"wage": "2.421"}, "wage"),
        ({"domicile": "36.72"}, "domicile"),
        ({"domicile": "99.99.99"}, "domicile"),
        ({"occupation": "0000"}, "occupation"),
        ({"education": "phd"}, "education"),
        ({"vacancy": "abc"}, "vacancy"),
    ],
)
def test_bad_input_is_refused_with_its_field(world, key_client, change, field):
    answer = key_client(world.employer_a).post("/api/v1/hires/", payload(**change), format="json")
    assert answer.status_code == 400, answer.content
    assert field in answer.json()
    assert not Hire.objects.exists()


def test_a_start_before_the_vacancy_opened_is_refused(world, key_client, vacancy_a):
    early = (vacancy_a.opens_on - datetime.timedelta(days=1)).isoformat()
    answer = key_client(world.employer_a).post(
        "/api/v1/hires/", payload(vacancy=vacancy_a.pk, start_date=early), format="json"
    )
    assert answer.status_code == 400 and "start_date" in answer.json()


def test_a_registered_persons_nik_ends_the_registration_as_placed_once(
    world, key_client, registered
):
    client = key_client(world.employer_a)
    answer = client.post("/api/v1/hires/", payload(nik=registered.nik), format="json")
    assert answer.status_code == 201
    body = answer.json()
    assert body["job_seeker_matched"] is True
    assert "nik" not in body and registered.nik not in json.dumps(body)
    assert "job_seeker" not in body and registered.name not in json.dumps(body)
    registered.refresh_from_db()
    assert registered.status == JobSeeker.Status.PLACED
    placement = Placement.objects.get(job_seeker=registered)
    assert placement.source == Placement.Source.HIRE_REPORT
    assert Hire.objects.get().placement == placement
    # Reported again under another reference: a second hire row, never a second placement.
    client.post("/api/v1/hires/", payload(nik=registered.nik, external_ref="X"), format="json")
    assert Placement.objects.filter(job_seeker=registered).count() == 1
    assert set(Hire.objects.values_list("placement", flat=True)) == {placement.pk}


def test_a_person_hired_through_a_referral_links_to_that_placement(
    world, key_client, vacancy_a, registered
):
    referral = factories.referral(vacancy_a, registered, status="hired")
    start = TODAY - datetime.timedelta(days=1)
    referral_placement = factories.placement(
        vacancy_a, registered, referral=referral, start_date=start
    )
    Vacancy.objects.filter(pk=vacancy_a.pk).update(filled=1)
    answer = key_client(world.employer_a).post(
        "/api/v1/hires/",
        payload(nik=registered.nik, vacancy=vacancy_a.pk, start_date=TODAY.isoformat()),
        format="json",
    )
    assert answer.status_code == 201
    assert Hire.objects.get().placement == referral_placement
    assert Placement.objects.filter(job_seeker=registered).count() == 1
    vacancy_a.refresh_from_db()
    assert vacancy_a.filled == 1  # the referral already took its opening


def test_no_answer_carries_a_nik(world, key_client, registered):
    client = key_client(world.employer_a)
    client.post("/api/v1/hires/", payload(nik=registered.nik), format="json")
    listed = client.get("/api/v1/hires/")
    assert listed.status_code == 200
    assert registered.nik not in listed.content.decode()
    one = client.get(f"/api/v1/hires/{Hire.objects.get().pk}/")
    assert registered.nik not in one.content.decode() and "nik" not in one.json()


def test_list_is_scoped_and_filtered(world, key_client, api):
    Hire_ = {"a": key_client(world.employer_a)}
    Hire_["a"].post("/api/v1/hires/", payload(), format="json")
    Hire_["a"].post(
        "/api/v1/hires/",
        payload(external_ref="OLD", start_date=(TODAY - datetime.timedelta(days=200)).isoformat()),
        format="json",
    )
    assert Hire_["a"].get("/api/v1/hires/").json()["count"] == 2
    since = (TODAY - datetime.timedelta(days=10)).isoformat()
    assert Hire_["a"].get(f"/api/v1/hires/?started_since={since}").json()["count"] == 1
    assert key_client(world.employer_b).get("/api/v1/hires/").json()["count"] == 0
    # The office keeping company A's register reads them; another office does not.
    world.company_a.office = world.office_a
    world.company_a.save()
    assert api.as_user(world.officer_a).get("/api/v1/hires/").json()["count"] == 2
    assert api.as_user(world.officer_b).get("/api/v1/hires/").json()["count"] == 0


@pytest.mark.parametrize("who", ["officer_a", "trainer_a", "admin"])
def test_only_companies_report_hires(world, api, who):
    answer = api.as_user(getattr(world, who)).post("/api/v1/hires/", payload(), format="json")
    assert answer.status_code == 403
    assert not Hire.objects.exists()
