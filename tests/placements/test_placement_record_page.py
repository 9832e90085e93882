"""The officer records a job a person found themself: the placement, and the
registration ended as placed, both by ``placement_record`` (the API's service)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from placements.models import Placement
from tests import factories
from tests.placements.invariants import assert_every_placed_registration_has_a_placement
from trainees.models import JobSeeker

TODAY = timezone.localdate()


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def officer(world):
    return client_of(world.officer_a)


@pytest.fixture
def person(world):
    return factories.job_seeker(world.office_a)


def record_url(person) -> str:
    return reverse("placements:placement-record", args=[person.pk])


def job(**changes) -> dict:
    body = {
        "company": "",
        "company_name": "",
        "start_date": TODAY.isoformat(),
        "occupation": "7212",
        "contract_type": "pkwt",
        "wage": "5200000",
        "channel": "akl",
    }
    body.update(changes)
    return body


def nothing_written(person) -> bool:
    fresh = JobSeeker.objects.get(pk=person.pk)
    return fresh.status == "active" and not Placement.objects.filter(job_seeker=person).exists()


def test_the_page_asks_for_company_start_wage_occupation_and_contract(officer, person):
    response = officer.get(record_url(person))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("company", "company_name", "start_date", "occupation", "contract_type", "wage"):
        assert f'name="{name}"' in html
    assert 'data-testid="placement-record-form"' in html


def test_a_job_at_a_registered_company_is_recorded_and_the_registration_ends_as_placed(
    officer, person, world
):
    start = TODAY - datetime.timedelta(days=3)
    response = officer.post(
        record_url(person), job(company=world.company_a.pk, start_date=start.isoformat())
    )
    assert response.status_code == 302
    assert response.url == reverse("trainees:job-seeker-detail", args=[person.pk])
    placement = Placement.objects.get(job_seeker=person)
    assert (placement.company, placement.company_name, placement.occupation_id) == (
        world.company_a,
        "",
        "7212",
    )
    assert (placement.source, placement.wage, placement.recorded_by) == (
        "self",
        5_200_000,
        world.officer_a,
    )
    person.refresh_from_db()
    assert (person.status, person.end_reason, person.ended_on) == ("placed", "placed", start)
    assert_every_placed_registration_has_a_placement()


def test_a_company_not_in_the_register_is_recorded_by_its_typed_name(officer, person):
    response = officer.post(record_url(person), job(company_name="  CV Bengkel   Las Maju "))
    assert response.status_code == 302
    placement = Placement.objects.get(job_seeker=person)
    assert (placement.company, placement.company_name) == (None, "CV Bengkel Las Maju")
    assert placement.employer_name == "CV Bengkel Las Maju"
    assert_every_placed_registration_has_a_placement()
    # The person's page, the placement and the reports take a job with no registered company.
    detail = officer.get(reverse("trainees:job-seeker-detail", args=[person.pk]))
    assert "CV Bengkel Las Maju" in detail.content.decode()
    page = officer.get(reverse("placements:placement-detail", args=[placement.pk]))
    assert "CV Bengkel Las Maju" in page.content.decode()
    assert officer.get(reverse("placements:placement-list")).status_code == 200
    for url in (
        f"/reports/ipk/?year={TODAY.year}&month={TODAY.month}",
        "/reports/link-and-match/?by=sector",
        "/reports/outcomes/",
        "/reports/funnel/",
    ):
        assert officer.get(url).status_code == 200, url


def test_a_typed_name_that_is_a_registered_company_is_that_company(officer, person, world):
    officer.post(record_url(person), job(company_name=world.company_a.name.upper()))
    placement = Placement.objects.get(job_seeker=person)
    assert (placement.company, placement.company_name) == (world.company_a, "")


@pytest.mark.parametrize(
    "changes",
    [
        {},  # neither a company nor a name
        {"company": "COMPANY_A", "company_name": "CV Lain"},  # both
        {"company": "999999999"},
        {"company": "abc"},
        {"company_name": "x" * 161},
        {"company_name": "CV A", "wage": "abc"},
        {"company_name": "CV A", "wage": "2.421"},
        {"company_name": "CV A", "wage": "-1"},
        {"company_name": "CV A", "wage": "99999999999999999999"},
        {"company_name": "CV A", "wage": ""},
        {"company_name": "CV A", "occupation": "7"},  # a major group, not an occupation
        {"company_name": "CV A", "occupation": "abc"},
        {"company_name": "CV A", "contract_type": "forever"},
        {"company_name": "CV A", "contract_type": ""},
        {"company_name": "CV A", "channel": "mars"},
        {"company_name": "CV A", "start_date": "2026-02-30"},
        {"company_name": "CV A", "start_date": "1990-01-01"},  # before the registration
        {"company_name": "CV A", "start_date": (TODAY + datetime.timedelta(days=120)).isoformat()},
    ],
)
def test_tampered_input_answers_400_and_writes_nothing(officer, person, world, changes):
    if changes.get("company") == "COMPANY_A":
        changes["company"] = world.company_a.pk
    response = officer.post(record_url(person), job(**changes))
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert nothing_written(person)


def test_a_person_already_placed_is_sent_back_with_a_message(officer, person, world):
    officer.post(record_url(person), job(company=world.company_a.pk))
    response = officer.post(record_url(person), job(company=world.company_b.pk), follow=True)
    assert response.redirect_chain[0][0] == reverse("trainees:job-seeker-detail", args=[person.pk])
    assert Placement.objects.filter(job_seeker=person).count() == 1


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("officer_b", 404),
        ("trainer_a", 403),
        ("trainer_b", 403),
        ("employer_a", 403),
        ("admin", 403),
    ],
)
def test_only_an_officer_of_the_persons_office_records_the_job(world, person, role, status):
    client = client_of(getattr(world, role))
    assert client.get(record_url(person)).status_code == status
    assert client.post(record_url(person), job(company=world.company_a.pk)).status_code == status
    assert nothing_written(person)


def test_the_api_takes_the_same_typed_name_under_the_same_rule(api, world, person):
    api.as_user(world.officer_a)
    body = {
        "job_seeker": person.pk,
        "company_name": "CV Bengkel Las Maju",
        "occupation": "7212",
        "start_date": TODAY.isoformat(),
        "contract_type": "pkwt",
        "wage": 4_800_000,
    }
    both = api.post("/api/v1/placements/", {**body, "company": world.company_a.pk}, format="json")
    assert both.status_code == 400 and "company_name" in both.json()
    assert nothing_written(person)
    answer = api.post("/api/v1/placements/", body, format="json")
    assert answer.status_code == 201, answer.json()
    data = answer.json()
    assert (data["company"], data["company_name"], data["occupation"]) == (
        None,
        "CV Bengkel Las Maju",
        "7212",
    )
    assert_every_placed_registration_has_a_placement()
