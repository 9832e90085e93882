"""The cohort pages: list, detail with roster and outcomes, enrolling and withdrawing."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import PASSWORD
from tests.trainees.language import english  # noqa: F401
from trainees.models import Cohort, CompetencyAssessment, Enrollment, TrainingResult

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def cohort(world):
    return factories.cohort(
        factories.programme(world.provider_a, name="Juru Las SMAW"), name="Angkatan 7"
    )


def test_the_cohort_list_filters_by_status_and_period(client, world):
    programme = factories.programme(world.provider_a)
    factories.cohort(programme, name="Angkatan Maret", start_date=datetime.date(2027, 3, 1))
    factories.cohort(
        programme,
        name="Angkatan Juli",
        start_date=datetime.date(2027, 7, 1),
        status=Cohort.Status.PLANNED,
    )
    login(client, world.officer_a)
    url = reverse("trainees:cohort-list")
    response = client.get(url, {"status": "planned"})
    assert "Angkatan Juli" in response.text and "Angkatan Maret" not in response.text
    response = client.get(url, {"starts_from": "2027-02-01", "starts_to": "2027-04-30"})
    assert "Angkatan Maret" in response.text and "Angkatan Juli" not in response.text


def test_the_cohort_list_runs_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    programme = factories.programme(world.provider_a)
    for _ in range(30):
        factories.cohort(programme)
    login(client, world.trainer_a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("trainees:cohort-list")).status_code == 200


def test_a_trainer_creates_a_cohort_through_the_form(client, world):
    programme = factories.programme(world.provider_a)
    login(client, world.trainer_a)
    response = client.post(
        reverse("trainees:cohort-create"),
        {
            "programme": programme.pk,
            "name": "Angkatan 1 2027",
            "start_date": "2027-02-01",
            "end_date": "2027-03-12",
            "place": "Workshop Las",
            "quota": 16,
            "status": "open",
        },
    )
    cohort = Cohort.objects.get()
    assert response.url == reverse("trainees:cohort-detail", args=[cohort.pk])
    assert cohort.quota == 16


def test_the_cohort_page_shows_roster_results_and_outcomes(client, world, cohort):
    people = [factories.job_seeker(world.office_a, name=f"Peserta {i}") for i in range(3)]
    done = factories.enrollment(cohort, people[0], status=Enrollment.Status.COMPLETED)
    assessment = CompetencyAssessment.objects.create(
        enrollment=done, result="K", assessed_on=cohort.end_date, certificate_no="LSP-01"
    )
    TrainingResult.objects.create(
        enrollment=done, attendance_pct=95, score=88, outcome="completed", assessment=assessment
    )
    factories.enrollment(cohort, people[1], status=Enrollment.Status.FAILED)
    factories.enrollment(cohort, people[2])
    login(client, world.trainer_a)
    response = client.get(reverse("trainees:cohort-detail", args=[cohort.pk]))
    assert response.status_code == 200
    outcomes = response.context["outcomes"]
    assert (outcomes.enrolled, outcomes.completed, outcomes.failed) == (3, 1, 1)
    assert (outcomes.assessed, outcomes.competent, outcomes.completion_pct) == (1, 1, 50)
    for person in people:
        assert person.name in response.text
    assert "LSP-01" in response.text


def test_an_officer_sees_only_their_offices_trainees_on_the_roster(client, world, cohort):
    factories.enrollment(cohort, factories.job_seeker(world.office_a, name="Warga Cilegon"))
    factories.enrollment(cohort, factories.job_seeker(world.office_b, name="Warga Serang"))
    response = login(client, world.officer_b).get(
        reverse("trainees:cohort-detail", args=[cohort.pk])
    )
    assert "Warga Serang" in response.text
    assert "Warga Cilegon" not in response.text


def test_enrolling_from_the_candidate_page(client, world, cohort):
    person = factories.job_seeker(world.office_a, name="Calon Peserta")
    login(client, world.officer_a)
    page = client.get(reverse("trainees:cohort-candidates", args=[cohort.pk]))
    assert "Calon Peserta" in page.text
    response = client.post(
        reverse("trainees:cohort-enroll", args=[cohort.pk]), {"job_seeker": person.pk}
    )
    assert response.status_code == 302
    assert Enrollment.objects.filter(cohort=cohort, job_seeker=person).exists()
    page = client.get(reverse("trainees:cohort-candidates", args=[cohort.pk]))
    assert person not in list(page.context["page"])


def test_a_refused_enrollment_shows_the_reason(client, world):
    cohort = factories.cohort(factories.programme(world.provider_a), quota=1)
    factories.enrollment(cohort, factories.job_seeker(world.office_a))
    person = factories.job_seeker(world.office_a)
    login(client, world.officer_a)
    response = client.post(
        reverse("trainees:cohort-enroll", args=[cohort.pk]),
        {"job_seeker": person.pk},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "The cohort is full: all 1 places are taken." in response.text


def test_withdrawing_a_trainee_with_a_reason(client, world, cohort):
    enrollment = factories.enrollment(cohort, factories.job_seeker(world.office_a))
    login(client, world.trainer_a)
    url = reverse("trainees:cohort-withdraw", args=[cohort.pk, enrollment.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    response = client.post(url, {"reason": "Diterima kerja di PT Krakatau"})
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.WITHDRAWN
    assert enrollment.withdrawal_reason == "Diterima kerja di PT Krakatau"


def test_the_provider_moves_the_cohort_along(client, world, cohort):
    login(client, world.trainer_a)
    url = reverse("trainees:cohort-status", args=[cohort.pk])
    client.post(url, {"status": "running"})
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.RUNNING
    client.post(url, {"status": "open"})
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.RUNNING


def test_another_providers_cohort_is_not_found_and_companies_are_refused(client, world, cohort):
    login(client, world.trainer_b)
    assert client.get(reverse("trainees:cohort-detail", args=[cohort.pk])).status_code == 404
    client.logout()
    login(client, world.employer_a)
    assert client.get(reverse("trainees:cohort-detail", args=[cohort.pk])).status_code == 403
