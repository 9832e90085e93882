"""Every way a person is hired creates exactly one placement and ends the registration the
same way (placed, on the start date, no report back due), through one service
(``placement_create``); repeating the request creates no second one.

The ways: a company's decision on a referral (API and page), the office recording a job
the person found (API and page), a company hiring its apprentice (API and page), and the
end page, where *placed* leads to recording the job. Ending a registration as placed
without a placement is refused (it once left "ditempatkan" people no placement table,
outcome or funnel knew).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from placements.models import Apprenticeship, Placement
from placements.services.placements import placement_create, placement_record
from tests import factories
from tests.placements.invariants import assert_every_placed_registration_has_a_placement
from trainees.models import JobSeeker
from trainees.services.registration import job_seeker_end, job_seeker_end_placed
from vokasi.errors import Conflict

TODAY = timezone.localdate()
LATER = TODAY + datetime.timedelta(days=10)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def registration(person) -> tuple:
    fresh = JobSeeker.objects.get(pk=person.pk)
    return fresh.status, fresh.end_reason, fresh.ended_on, fresh.next_report_due


def placed_on(day) -> tuple:
    return ("placed", "placed", day, None)


@pytest.fixture
def person(world):
    return factories.job_seeker(world.office_a)


@pytest.fixture
def job(world):
    return factories.vacancy(world.company_a, openings=3)


@pytest.fixture
def apprenticeship(world, person):
    vacancy = factories.vacancy(
        world.company_a, kind="apprenticeship", employment_type="magang", duration_months=6
    )
    return factories.apprenticeship(vacancy, person)


# --------------------------------------------------------- a company decides on a referral


def decide_by_api(world, api, referral):
    body = {"decision": "hired", "start_date": LATER.isoformat(), "wage": 5_400_000}
    return api.as_user(world.employer_a).post(
        f"/api/v1/referrals/{referral.pk}/decision/", body, format="json"
    )


def decide_on_the_page(world, referral):
    body = {"decision": "hired", "start_date": LATER.isoformat(), "wage": "5400000"}
    return client_of(world.employer_a).post(
        reverse("placements:referral-decide", args=[referral.pk]), body
    )


def test_hiring_a_referred_person_through_the_api_creates_one_placement(world, api, person, job):
    referral = factories.referral(job, person)
    assert decide_by_api(world, api, referral).status_code == 200
    assert decide_by_api(world, api, referral).status_code == 400  # hired is final
    placement = Placement.objects.get(job_seeker=person)
    assert (placement.referral, placement.source, placement.start_date) == (
        referral,
        "referral",
        LATER,
    )
    assert registration(person) == placed_on(LATER)
    job.refresh_from_db()
    assert job.filled == 1


def test_hiring_a_referred_person_on_the_page_creates_one_placement(world, person, job):
    referral = factories.referral(job, person)
    decide_on_the_page(world, referral)
    decide_on_the_page(world, referral)
    placement = Placement.objects.get(job_seeker=person)
    assert (placement.referral, placement.source) == (referral, "referral")
    assert registration(person) == placed_on(LATER)


def test_a_hire_after_the_registration_ended_is_recorded_and_leaves_the_end(
    world, api, person, job
):
    referral = factories.referral(job, person)
    job_seeker_end(job_seeker=person, reason="moved", ended_on=TODAY)
    assert decide_by_api(world, api, referral).status_code == 200
    assert Placement.objects.filter(job_seeker=person).count() == 1
    assert registration(person) == ("removed", "moved", TODAY, None)


# ------------------------------------------------ the office records a job the person found


def found_job(**changes) -> dict:
    body = {
        "company": "",
        "company_name": "CV Bengkel Sendiri",
        "start_date": LATER.isoformat(),
        "occupation": "7212",
        "contract_type": "pkwt",
        "wage": "4900000",
        "channel": "akl",
    }
    body.update(changes)
    return body


def test_recording_a_found_job_on_the_page_creates_one_placement(world, person):
    officer = client_of(world.officer_a)
    url = reverse("placements:placement-record", args=[person.pk])
    assert officer.post(url, found_job()).status_code == 302
    assert officer.post(url, found_job()).status_code == 302  # ended: back to the person
    placement = Placement.objects.get(job_seeker=person)
    assert (placement.source, placement.company_name) == ("self", "CV Bengkel Sendiri")
    assert registration(person) == placed_on(LATER)


def test_recording_a_found_job_through_the_api_creates_one_placement(world, api, person):
    body = {**found_job(), "job_seeker": person.pk, "wage": 4_900_000}
    del body["company"]
    client = api.as_user(world.officer_a)
    first = client.post("/api/v1/placements/", body, format="json")
    assert first.status_code == 201, first.json()
    again = client.post("/api/v1/placements/", body, format="json")
    assert again.status_code == 409
    assert again.json()["existing_id"] == first.json()["id"]
    assert Placement.objects.filter(job_seeker=person).count() == 1
    assert registration(person) == placed_on(LATER)


# -------------------------------------------------------------- a company hires its apprentice


def finish(**changes) -> dict:
    body = {"outcome": "completed", "hired": True, "finished_on": TODAY.isoformat()}
    body.update(changes)
    return body


def test_hiring_an_apprentice_through_the_api_creates_one_placement(
    world, api, person, apprenticeship
):
    client = api.as_user(world.employer_a)
    url = f"/api/v1/apprenticeships/{apprenticeship.pk}/finish/"
    assert client.post(url, finish(), format="json").status_code == 200
    assert client.post(url, finish(), format="json").status_code == 409
    placement = Placement.objects.get(job_seeker=person)
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert (placement.apprenticeship, placement.source, placement.start_date) == (
        apprenticeship,
        "apprenticeship",
        tomorrow,
    )
    assert registration(person) == placed_on(tomorrow)


def test_hiring_an_apprentice_on_the_page_creates_one_placement(world, person, apprenticeship):
    company = client_of(world.employer_a)
    url = reverse("placements:apprenticeship-finish", args=[apprenticeship.pk])
    body = {**finish(hired="yes"), "contract_type": "pkwt", "wage": ""}
    assert company.post(url, body).status_code == 302
    assert company.post(url, body).status_code == 400
    placement = Placement.objects.get(job_seeker=person)
    assert placement.apprenticeship == apprenticeship
    assert registration(person) == placed_on(TODAY + datetime.timedelta(days=1))


# --------------------------------------------------------- the end page, reason "placed"


def test_ending_as_placed_on_the_end_page_records_the_job_and_one_placement(world, person):
    officer = client_of(world.officer_a)
    end_url = reverse("trainees:job-seeker-end", args=[person.pk])
    chosen = officer.post(end_url, {"reason": "placed", "ended_on": TODAY.isoformat()})
    assert chosen.status_code == 302
    assert registration(person)[0] == "active"  # nothing ends before the job is known
    assert officer.post(chosen.url, found_job()).status_code == 302
    assert officer.post(chosen.url, found_job()).status_code == 302
    assert Placement.objects.filter(job_seeker=person).count() == 1
    assert registration(person) == placed_on(LATER)
    assert_every_placed_registration_has_a_placement()


def test_only_a_saved_placement_of_the_person_ends_the_registration_as_placed(world, person):
    other = factories.job_seeker(world.office_a)
    elsewhere = factories.placement_at(other, world.company_a)
    for placement in (Placement(job_seeker=person, start_date=TODAY), elsewhere):
        with pytest.raises(ValueError):
            job_seeker_end_placed(job_seeker=person, placement=placement)
    assert registration(person)[0] == "active"


# ------------------------------------------------------------------------- the one service


def test_one_placement_per_hire_whoever_asks_twice(world, person, job, apprenticeship):
    referral = factories.referral(job, person)
    common = {"job_seeker": person, "contract_type": "pkwt", "wage": 5_000_000, "by": None}
    first = placement_create(
        **common, source="referral", company=world.company_a, referral=referral, start_date=TODAY
    )
    with pytest.raises(Conflict) as conflict:
        placement_create(
            **common,
            source="referral",
            company=world.company_a,
            referral=referral,
            start_date=TODAY,
        )
    assert conflict.value.existing_id == first.pk
    # Another hire of the same person is a placement of its own; the registration that
    # already ended as placed stays as it ended.
    Apprenticeship.objects.filter(pk=apprenticeship.pk).update(
        status="completed", finished_on=TODAY, hired=True
    )
    placement_create(
        **common,
        source="apprenticeship",
        company=world.company_a,
        apprenticeship=apprenticeship,
        start_date=LATER,
    )
    with pytest.raises(Conflict):
        placement_record(
            job_seeker=person,
            company_name="CV Lain",
            start_date=TODAY,
            contract_type="pkwt",
            wage=4_000_000,
            by=world.officer_a,
        )
    assert Placement.objects.filter(job_seeker=person).count() == 2
    assert registration(person) == placed_on(TODAY)


def test_a_placement_starting_before_the_registration_ends_it_on_the_registration_day(
    world, person
):
    early = person.registered_on - datetime.timedelta(days=5)
    placement_create(
        job_seeker=person,
        source="self",
        company=world.company_b,
        start_date=early,
        contract_type="pkwtt",
        wage=5_000_000,
        by=None,
    )
    assert registration(person) == placed_on(person.registered_on)


def test_the_admin_cannot_end_a_registration_by_editing_its_status(world, person):
    admin = client_of(world.admin)
    url = reverse("admin:trainees_jobseeker_change", args=[person.pk])
    page = admin.get(url).content.decode()
    for field in ("status", "end_reason", "ended_on"):
        assert f'name="{field}"' not in page


def test_placement_create_is_the_only_writer_of_placements():
    # The issue this closes: three writers, and a fourth path that forgot the placement.
    root = Path(__file__).resolve().parents[2]
    writer = re.compile(r"\bPlacement\((?!models\.Model)|Placement\.objects\.(bulk_)?create")
    found = [
        str(path.relative_to(root))
        for app in ("vokasi", "trainees", "placements", "reports")
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts
        and "demo" not in path.parts  # seed_demo writes its generated history in bulk
        and writer.search(path.read_text())
    ]
    assert found == ["placements/services/placements.py"]
