"""Scholarships under an agreement: recorded on the agreement's page and through
``GET, POST /api/v1/agreements/{id}/scholarships/`` by the officers who manage it (and
admins), read by its parties, counted in its realisation; bad input is a 400 and writes
nothing, a retry never duplicates."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from reports import agreements as me
from tests import factories
from trainees.models import Scholarship

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def agreement(world):
    return factories.agreement(
        world.office_a,
        providers=[world.provider_a],
        companies=[world.company_a],
        targets={
            "scholarship": {"scholarships": 4},
            "training": {"amount": 100_000_000},
        },
    )


def url(agreement) -> str:
    return f"/api/v1/agreements/{agreement.pk}/scholarships/"


def body(**kw) -> dict:
    data = {
        "recipient_name": "Siti Nurhaliza",
        "institution": "Poltekkes Kemenkes Banten",
        "study_programme": "D3 Keperawatan",
        "awarded_on": (TODAY - datetime.timedelta(days=3)).isoformat(),
        "amount": 12_000_000,
        "status": "awarded",
    }
    data.update(kw)
    return data


def realised(agreement) -> dict:
    found = me.events([agreement.pk], ["scholarships", "amount"])
    return {m: found.count(agreement.pk, m) for m in ("scholarships", "amount")}


def test_an_officer_records_one_and_the_realisation_counts_it(api, world, agreement):
    assert realised(agreement) == {"scholarships": 0, "amount": 0}
    response = api.as_user(world.officer_a).post(url(agreement), body(), format="json")
    assert response.status_code == 201, response.json()
    answer = response.json()
    assert answer["agreement"] == agreement.pk
    assert answer["recipient_name"] == "Siti Nurhaliza"
    assert answer["amount"] == 12_000_000
    assert realised(agreement) == {"scholarships": 1, "amount": 12_000_000}
    # The agreement's own answer shows it.
    got = api.as_user(world.officer_a).get(f"/api/v1/agreements/{agreement.pk}/").json()
    values = {(r["item"], r["measure"]): r["value"] for r in got["realised"]}
    assert values[("scholarship", "scholarships")] == 1
    assert values[("training", "amount")] == 12_000_000


def test_a_registered_job_seeker_is_named_as_registered(api, world, agreement):
    person = factories.job_seeker(world.office_a)
    response = api.as_user(world.officer_a).post(
        url(agreement), body(recipient_name="", job_seeker=person.pk), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["recipient_name"] == person.name
    assert response.json()["job_seeker"] == person.pk
    # Another office's job seeker cannot be named.
    stranger = factories.job_seeker(world.office_b)
    response = api.as_user(world.officer_a).post(
        url(agreement), body(recipient_name="", job_seeker=stranger.pk), format="json"
    )
    assert response.status_code == 400
    assert "job_seeker" in response.json()


def test_the_same_scholarship_again_is_answered_not_duplicated(api, world, agreement):
    client = api.as_user(world.officer_a)
    first = client.post(url(agreement), body(), format="json")
    again = client.post(url(agreement), body(), format="json")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    changed = client.post(url(agreement), body(amount=15_000_000), format="json")
    assert changed.status_code == 409
    assert changed.json()["existing_id"] == first.json()["id"]
    assert Scholarship.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": -1}, "amount"),
        ({"amount": "abc"}, "amount"),
        ({"amount": 2.5}, "amount"),
        ({"amount": 10**20}, "amount"),
        ({"recipient_name": ""}, "recipient_name"),
        ({"institution": ""}, "institution"),
        ({"status": "lost"}, "status"),
        ({"awarded_on": "2026-13-45"}, "awarded_on"),
        ({"awarded_on": (TODAY + datetime.timedelta(days=2)).isoformat()}, "awarded_on"),
        ({"awarded_on": "2001-01-01"}, "awarded_on"),
        ({"job_seeker": "abc", "recipient_name": ""}, "job_seeker"),
    ],
)
def test_bad_input_answers_400_and_writes_nothing(api, world, agreement, change, field):
    response = api.as_user(world.officer_a).post(url(agreement), body(**change), format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Scholarship.objects.exists()


def test_an_agreement_without_scholarships_in_its_scope_refuses(api, world):
    other = factories.agreement(world.office_a, providers=[world.provider_a])
    response = api.as_user(world.officer_a).post(url(other), body(), format="json")
    assert response.status_code == 400
    assert "agreement" in response.json()
    assert not Scholarship.objects.exists()


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("officer_a", 200, 201),
        ("admin", 200, 201),
        ("trainer_a", 200, 403),
        ("employer_a", 200, 403),
        ("officer_b", 404, 404),
        ("trainer_b", 404, 403),
        ("employer_b", 404, 403),
    ],
)
def test_who_reads_and_who_records(api, world, agreement, who, read, write):
    client = api.as_user(getattr(world, who))
    assert client.post(url(agreement), body(), format="json").status_code == write
    listed = client.get(url(agreement))
    assert listed.status_code == read
    if read == 200:
        assert listed.json()["count"] == (1 if write == 201 else 0)


def test_the_page_records_one_and_the_agreement_page_lists_it(client, world, agreement):
    client.force_login(world.officer_a)
    page = f"/agreements/{agreement.pk}/scholarships/new/"
    assert client.get(page).status_code == 200
    data = body(amount="12000000")
    response = client.post(page, data)
    assert response.status_code == 302
    assert response.url == f"/agreements/{agreement.pk}/"
    detail = client.get(response.url)
    assert detail.status_code == 200
    assert "Siti Nurhaliza" in detail.content.decode()
    assert realised(agreement)["scholarships"] == 1


@pytest.mark.parametrize(
    "change",
    [
        {"amount": "abc"},
        {"amount": "2.421"},
        {"amount": "-5"},
        {"amount": "99999999999999999999999"},
        {"recipient_name": ""},
        {"job_seeker": "AKI-NOT-THERE", "recipient_name": ""},
        {"awarded_on": "kemarin"},
    ],
)
def test_bad_page_input_answers_400_with_the_page(client, world, agreement, change):
    client.force_login(world.officer_a)
    response = client.post(f"/agreements/{agreement.pk}/scholarships/new/", body(**change))
    assert response.status_code == 400
    assert not Scholarship.objects.exists()
