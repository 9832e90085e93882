"""The link-and-match page: filters, the table with its totals row, the chart, drill-down."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.reports import data

URL = reverse("reports:link-and-match")
QUERY = {"from": "2026-01-01", "to": "2026-03-31", "by": "skill"}


@pytest.fixture
def market(world):
    return data.build(world)


def test_an_officer_sees_the_table_with_totals_and_a_chart(client, market):
    client.force_login(market.world.officer_a)
    response = client.get(URL, QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="report-table"' in html
    assert "Pengelasan SMAW" in html
    assert 'data-testid="chart-demand-supply"' in html
    assert "<tfoot" in html
    assert response.context["totals"]["demand"] == 15
    assert '<span class="badge bad">kekurangan</span>' in html  # the shortage badge
    assert "0,38" in html  # ratios with a decimal comma


def test_numbers_are_grouped_the_indonesian_way(client, world):
    from tests import factories

    factories.vacancy(
        world.company_a, openings=1000, opens_on=data.D(2026, 1, 5), closes_on=data.D(2026, 2, 5)
    )
    factories.vacancy(
        world.company_a, openings=900, opens_on=data.D(2026, 1, 5), closes_on=data.D(2026, 2, 5)
    )
    client.force_login(world.officer_a)
    html = client.get(URL, QUERY).content.decode()
    assert "1.900" in html


def test_the_default_period_is_the_last_twelve_months(client, market):
    client.force_login(market.world.officer_a)
    response = client.get(URL)
    assert response.status_code == 200
    params = response.context["params"]
    assert (params.date_to - params.date_from).days > 330


def test_a_period_that_ends_before_it_starts_is_refused(client, market):
    client.force_login(market.world.officer_a)
    response = client.get(URL, {"from": "2026-03-01", "to": "2026-01-01"})
    assert response.status_code == 400
    assert "to" in response.context["form"].errors


def test_an_employer_gets_403(client, market):
    client.force_login(market.world.employer_a)
    assert client.get(URL, QUERY).status_code == 403
    assert client.get(reverse("reports:index")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, market):
    response = client.get(URL, QUERY)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_an_officer_cannot_switch_to_another_office(client, market):
    client.force_login(market.world.officer_a)
    response = client.get(URL, {**QUERY, "office": market.world.office_b.pk})
    assert response.context["scope"].office == market.world.office_a


def test_an_officer_drills_down_to_vacancies_and_their_own_people(client, market):
    client.force_login(market.world.officer_a)
    url = reverse("reports:link-and-match-detail", args=["skill", "LAS-SMAW"])
    response = client.get(url, {"from": "2026-01-01", "to": "2026-03-31"})
    assert response.status_code == 200
    html = response.content.decode()
    vacancies = {v.title for v in response.context["vacancies"].data.data}
    assert {market.vacancies["v1"].pk, market.vacancies["v2"].pk} == {
        v.pk for v in response.context["vacancies"].data.data
    }
    assert vacancies
    people = {p.pk for p in response.context["people"].data.data}
    ppl = market.people
    assert people == {ppl["p1"].pk, ppl["p2"].pk, ppl["p5"].pk}
    assert ppl["p1"].name in html
    assert ppl["p6"].name not in html  # office B


def test_a_trainer_drills_down_to_vacancies_but_never_to_people(client, market):
    client.force_login(market.world.trainer_a)
    url = reverse("reports:link-and-match-detail", args=["skill", "LAS-SMAW"])
    response = client.get(url, {"from": "2026-01-01", "to": "2026-03-31"})
    assert response.status_code == 200
    assert response.context["people"] is None
    assert market.people["p1"].name not in response.content.decode()
    assert 'data-testid="no-people"' in response.content.decode()


def test_the_index_lists_the_reports_for_each_role(client, market):
    client.force_login(market.world.officer_a)
    html = client.get(reverse("reports:index")).content.decode()
    assert reverse("reports:ipk") in html
    client.force_login(market.world.trainer_a)
    html = client.get(reverse("reports:index")).content.decode()
    assert reverse("reports:ipk") not in html
    assert reverse("reports:outcomes") in html


@pytest.mark.parametrize("by", ["skill", "occupation", "vocation", "sector", "region"])
def test_every_grouping_renders(client, market, by):
    client.force_login(market.world.admin)
    response = client.get(URL, {**QUERY, "by": by})
    assert response.status_code == 200
    assert response.context["totals"]["demand"] > 0


def test_the_page_runs_a_bounded_number_of_queries(client, market, django_assert_max_num_queries):
    client.force_login(market.world.officer_a)
    with django_assert_max_num_queries(25):
        client.get(URL, QUERY)
