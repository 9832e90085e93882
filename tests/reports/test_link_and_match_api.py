"""GET /api/v1/reports/link-and-match/: the shape of API.md and the page's numbers."""

from __future__ import annotations

import pytest

from tests.reports import data

URL = "/api/v1/reports/link-and-match/"
QUERY = {"from": "2026-01-01", "to": "2026-03-31", "by": "skill"}
ROW_KEYS = {
    "key",
    "name",
    "demand",
    "supply_certified",
    "supply_trained",
    "supply_declared",
    "pipeline",
    "placed",
    "gap",
    "ratio",
    "label",
}


@pytest.fixture
def market(world):
    return data.build(world)


def test_an_officer_gets_rows_in_the_shape_of_the_contract(api, market):
    response = api.as_user(market.world.officer_a).get(URL, QUERY)
    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"], body["by"]) == ("2026-01-01", "2026-03-31", "skill")
    rows = {row["key"]: row for row in body["rows"]}
    assert set(rows["LAS-SMAW"]) >= ROW_KEYS
    smaw = rows["LAS-SMAW"]
    assert (smaw["demand"], smaw["supply_certified"], smaw["gap"]) == (8, 1, 5)
    assert smaw["ratio"] == 0.38 and smaw["label"] == "shortage"
    assert body["totals"]["demand"] == 15
    assert body["office"] == market.world.office_a.pk


def test_a_trainer_reads_the_aggregates(api, market):
    response = api.as_user(market.world.trainer_a).get(URL, QUERY)
    assert response.status_code == 200
    assert {row["key"] for row in response.json()["rows"]} >= {"LAS-SMAW"}


def test_an_employer_is_refused(api, market):
    response = api.as_user(market.world.employer_a).get(URL, QUERY)
    assert response.status_code == 403
    assert "detail" in response.json()


def test_an_anonymous_client_is_refused(api, market):
    assert api.get(URL, QUERY).status_code in (401, 403)


def test_a_bad_grouping_and_a_bad_date_answer_400_by_field(api, market):
    response = api.as_user(market.world.admin).get(URL, {"by": "colour", "from": "yesterday"})
    assert response.status_code == 400
    assert set(response.json()) >= {"by", "from"}


def test_the_ratio_is_null_without_demand(api, market):
    from tests import factories

    person = factories.job_seeker(market.world.office_a, registered_on=data.D(2025, 1, 1))
    factories.give_skill(person, "TIK-WEB")
    rows = {
        row["key"]: row
        for row in api.as_user(market.world.officer_a).get(URL, QUERY).json()["rows"]
    }
    assert rows["TIK-WEB"]["ratio"] is None
    assert rows["TIK-WEB"]["label"] == "no_demand"


def test_the_schema_documents_the_report_endpoints(api, market):
    response = api.as_user(market.world.admin).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (URL, "/api/v1/reports/outcomes/", "/api/v1/reports/ipk/"):
        assert path in paths
