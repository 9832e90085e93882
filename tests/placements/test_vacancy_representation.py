"""The vacancy shape built directly is exactly the shape the declared fields give."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from rest_framework import serializers

from placements.api.vacancies import VacancySerializer, attach_skill_codes
from placements.models import Vacancy
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def generic(vacancy: Vacancy) -> dict:
    """What DRF's ModelSerializer makes of the declared fields."""
    return dict(serializers.ModelSerializer.to_representation(VacancySerializer(), vacancy))


@pytest.fixture
def vacancies(world):
    return [
        factories.vacancy(
            world.company_a,
            external_ref="HR-1",
            description="Pengelasan pipa.",
            required_skills=["LAS-SMAW", "LAS-GTAW"],
            preferred_skills=["LAS-GMAW"],
        ),
        factories.vacancy(
            world.company_b,
            kind="apprenticeship",
            duration_months=6,
            education_min_id=None,
            wage_min=None,
            wage_max=None,
            required_skills=[],
        ),
        factories.vacancy(
            world.company_a,
            status="closed",
            close_reason="cancelled",
            closed_on=TODAY,
            opens_on=TODAY - datetime.timedelta(days=40),
            closes_on=TODAY - datetime.timedelta(days=1),
        ),
    ]


def test_a_vacancy_read_alone_has_the_declared_shape(vacancies):
    for vacancy in vacancies:
        fresh = Vacancy.objects.get(pk=vacancy.pk)
        assert VacancySerializer(fresh).data == generic(fresh)


def test_a_listed_vacancy_has_the_declared_shape(vacancies):
    listed = list(Vacancy.objects.order_by("id"))
    attach_skill_codes(listed)
    for vacancy in listed:
        assert VacancySerializer(vacancy).data == generic(Vacancy.objects.get(pk=vacancy.pk))


def test_the_keys_keep_the_declared_order(vacancies):
    fresh = Vacancy.objects.get(pk=vacancies[0].pk)
    assert list(VacancySerializer(fresh).data) == VacancySerializer.Meta.fields


def test_skill_codes_are_sorted_and_split_by_requirement(vacancies):
    listed = list(Vacancy.objects.filter(pk=vacancies[0].pk))
    attach_skill_codes(listed)
    body = VacancySerializer(listed[0]).data
    assert body["required_skills"] == ["LAS-GTAW", "LAS-SMAW"]
    assert body["preferred_skills"] == ["LAS-GMAW"]


def test_the_list_answers_each_vacancy_as_reading_it_alone_does(world, api, vacancies):
    client = api.as_user(world.officer_a)
    listed = client.get("/api/v1/vacancies/?page_size=1000").json()["results"]
    assert len(listed) == len(vacancies)
    for body in listed:
        assert body == client.get(f"/api/v1/vacancies/{body['id']}/").json()


def test_a_vacancy_read_through_the_api_has_the_declared_shape(world, api, vacancies):
    client = api.as_user(world.officer_a)
    for vacancy in vacancies:
        body = client.get(f"/api/v1/vacancies/{vacancy.pk}/").json()
        assert body == generic(Vacancy.objects.get(pk=vacancy.pk))
