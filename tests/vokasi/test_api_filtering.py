"""The API's filters narrow lists; a detail URL answers the object it names."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_a_lists_filter_narrows_the_list_and_leaves_a_detail_url_alone(world, api):
    vacancy = factories.vacancy(world.company_a)
    client = api.as_user(world.employer_a)
    listed = client.get("/api/v1/vacancies/", {"status": "closed"})
    assert listed.status_code == 200
    assert vacancy.pk not in [row["id"] for row in listed.json()["results"]]
    detail = client.get(f"/api/v1/vacancies/{vacancy.pk}/", {"status": "closed"})
    assert detail.status_code == 200 and detail.json()["id"] == vacancy.pk
    refused = client.get("/api/v1/vacancies/", {"status": "no-such-status"})
    assert refused.status_code == 400


def test_another_companys_vacancy_stays_out_of_reach_on_its_detail_url(world, api):
    vacancy = factories.vacancy(world.company_b)
    client = api.as_user(world.employer_a)
    assert client.get(f"/api/v1/vacancies/{vacancy.pk}/").status_code == 404
