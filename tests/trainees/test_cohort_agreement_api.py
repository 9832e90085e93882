"""``PATCH /api/v1/cohorts/{id}/`` with ``agreement`` (API v1.1): the provider's trainers
and admins link a cohort to an agreement the provider is party to, or unlink it with null;
``funding`` in the same body replaces every line; both or neither are written."""

from __future__ import annotations

import pytest

from tests import factories
from trainees.models import Cohort, FundingLine

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(world):
    return factories.cohort(factories.programme(world.provider_a))


@pytest.fixture
def agreement(world):
    return factories.agreement(world.office_a, providers=[world.provider_a])


def url(cohort) -> str:
    return f"/api/v1/cohorts/{cohort.pk}/"


def _agreement_of(cohort) -> int | None:
    return Cohort.objects.get(pk=cohort.pk).agreement_id


@pytest.mark.parametrize("who", ["trainer_a", "admin"])
def test_the_provider_or_an_admin_links_and_unlinks(api, world, cohort, agreement, who):
    client = api.as_user(getattr(world, who))
    response = client.patch(url(cohort), {"agreement": agreement.pk}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["agreement"] == agreement.pk
    assert _agreement_of(cohort) == agreement.pk
    # Reading the cohort shows it; sending the same body again changes nothing.
    assert client.get(url(cohort)).json()["agreement"] == agreement.pk
    again = client.patch(url(cohort), {"agreement": agreement.pk}, format="json")
    assert again.status_code == 200
    assert again.json() == response.json()
    unlinked = client.patch(url(cohort), {"agreement": None}, format="json")
    assert unlinked.status_code == 200
    assert unlinked.json()["agreement"] is None
    assert _agreement_of(cohort) is None


def test_an_agreement_the_provider_is_not_party_to_answers_400(api, world, cohort):
    # Office A's agreement with provider B only: an admin reads it, provider A is no party.
    other = factories.agreement(world.office_a, providers=[world.provider_b])
    response = api.as_user(world.admin).patch(url(cohort), {"agreement": other.pk}, format="json")
    assert response.status_code == 400
    assert "agreement" in response.json()
    # A trainer cannot even name it: it is not among the agreements its provider reads.
    response = api.as_user(world.trainer_a).patch(
        url(cohort), {"agreement": other.pk}, format="json"
    )
    assert response.status_code == 400
    assert "agreement" in response.json()
    assert _agreement_of(cohort) is None


@pytest.mark.parametrize("bad", ["abc", 2.5, 10**20, -1, [1], {"id": 1}])
def test_a_bad_agreement_id_answers_400(api, world, cohort, bad):
    response = api.as_user(world.trainer_a).patch(url(cohort), {"agreement": bad}, format="json")
    assert response.status_code == 400
    assert "agreement" in response.json()


def test_another_providers_cohort_is_404(api, world, agreement):
    theirs = factories.cohort(factories.programme(world.provider_b))
    response = api.as_user(world.trainer_a).patch(
        url(theirs), {"agreement": agreement.pk}, format="json"
    )
    assert response.status_code == 404
    assert _agreement_of(theirs) is None


@pytest.mark.parametrize("who", ["officer_a", "officer_b", "employer_a"])
def test_officers_and_employers_are_refused_403(api, world, cohort, agreement, who):
    response = api.as_user(getattr(world, who)).patch(
        url(cohort), {"agreement": agreement.pk}, format="json"
    )
    assert response.status_code == 403
    assert _agreement_of(cohort) is None


def test_an_empty_body_answers_400(api, world, cohort):
    response = api.as_user(world.trainer_a).patch(url(cohort), {}, format="json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_agreement_and_funding_together_and_all_or_nothing(api, world, cohort, agreement):
    client = api.as_user(world.trainer_a)
    body = {
        "agreement": agreement.pk,
        "funding": [
            {"source": "apbn", "budget": 48_000_000, "spent": 45_500_000, "seats": 12},
            {"source": "csr", "sponsor": world.company_a.pk, "budget": 16_000_000,
             "spent": 16_000_000, "seats": 4},
        ],
    }  # fmt: skip
    response = client.patch(url(cohort), body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["agreement"] == agreement.pk
    assert [line["source"] for line in response.json()["funding"]] == ["apbn", "csr"]
    lines = list(FundingLine.objects.filter(cohort=cohort).values_list("pk", flat=True))
    # The same body again (a retry) keeps the very same lines.
    assert client.patch(url(cohort), body, format="json").status_code == 200
    assert list(FundingLine.objects.filter(cohort=cohort).values_list("pk", flat=True)) == lines
    # A CSR line without its sponsor refuses the whole body: the unlink is not written.
    bad = {"agreement": None, "funding": [{"source": "csr", "budget": 1, "seats": 1}]}
    response = client.patch(url(cohort), bad, format="json")
    assert response.status_code == 400
    assert "sponsor" in str(response.json()["funding"])
    assert _agreement_of(cohort) == agreement.pk
    assert FundingLine.objects.filter(cohort=cohort).count() == 2
    # Negative amounts are refused too.
    negative = {"funding": [{"source": "apbn", "budget": -1, "seats": 1}]}
    assert client.patch(url(cohort), negative, format="json").status_code == 400
    # Funding alone leaves the agreement; replacing every line keeps only the new one.
    only = {"funding": [{"source": "apbd", "budget": 10_000_000, "spent": 0, "seats": 16}]}
    response = client.patch(url(cohort), only, format="json")
    assert response.status_code == 200
    assert response.json()["agreement"] == agreement.pk
    assert [line["source"] for line in response.json()["funding"]] == ["apbd"]
