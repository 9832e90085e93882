"""The skills list: the shape built directly is the shape the declared fields give, and a
page costs the same few queries whatever its size."""

from __future__ import annotations

import pytest
from rest_framework import serializers

from vokasi import ratelimit
from vokasi.api.reference import SkillSerializer
from vokasi.auth import api_key_issue
from vokasi.models import Skill

pytestmark = pytest.mark.django_db
URL = "/api/v1/skills/"


def generic(skill: Skill) -> dict:
    """What DRF's ModelSerializer makes of the declared fields."""
    return dict(serializers.ModelSerializer.to_representation(SkillSerializer(), skill))


@pytest.fixture
def key_api(api, world):
    _key, raw = api_key_issue(user=world.employer_a)
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return api


def test_a_listed_skill_has_the_declared_shape(key_api):
    skills = Skill.objects.select_related("vocation").order_by("code")
    assert skills.count() > 60  # the reference data: more than one page
    page = key_api.get(URL, {"page_size": 1000}).json()
    assert page["count"] == skills.count()
    assert page["results"] == [generic(skill) for skill in skills]


def test_a_filtered_page_has_the_declared_shape(key_api):
    vocation = Skill.objects.order_by("code").first().vocation_id
    skills = Skill.objects.filter(vocation_id=vocation).order_by("code")
    page = key_api.get(URL, {"vocation": vocation, "page": 1, "page_size": 2}).json()
    assert page["count"] == skills.count()
    assert page["results"] == [generic(skill) for skill in skills[:2]]


def test_one_skill_has_the_declared_shape(key_api):
    skill = Skill.objects.order_by("code").last()
    assert key_api.get(f"{URL}{skill.code}/").json() == generic(skill)


@pytest.mark.parametrize("size", [1, 50, 1000])
def test_a_page_of_skills_is_four_queries_whatever_its_size(
    key_api, django_assert_num_queries, monkeypatch, size
):
    monkeypatch.setattr(ratelimit, "PURGE_ONE_IN", 10**12)  # no housekeeping now
    key_api.get(URL)  # the key's first use also records when it was used
    # The key with its user, the rate limit's count, the page's count, the page.
    with django_assert_num_queries(4):
        assert key_api.get(URL, {"page_size": size}).status_code == 200
