"""The outcomes page and endpoint show the selector's numbers, with the funnel and rates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.reports.test_outcomes_selector import trained  # noqa: F401 - a fixture

QUERY = {"from": "2026-01-01", "to": "2026-06-30", "by": "programme"}


@pytest.mark.usefixtures("trained")
def test_an_officer_sees_rates_the_indonesian_way_and_the_charts(client, world):
    client.force_login(world.officer_a)
    response = client.get(reverse("reports:outcomes"), QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Las SMAW" in html
    assert "50,0 %" in html
    assert "Rp 5.500.000" in html
    assert 'data-testid="chart-funnel"' in html
    assert 'data-testid="chart-rates"' in html
    assert response.context["table"].totals["enrolled"] == 5


@pytest.mark.usefixtures("trained")
def test_a_trainer_sees_only_its_programmes_and_no_provider_filter(client, world):
    client.force_login(world.trainer_b)
    response = client.get(reverse("reports:outcomes"), QUERY)
    html = response.content.decode()
    assert "Instalasi Listrik" in html
    assert "Las SMAW" not in html
    assert "provider" not in response.context["form"].fields


@pytest.mark.usefixtures("trained")
def test_the_endpoint_answers_the_contract_shape(api, world):
    response = api.as_user(world.admin).get("/api/v1/reports/outcomes/", QUERY)
    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"], body["by"]) == ("2026-01-01", "2026-06-30", "programme")
    row = next(r for r in body["rows"] if r["name"] == "Las SMAW")
    assert {
        k: row[k] for k in ("enrolled", "completed", "certified", "placed_90d", "placed_180d")
    } == {"enrolled": 4, "completed": 2, "certified": 1, "placed_90d": 1, "placed_180d": 2}
    assert row["median_starting_wage"] == 5_500_000


@pytest.mark.usefixtures("trained")
def test_employers_may_not_read_outcomes(api, world):
    assert api.as_user(world.employer_a).get("/api/v1/reports/outcomes/").status_code == 403


@pytest.mark.usefixtures("trained")
@pytest.mark.parametrize(
    "by", ["cohort", "provider", "funding", "sex", "education", "age_group", "region"]
)
def test_every_grouping_renders(client, world, by):
    client.force_login(world.admin)
    response = client.get(reverse("reports:outcomes"), {**QUERY, "by": by})
    assert response.status_code == 200
    assert response.context["table"].totals["enrolled"] == 5
