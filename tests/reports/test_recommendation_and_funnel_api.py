"""GET /api/v1/reports/recommendation/ and /funnel/: the shapes of API.md v1.1, the pages'
numbers, JSON, CSV and XLSX, the same roles as the pages."""

from __future__ import annotations

import pytest

from reports.funnel import Filters, funnel
from reports.link_and_match import Params
from reports.recommendation import recommendation, records
from reports.scope import scope_for
from tests.reports import data
from trainees.models import JobSeeker

RECOMMENDATION = "/api/v1/reports/recommendation/"
FUNNEL = "/api/v1/reports/funnel/"
QUERY = {"from": "2026-01-01", "to": "2026-03-31"}


@pytest.fixture
def market(world):
    return data.build(world)


def test_the_recommendation_has_the_contracts_shape_and_the_pages_numbers(api, market):
    world = market.world
    response = api.as_user(world.officer_a).get(RECOMMENDATION, {**QUERY, "by": "skill"})
    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"], body["by"], body["class_size"]) == (
        "2026-01-01",
        "2026-03-31",
        "skill",
        16,
    )
    expected = records(
        recommendation(Params(data.FROM, data.TO, "skill"), scope_for(world.officer_a))
    )
    assert [row["key"] for row in body["rows"]] == [row["key"] for row in expected]
    for got, want in zip(body["rows"], expected, strict=True):
        assert set(got) >= {"key", "name", "demand", "supply", "pipeline", "unmet"}
        assert got["cohorts_to_open"] == want["cohorts"] == -(-got["unmet"] // 16)
        assert got["unmet"] == got["demand"] - got["supply"] - got["pipeline"]


def test_the_recommendation_refuses_a_grouping_it_does_not_rank(api, market):
    response = api.as_user(market.world.admin).get(RECOMMENDATION, {**QUERY, "by": "region"})
    assert response.status_code == 400
    assert "by" in response.json()


def test_the_funnel_has_the_contracts_stages_in_order(api, market):
    world = market.world
    response = api.as_user(world.officer_a).get(FUNNEL, QUERY)
    assert response.status_code == 200
    body = response.json()
    assert [stage["stage"] for stage in body["stages"]] == [
        "registered",
        "trained",
        "certified",
        "referred",
        "hired",
        "retained",
        "self_employed",
    ]
    stages, _frame = funnel(
        JobSeeker.objects.visible_to(world.officer_a),
        Filters(data.FROM, data.TO, office_id=world.office_a.pk),
    )
    page = {stage.key: stage.people for stage in stages}
    got = {stage["stage"]: stage["people"] for stage in body["stages"]}
    assert got["registered"] == page["registered"]
    assert got["hired"] == page["placed"] and got["trained"] == page["completed"]


@pytest.mark.parametrize("url", [RECOMMENDATION, FUNNEL])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_both_come_as_files(api, market, url, fmt):
    response = api.as_user(market.world.admin).get(url, {**QUERY, "format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')


def test_companies_read_neither_and_providers_no_funnel(api, market):
    world = market.world
    assert api.as_user(world.employer_a).get(RECOMMENDATION, QUERY).status_code == 403
    assert api.as_user(world.employer_a).get(FUNNEL, QUERY).status_code == 403
    assert api.as_user(world.trainer_a).get(FUNNEL, QUERY).status_code == 403
    assert api.as_user(world.trainer_a).get(RECOMMENDATION, QUERY).status_code == 200


def test_an_officers_funnel_stays_in_their_office(api, market):
    world = market.world
    other = api.as_user(world.officer_b).get(FUNNEL, {"from": "2025-01-01", "to": "2025-12-31"})
    mine = api.as_user(world.officer_a).get(FUNNEL, {"from": "2025-01-01", "to": "2025-12-31"})
    registered = {
        name: {s["stage"]: s["people"] for s in r.json()["stages"]}["registered"]
        for name, r in (("a", mine), ("b", other))
    }
    assert registered == {"a": 5, "b": 1}  # p1 p2 p4 p5 p7 registered in 2025; p6
