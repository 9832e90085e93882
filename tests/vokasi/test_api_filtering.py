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


def test_a_views_filter_fields_become_one_filter_set_class_that_still_filters(world, api):
    from vokasi.api.filtering import ListFilterBackend
    from vokasi.api.reference import SkillViewSet
    from vokasi.models import Skill

    backend, view = ListFilterBackend(), SkillViewSet()
    built = backend.get_filterset_class(view, Skill.objects.all())
    assert backend.get_filterset_class(view, Skill.objects.all()) is built
    client = api.as_user(world.officer_a)
    for vocation in Skill.objects.values_list("vocation_id", flat=True).distinct()[:3]:
        listed = client.get("/api/v1/skills/", {"vocation": vocation, "page_size": 1000}).json()
        codes = list(
            Skill.objects.filter(vocation_id=vocation)
            .order_by("code")
            .values_list("code", flat=True)
        )
        assert [row["code"] for row in listed["results"]] == codes
    refused = client.get(
        "/api/v1/skills/", {"vocation": "no-such-vocation"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 400 and "vocation" in refused.json()
