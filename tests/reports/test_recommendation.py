"""The training recommendation ranks skills by unmet demand after counting the pipeline."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reports.link_and_match import Params
from reports.recommendation import recommendation, records
from reports.scope import scope_for
from tests import factories
from tests.reports import data


@pytest.fixture
def market(world):
    m = data.build(world)
    # 40 more openings for forklift drivers; nobody holds the skill; a programme teaches it.
    factories.vacancy(
        world.company_a,
        openings=40,
        required_skills=["ABT-FORKLIFT"],
        occupation_id="8344",
        opens_on=datetime.date(2026, 2, 1),
        closes_on=datetime.date(2026, 3, 1),
    )
    forklift = factories.programme(world.provider_b, "ABT", name="Operator Forklift")
    forklift.skills.set(["ABT-FORKLIFT"])
    return m


def test_skills_are_ranked_by_unmet_demand_with_cohorts_of_16(world, market):
    rows = records(recommendation(Params(data.FROM, data.TO, "skill"), scope_for(world.officer_a)))
    assert [row["key"] for row in rows] == ["ABT-FORKLIFT", "LAS-SMAW", "LAS-GTAW", "LIS-PLC"]
    forklift = rows[0]
    assert (forklift["demand"], forklift["supply"], forklift["pipeline"]) == (40, 0, 0)
    assert (forklift["unmet"], forklift["cohorts"]) == (40, 3)  # 40 / 16, rounded up
    assert forklift["programmes"] == "Operator Forklift (UPTD BLK Cilegon)"
    smaw = rows[1]
    # 8 openings - 3 holders (p1 certified, p2 trained, p5 declared) - 1 trainee (p7):
    # p2 is both trained and in training, and counts once, as trained.
    assert (smaw["supply"], smaw["pipeline"]) == (3, 1)
    assert (smaw["unmet"], smaw["cohorts"]) == (4, 1)
    assert smaw["programmes"] == "Las SMAW dan GTAW (BBPVP Serang)"
    assert smaw["vocation_name"] == "Las"


def test_vocations_can_be_ranked_too(world, market):
    rows = records(
        recommendation(Params(data.FROM, data.TO, "vocation"), scope_for(world.officer_a))
    )
    assert rows[0]["key"] == "ABT"
    assert "Operator Forklift" in rows[0]["programmes"]


def test_the_page_shows_the_ranking_and_its_chart(client, world, market):
    client.force_login(world.officer_a)
    response = client.get(
        reverse("reports:recommendation"), {"from": "2026-01-01", "to": "2026-03-31"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Operator Forklift (UPTD BLK Cilegon)" in html
    assert 'data-testid="chart-unmet"' in html
    assert response.context["totals"]["cohorts"] == 3 + 1 + 1 + 1


def test_a_trainee_who_only_declared_the_skill_counts_once_in_the_pipeline(world, market):
    p7 = market.people["p7"]
    factories.give_skill(p7, "LAS-SMAW")  # declared, and in training for it
    rows = records(recommendation(Params(data.FROM, data.TO, "skill"), scope_for(world.officer_a)))
    smaw = next(row for row in rows if row["key"] == "LAS-SMAW")
    # Without the double count: 4 holders and 2 trainees would leave 2 unmet.
    assert (smaw["supply"], smaw["pipeline"], smaw["unmet"]) == (3, 1, 4)
