"""GET/POST /api/v1/cohorts/ and the cohort's enrollments."""

from __future__ import annotations

import datetime

import pytest

from tests import factories
from tests.trainees.language import english  # noqa: F401
from trainees.models import Cohort, Enrollment

pytestmark = pytest.mark.django_db

URL = "/api/v1/cohorts/"


def cohort_payload(programme, **overrides):
    data = {
        "programme": programme.pk,
        "name": "Angkatan 3 2027",
        "start_date": "2027-02-01",
        "end_date": "2027-03-15",
        "place": "Workshop Las BBPVP Serang",
        "quota": 16,
        "instructor": "Bpk. Suharto",
        "status": "open",
    }
    data.update(overrides)
    return data


def test_a_trainer_opens_a_cohort_of_its_programme(api, world):
    programme = factories.programme(world.provider_a)
    response = api.as_user(world.trainer_a).post(URL, cohort_payload(programme), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["enrolled"] == 0
    assert body["provider"] == "BBPVP-SRG"
    cohort = Cohort.objects.get(pk=body["id"])
    assert (cohort.quota, cohort.status) == (16, "open")


def test_a_trainer_cannot_open_a_cohort_of_another_providers_programme(api, world):
    other = factories.programme(world.provider_b)
    response = api.as_user(world.trainer_a).post(URL, cohort_payload(other), format="json")
    assert response.status_code == 400
    assert "programme" in response.json()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": "2027-01-01"}, "end_date"),
        ({"quota": 0}, "quota"),
        ({"quota": 41}, "quota"),
        ({"status": "finished"}, "status"),
        ({"place": ""}, "place"),
    ],
)
def test_bad_cohorts_are_refused(api, world, overrides, field):
    programme = factories.programme(world.provider_a)
    response = api.as_user(world.trainer_a).post(
        URL, cohort_payload(programme, **overrides), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_officers_read_cohorts_but_do_not_plan_them(api, world):
    programme = factories.programme(world.provider_a)
    factories.cohort(programme)
    response = api.as_user(world.officer_b).get(URL)
    assert response.json()["count"] == 1
    assert api.post(URL, cohort_payload(programme), format="json").status_code == 403


def test_cohorts_filter_by_status_vocation_and_period(api, world):
    las = factories.cohort(
        factories.programme(world.provider_a, "LAS"), start_date=datetime.date(2027, 2, 1)
    )
    factories.cohort(
        factories.programme(world.provider_a, "LIS"),
        start_date=datetime.date(2027, 6, 1),
        status="planned",
    )
    api.as_user(world.trainer_a)
    assert [r["id"] for r in api.get(URL, {"vocation": "LAS"}).json()["results"]] == [las.pk]
    assert [r["id"] for r in api.get(URL, {"status": "open"}).json()["results"]] == [las.pk]
    period = {"starts_from": "2027-01-01", "starts_to": "2027-03-31"}
    assert [r["id"] for r in api.get(URL, period).json()["results"]] == [las.pk]


def test_the_cohort_list_runs_a_bounded_number_of_queries(
    api, world, django_assert_max_num_queries
):
    programme = factories.programme(world.provider_a)
    for _ in range(20):
        cohort = factories.cohort(programme)
        factories.enrollment(cohort, factories.job_seeker(world.office_a))
    api.as_user(world.officer_a)
    with django_assert_max_num_queries(5):
        response = api.get(URL, {"page_size": 100})
    assert response.json()["count"] == 20
    assert {row["enrolled"] for row in response.json()["results"]} == {1}


def test_an_officer_enrolls_through_the_api_and_the_provider_sees_the_nik(api, world):
    cohort = factories.cohort(factories.programme(world.provider_a))
    person = factories.job_seeker(world.office_a)
    response = api.as_user(world.officer_a).post(
        f"{URL}{cohort.pk}/enrollments/", {"job_seeker": person.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    # The officer's answer is a list row: the NIK masked; the provider needs it whole.
    expected = {"id": person.pk, "nik": person.masked_nik, "name": person.name}
    assert response.json()["job_seeker"] == expected
    listing = api.as_user(world.trainer_a).get(f"{URL}{cohort.pk}/enrollments/").json()
    assert listing["count"] == 1
    assert listing["results"][0]["job_seeker"]["nik"] == person.nik
    assert listing["results"][0]["status"] == "enrolled"


def test_an_officer_cannot_enroll_another_offices_job_seeker(api, world):
    cohort = factories.cohort(factories.programme(world.provider_a))
    stranger = factories.job_seeker(world.office_b)
    response = api.as_user(world.officer_a).post(
        f"{URL}{cohort.pk}/enrollments/", {"job_seeker": stranger.pk}, format="json"
    )
    assert response.status_code == 400
    assert "job_seeker" in response.json()


def test_a_refused_enrollment_gives_the_reasons(api, world):
    from vokasi.models import EducationLevel

    programme = factories.programme(
        world.provider_a, education_min=EducationLevel.objects.get(code="smk")
    )
    cohort = factories.cohort(programme)
    person = factories.job_seeker(world.office_a, education=EducationLevel.objects.get(code="smp"))
    response = api.as_user(world.trainer_a).post(
        f"{URL}{cohort.pk}/enrollments/", {"job_seeker": person.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"job_seeker": ["Education SMP is below the required SMK."]}


def test_a_trainer_cannot_see_another_providers_cohort(api, world):
    cohort = factories.cohort(factories.programme(world.provider_b))
    assert api.as_user(world.trainer_a).get(f"{URL}{cohort.pk}/").status_code == 404
    response = api.post(f"{URL}{cohort.pk}/enrollments/", {"job_seeker": 1}, format="json")
    assert response.status_code == 404


def test_a_trainee_is_withdrawn_with_a_reason(api, world):
    cohort = factories.cohort(factories.programme(world.provider_a))
    enrollment = factories.enrollment(cohort, factories.job_seeker(world.office_a))
    response = api.as_user(world.trainer_a).post(
        f"/api/v1/enrollments/{enrollment.pk}/withdraw/", {"reason": "Diterima kerja"}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "withdrawn"
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.WITHDRAWN
    response = api.post(f"/api/v1/enrollments/{enrollment.pk}/withdraw/", {"reason": "x"})
    assert response.status_code == 400


def test_the_enrollment_list_runs_a_bounded_number_of_queries(
    api, world, django_assert_max_num_queries
):
    cohort = factories.cohort(factories.programme(world.provider_a))
    for _ in range(16):
        factories.enrollment(cohort, factories.job_seeker(world.office_a))
    api.as_user(world.trainer_a)
    with django_assert_max_num_queries(6):
        response = api.get(f"{URL}{cohort.pk}/enrollments/")
    assert response.json()["count"] == 16
