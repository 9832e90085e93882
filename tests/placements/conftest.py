from __future__ import annotations

import pytest
from django.core.cache import cache

from tests import factories
from vokasi.auth import api_key_issue


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The per-key request counts live in the cache; each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def key_client(api):
    """``key_client(user)``: the API client sending a fresh key of ``user``."""

    def make(user):
        _key, raw = api_key_issue(user=user, name="test")
        api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
        return api

    return make


@pytest.fixture
def vacancy_a(world):
    return factories.vacancy(world.company_a, openings=2, external_ref="HR-A-1")


@pytest.fixture
def vacancy_b(world):
    return factories.vacancy(world.company_b, title="Operator forklift", occupation_id="8344")


@pytest.fixture
def person_a(world):
    """A job seeker of office A who consented to share contacts and holds a certified skill."""
    person = factories.job_seeker(
        world.office_a,
        name="Siti Nuraini",
        sex="P",
        phone="081234567890",
        email="siti@example.id",
        consent_share_contact=True,
    )
    factories.give_skill(person, "LAS-SMAW", source=3)
    return person


@pytest.fixture
def referral_a(vacancy_a, person_a):
    return factories.referral(vacancy_a, person_a, match_score=80)
