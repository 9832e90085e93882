"""The programme pages: list with filters, detail, and the new-programme form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import PASSWORD
from tests.trainees.language import english  # noqa: F401
from trainees.models import Programme

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_list_shows_the_trainers_own_programmes_only(client, world):
    own = factories.programme(world.provider_a, name="Las SMAW Dasar")
    factories.programme(world.provider_b, name="Listrik Instalasi Rumah", vocation="LIS")
    response = login(client, world.trainer_a).get(reverse("trainees:programme-list"))
    assert response.status_code == 200
    assert own.name in response.text
    assert "Listrik Instalasi Rumah" not in response.text
    assert reverse("trainees:programme-create") in response.text


def test_officers_see_all_programmes_and_filter_them(client, world):
    factories.programme(world.provider_a, name="Las SMAW Dasar", funding="apbn")
    factories.programme(world.provider_b, name="Listrik Instalasi", vocation="LIS", funding="apbd")
    login(client, world.officer_a)
    response = client.get(reverse("trainees:programme-list"))
    assert "Las SMAW Dasar" in response.text and "Listrik Instalasi" in response.text
    assert reverse("trainees:programme-create") not in response.text
    response = client.get(reverse("trainees:programme-list"), {"funding": "apbd"})
    assert "Listrik Instalasi" in response.text
    assert "Las SMAW Dasar" not in response.text
    response = client.get(reverse("trainees:programme-list"), {"vocation": "LAS"})
    assert "Las SMAW Dasar" in response.text
    assert "Listrik Instalasi" not in response.text


def test_the_list_page_runs_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for _ in range(30):
        factories.programme(world.provider_a)
    login(client, world.officer_a)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("trainees:programme-list"))
    assert response.status_code == 200


def test_a_trainer_creates_a_programme_through_the_form(client, world):
    login(client, world.trainer_a)
    response = client.post(
        reverse("trainees:programme-create"),
        {
            "vocation": "LAS",
            "code": "LAS-01",
            "name": "Juru Las SMAW",
            "skills": ["LAS-SMAW", "LAS-BLUEPRINT"],
            "jp_hours": 240,
            "education_min": "smp",
            "age_min": 18,
            "age_max": 35,
            "funding": "apbn",
        },
    )
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("trainees:programme-detail", args=[programme.pk])
    assert programme.provider == world.provider_a
    detail = client.get(response.url)
    assert "Juru Las SMAW" in detail.text
    assert "LAS-BLUEPRINT" in detail.text


def test_the_form_shows_the_services_errors(client, world):
    factories.programme(world.provider_a, code="LAS-01")
    login(client, world.trainer_a)
    response = client.post(
        reverse("trainees:programme-create"),
        {
            "vocation": "LAS",
            "code": "LAS-01",
            "name": "Juru Las",
            "skills": ["LAS-SMAW"],
            "jp_hours": 240,
            "age_min": 40,
            "age_max": 30,
            "funding": "apbn",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "The maximum age must not be below the minimum age." in response.text


def test_officers_may_not_open_the_form_and_companies_not_the_list(client, world):
    login(client, world.officer_a)
    assert client.get(reverse("trainees:programme-create")).status_code == 403
    client.logout()
    login(client, world.employer_a)
    assert client.get(reverse("trainees:programme-list")).status_code == 403


def test_another_providers_programme_is_not_found(client, world):
    other = factories.programme(world.provider_b)
    login(client, world.trainer_a)
    response = client.get(reverse("trainees:programme-detail", args=[other.pk]))
    assert response.status_code == 404
