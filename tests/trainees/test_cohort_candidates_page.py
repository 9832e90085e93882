"""The cohort candidates page: search, the fit explained, and enrolling through a form."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests import factories
from tests.trainees.language import english  # noqa: F401
from trainees.models import Enrollment

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(world):
    return factories.cohort(factories.programme(world.provider_a, "LAS"))


@pytest.fixture
def trainer(client, world):
    client.force_login(world.trainer_a)
    return client


def candidates_url(cohort) -> str:
    return reverse("trainees:cohort-candidates", args=[cohort.pk])


def enroll_url(cohort) -> str:
    return reverse("trainees:cohort-enroll", args=[cohort.pk])


def test_the_page_searches_candidates_by_name(trainer, world, cohort):
    factories.job_seeker(world.office_a, name="Siti Rahmawati", sex="P")
    factories.job_seeker(world.office_b, name="Budi Santoso")
    html = trainer.get(candidates_url(cohort), {"q": "rahmawati"}).content.decode()
    assert "Siti Rahmawati" in html and "Budi Santoso" not in html
    html = trainer.get(candidates_url(cohort), {"q": "zulkarnain"}).content.decode()
    assert "No eligible candidate matches “zulkarnain”." in html


def test_the_page_explains_each_candidates_fit(trainer, world, cohort):
    unit = cohort.programme.skills.order_by("code").first()
    person = factories.job_seeker(world.office_a, name="Siti Rahmawati", sex="P")
    factories.give_skill(person, unit.code)
    html = trainer.get(candidates_url(cohort)).content.decode()
    assert f"holds 1 of the programme&#x27;s 3 units: {unit.name}" in html
    assert "no occupation sought recorded" in html


def test_the_enroll_button_carries_the_raw_id_and_the_search(trainer, world, cohort):
    person = factories.job_seeker(world.office_a, name="Siti Rahmawati", sex="P")
    html = trainer.get(candidates_url(cohort), {"q": "rahmawati"}).content.decode()
    assert f'name="job_seeker" value="{person.pk}"' in html
    assert 'name="q" value="rahmawati"' in html


def test_enrolling_returns_to_the_same_search(trainer, world, cohort):
    person = factories.job_seeker(world.office_a, name="Siti Rahmawati", sex="P")
    response = trainer.post(enroll_url(cohort), {"job_seeker": person.pk, "q": "rahmawati"})
    assert response.status_code == 302
    assert response["Location"] == candidates_url(cohort) + "?q=rahmawati"
    assert Enrollment.objects.filter(cohort=cohort, job_seeker=person).exists()


@pytest.mark.parametrize("value", ["abc", "2.421", "", "99999999999999999999999", "-1"])
def test_a_tampered_id_goes_back_with_a_message_and_writes_nothing(trainer, world, cohort, value):
    factories.job_seeker(world.office_a)
    response = trainer.post(enroll_url(cohort), {"job_seeker": value})
    assert response.status_code == 302
    assert response["Location"] == candidates_url(cohort)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages and all(m.level_tag == "error" for m in get_messages(response.wsgi_request))
    assert not Enrollment.objects.filter(cohort=cohort).exists()


def test_2_421_used_to_be_a_server_error(trainer, world, cohort):
    # "2.421" is how a grouped id (2,421 in Indonesian) arrived: it must never be a 500.
    response = trainer.post(enroll_url(cohort), {"job_seeker": "2.421"})
    assert response.status_code == 302
    page = trainer.get(response["Location"]).content.decode()
    assert "That person cannot be enrolled here; choose one from the list." in page


def test_an_officer_cannot_enroll_another_offices_person(client, world, cohort):
    client.force_login(world.officer_a)
    stranger = factories.job_seeker(world.office_b)
    response = client.post(enroll_url(cohort), {"job_seeker": stranger.pk})
    assert response.status_code == 302
    assert not Enrollment.objects.filter(cohort=cohort).exists()


def test_an_ended_registration_cannot_be_enrolled(trainer, world, cohort):
    import datetime

    person = factories.job_seeker(world.office_a)
    factories.end_registration(person, person.registered_on + datetime.timedelta(days=1))
    response = trainer.post(enroll_url(cohort), {"job_seeker": person.pk})
    assert response.status_code == 302
    assert not Enrollment.objects.filter(cohort=cohort).exists()


def test_the_page_runs_a_bounded_number_of_queries(
    trainer, world, cohort, django_assert_max_num_queries
):
    for n in range(60):
        person = factories.job_seeker(world.office_a, name=f"Calon {n}")
        factories.give_skill(person, cohort.programme.skills.first().code)
    with django_assert_max_num_queries(16):
        response = trainer.get(candidates_url(cohort), {"q": "calon", "page": 2})
    assert response.status_code == 200
