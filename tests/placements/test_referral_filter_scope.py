"""Filtering referrals by an id outside the caller's scope answers like an unknown id."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["job_seeker", "vacancy"])
def test_out_of_scope_and_unknown_ids_answer_the_same(api, world, name):
    elsewhere = {
        "job_seeker": factories.job_seeker(world.office_b).pk,
        "vacancy": factories.vacancy(world.company_b).pk,
    }[name]
    mine = factories.job_seeker(world.office_a)
    factories.referral(factories.vacancy(world.company_a), mine)
    client = api.as_user(world.officer_a)
    out_of_scope = client.get("/api/v1/referrals/", {name: elsewhere})
    unknown = client.get("/api/v1/referrals/", {name: 10**12})
    assert out_of_scope.status_code == unknown.status_code == 200
    assert out_of_scope.json() == unknown.json()
    assert out_of_scope.json()["count"] == 0


def test_the_filter_still_finds_the_callers_own_referrals(api, world):
    mine = factories.job_seeker(world.office_a)
    factories.referral(factories.vacancy(world.company_a), mine)
    response = api.as_user(world.officer_a).get("/api/v1/referrals/", {"job_seeker": mine.pk})
    assert response.json()["count"] == 1


@pytest.mark.parametrize("value", ["abc", "-1", str(2**70)])
def test_a_malformed_id_answers_400(api, world, value):
    response = api.as_user(world.officer_a).get("/api/v1/referrals/", {"job_seeker": value})
    assert response.status_code == 400
