"""A cohort's funding lines: the rules (whole Rupiah, never negative, a sponsor for CSR),
spending above the budget allowed and flagged, the API's PATCH and the page's form."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from trainees.models import CsrCommitment, FundingLine
from trainees.services.funding import LineInput, commitment_realisation, funding_lines_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(world):
    return factories.cohort(factories.programme(world.provider_a))


def url(cohort) -> str:
    return f"/api/v1/cohorts/{cohort.pk}/"


def test_a_trainer_sets_two_lines_and_reading_the_cohort_shows_them(api, world, cohort):
    body = {
        "funding": [
            {"source": "apbn", "budget": 48_000_000, "spent": 45_500_000, "seats": 12},
            {"source": "csr", "sponsor": world.company_a.pk, "budget": 16_000_000,
             "spent": 17_250_000, "seats": 4},
        ]
    }  # fmt: skip
    response = api.as_user(world.trainer_a).patch(url(cohort), body, format="json")
    assert response.status_code == 200, response.json()
    funding = response.json()["funding"]
    assert [(f["source"], f["budget"], f["spent"], f["over_budget"]) for f in funding] == [
        ("apbn", 48_000_000, 45_500_000, False),
        ("csr", 16_000_000, 17_250_000, True),  # allowed, flagged
    ]
    again = api.as_user(world.officer_a).get(url(cohort)).json()["funding"]
    assert again == funding
    listed = api.as_user(world.officer_a).get("/api/v1/cohorts/", {"page_size": 5}).json()
    assert any(row["funding"] == funding for row in listed["results"])


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"source": "apbn", "budget": -1, "spent": 0, "seats": 1}, "budget"),
        ({"source": "apbn", "budget": 1, "spent": -5, "seats": 1}, "spent"),
        ({"source": "apbn", "budget": 10**30, "spent": 0, "seats": 1}, "budget"),
        ({"source": "apbn", "budget": "abc", "spent": 0, "seats": 1}, "budget"),
        ({"source": "apbn", "budget": 2.5, "spent": 0, "seats": 1}, "budget"),
        ({"source": "apbn", "budget": 1, "spent": 0, "seats": 41}, "seats"),
        ({"source": "hibah", "budget": 1, "spent": 0, "seats": 1}, "source"),
    ],
)
def test_bad_amounts_answer_400_and_write_nothing(api, world, cohort, line, field):
    response = api.as_user(world.trainer_a).patch(url(cohort), {"funding": [line]}, format="json")
    assert response.status_code == 400
    assert field in str(response.json()["funding"])
    assert not FundingLine.objects.exists()


def test_csr_names_its_sponsor_and_the_seats_fit_the_cohort(api, world, cohort):
    response = api.as_user(world.trainer_a).patch(
        url(cohort), {"funding": [{"source": "csr", "budget": 1, "seats": 2}]}, format="json"
    )
    assert response.status_code == 400
    assert "sponsor" in str(response.json()["funding"])
    too_many = [
        {"source": "apbn", "budget": 1, "seats": 10},
        {"source": "apbd", "budget": 1, "seats": 10},
    ]
    response = api.as_user(world.trainer_a).patch(url(cohort), {"funding": too_many}, format="json")
    assert response.status_code == 400
    assert "16" in str(response.json()["funding"])
    assert not FundingLine.objects.exists()


def test_the_same_lines_again_change_nothing(world, cohort):
    lines = [LineInput(source="apbn", budgeted=5_000_000, spent=4_000_000, seats=16)]
    assert funding_lines_set(actor=world.trainer_a, cohort=cohort, lines=lines) is True
    first = FundingLine.objects.get().pk
    assert funding_lines_set(actor=world.trainer_a, cohort=cohort, lines=lines) is False
    assert FundingLine.objects.get().pk == first


def test_a_commitment_funds_several_cohorts_and_shows_its_realisation(world):
    commitment = CsrCommitment.objects.create(
        sponsor=world.company_a, title="75 paket", year=2026, seats=75, amount=375_000_000
    )
    programme = factories.programme(world.provider_a)
    for seats in (16, 16, 16, 16, 16):
        cohort = factories.cohort(programme)
        line = LineInput(
            source="csr", sponsor=world.company_a, commitment=commitment,
            budgeted=seats * 5_000_000, spent=seats * 5_000_000, seats=seats,
        )  # fmt: skip
        funding_lines_set(actor=world.trainer_a, cohort=cohort, lines=[line])
    realisation = commitment_realisation(commitment)
    assert (realisation["seats_used"], realisation["cohorts"]) == (80, 5)
    assert realisation["seats_over"] and realisation["spent_over"]  # flagged, not refused


def test_a_commitment_of_another_company_is_refused(world, cohort):
    commitment = CsrCommitment.objects.create(
        sponsor=world.company_b, title="B", year=2026, seats=10, amount=1
    )
    line = LineInput(source="csr", sponsor=world.company_a, commitment=commitment, budgeted=1)
    with pytest.raises(ValidationError):
        funding_lines_set(actor=world.trainer_a, cohort=cohort, lines=[line])


def test_an_officer_may_read_but_not_set_funding(api, world, cohort):
    body = {"funding": [{"source": "apbn", "budget": 1}]}
    assert api.as_user(world.officer_a).patch(url(cohort), body, format="json").status_code == 403
    assert api.as_user(world.trainer_b).patch(url(cohort), body, format="json").status_code == 404


def _page_body(**line) -> dict:
    body = {"line-TOTAL_FORMS": "2", "line-INITIAL_FORMS": "0"}
    for key, value in line.items():
        body[f"line-0-{key}"] = value
    # The blank extra line as the page sends it: nothing chosen, zeros.
    body.update({"line-1-budgeted": "0", "line-1-spent": "0", "line-1-seats": "0"})
    return body


def test_the_page_saves_lines_and_ignores_the_blank_one(client, world, cohort):
    client.force_login(world.trainer_a)
    body = _page_body(source="apbd", budgeted="64000000", spent="70000000", seats="16")
    response = client.post(f"/cohorts/{cohort.pk}/funding/", body)
    assert response.status_code == 302
    line = FundingLine.objects.get()
    assert (line.source, line.budgeted, line.spent, line.over_budget) == (
        "apbd", 64_000_000, 70_000_000, True,
    )  # fmt: skip
    page = client.get(f"/cohorts/{cohort.pk}/").content.decode()
    assert 'data-testid="over-budget"' in page


@pytest.mark.parametrize(
    "bad",
    [
        {"budgeted": "-1"},
        {"budgeted": "abc"},
        {"spent": "2.421"},
        {"budgeted": "9" * 30},
        {"sponsor": "999999999"},
        {"source": "csr"},  # no sponsor
    ],
)
def test_bad_page_input_answers_400_and_writes_nothing(client, world, cohort, bad):
    client.force_login(world.trainer_a)
    line = {"source": "apbn", "budgeted": "1000", "spent": "0", "seats": "1", **bad}
    response = client.post(f"/cohorts/{cohort.pk}/funding/", _page_body(**line))
    assert response.status_code == 400
    assert not FundingLine.objects.exists()


def test_a_tampered_management_form_answers_400(client, world, cohort):
    client.force_login(world.trainer_a)
    response = client.post(f"/cohorts/{cohort.pk}/funding/", {"line-TOTAL_FORMS": "abc"})
    assert response.status_code == 400


def test_commitments_are_recorded_by_the_office(client, world):
    client.force_login(world.officer_a)
    body = {"sponsor": world.company_a.pk, "title": "CSR las", "year": 2026, "seats": 75,
            "amount": "375000000"}  # fmt: skip
    response = client.post("/csr/new/", body)
    assert response.status_code == 302
    commitment = CsrCommitment.objects.get()
    assert client.get(f"/csr/{commitment.pk}/").status_code == 200
    assert client.post("/csr/new/", {**body, "amount": "-1"}).status_code == 400


def test_adding_a_line_on_the_page_keeps_the_lines_left_unchanged(client, world, cohort):
    funding_lines_set(
        actor=world.trainer_a,
        cohort=cohort,
        lines=[LineInput(source="apbn", budgeted=1_000, spent=900, seats=10)],
    )
    client.force_login(world.trainer_a)
    form = client.get(f"/cohorts/{cohort.pk}/funding/").context["formset"]
    body = {"line-TOTAL_FORMS": "2", "line-INITIAL_FORMS": "1"}
    for name, field in form.forms[0].fields.items():
        value = form.forms[0].initial.get(name, field.initial)
        if value is not None:
            body[f"line-0-{name}"] = str(value)
    body.update({"line-1-source": "participant", "line-1-budgeted": "500", "line-1-spent": "0",
                 "line-1-seats": "2"})  # fmt: skip
    assert client.post(f"/cohorts/{cohort.pk}/funding/", body).status_code == 302
    assert sorted(FundingLine.objects.values_list("source", "seats")) == [
        ("apbn", 10), ("participant", 2),
    ]  # fmt: skip
