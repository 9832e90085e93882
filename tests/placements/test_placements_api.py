"""Placements, follow-ups, apprenticeships and their finish."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from placements.models import Apprenticeship, FollowUp, Placement
from tests import factories
from trainees.models import JobSeeker

TODAY = timezone.localdate()


@pytest.fixture
def placement_a(world, vacancy_a, person_a):
    return factories.placement(vacancy_a, person_a)


def test_employer_lists_its_placements_without_personal_identifiers(
    world, api, placement_a, vacancy_b
):
    factories.placement(vacancy_b, factories.job_seeker(world.office_a))
    body = api.as_user(world.employer_a).get("/api/v1/placements/").json()
    assert [p["id"] for p in body["results"]] == [placement_a.pk]
    item = body["results"][0]
    assert item["person"]["name"] == "Siti Nuraini"
    assert item["person"]["ref"].startswith("c-")
    assert placement_a.job_seeker.nik not in str(body)


@pytest.mark.parametrize("size", [1, 20])
def test_placement_and_apprenticeship_lists_run_a_bounded_number_of_queries(
    world, api, vacancy_a, django_assert_max_num_queries, size
):
    for _ in range(size):
        placement = factories.placement(vacancy_a, factories.job_seeker(world.office_a))
        FollowUp.objects.create(placement=placement, checked_on=TODAY, employed=True)
        factories.apprenticeship(vacancy_a, factories.job_seeker(world.office_a))
    client = api.as_user(world.employer_a)
    with django_assert_max_num_queries(4):
        assert len(client.get("/api/v1/placements/?page_size=1000").json()["results"]) == size
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/v1/apprenticeships/?page_size=1000").json()["results"]) == size


def test_a_follow_up_records_whether_the_person_is_still_employed(world, api, placement_a):
    url = f"/api/v1/placements/{placement_a.pk}/follow-ups/"
    body = {"checked_on": TODAY.isoformat(), "employed": True, "wage": 5_300_000}
    client = api.as_user(world.employer_a)
    response = client.post(url, body, format="json")
    assert response.status_code == 201, response.data
    follow_up = FollowUp.objects.get(placement=placement_a)
    assert (follow_up.employed, follow_up.wage, follow_up.recorded_by) == (
        True,
        5_300_000,
        world.employer_a,
    )
    assert client.post(url, body, format="json").status_code == 200  # a retry
    response = client.post(url, {**body, "employed": False, "wage": None}, format="json")
    assert response.status_code == 409
    assert response.json()["existing_id"] == follow_up.pk
    detail = client.get(f"/api/v1/placements/{placement_a.pk}/").json()
    assert detail["follow_ups"][0]["checked_on"] == TODAY.isoformat()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"checked_on": "2000-01-01", "employed": True}, "checked_on"),
        (
            {"checked_on": (TODAY + datetime.timedelta(days=1)).isoformat(), "employed": True},
            "checked_on",
        ),
        ({"checked_on": TODAY.isoformat()}, "employed"),
        ({"employed": True}, "checked_on"),
        ({"checked_on": TODAY.isoformat(), "employed": "perhaps"}, "employed"),
        ({"checked_on": TODAY.isoformat(), "employed": False, "wage": 100}, "wage"),
        ({"checked_on": TODAY.isoformat(), "employed": True, "wage": -1}, "wage"),
    ],
)
def test_a_bad_follow_up_is_refused(world, api, placement_a, body, field):
    response = api.as_user(world.employer_a).post(
        f"/api/v1/placements/{placement_a.pk}/follow-ups/", body, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_an_officer_of_the_persons_office_may_record_a_follow_up(world, api, placement_a):
    response = api.as_user(world.officer_a).post(
        f"/api/v1/placements/{placement_a.pk}/follow-ups/",
        {"checked_on": TODAY.isoformat(), "employed": False},
        format="json",
    )
    assert response.status_code == 201


@pytest.fixture
def apprenticeship_a(world, vacancy_a, person_a):
    return factories.apprenticeship(vacancy_a, person_a)


def finish_url(apprenticeship) -> str:
    return f"/api/v1/apprenticeships/{apprenticeship.pk}/finish/"


def test_a_completed_apprenticeship_followed_by_a_hire_creates_a_placement(
    world, api, apprenticeship_a
):
    response = api.as_user(world.employer_a).post(
        finish_url(apprenticeship_a),
        {"outcome": "completed", "hired": True, "finished_on": TODAY.isoformat()},
        format="json",
    )
    assert response.status_code == 200, response.data
    apprenticeship_a.refresh_from_db()
    assert (apprenticeship_a.status, apprenticeship_a.hired, apprenticeship_a.finished_on) == (
        "completed",
        True,
        TODAY,
    )
    placement = Placement.objects.get(apprenticeship=apprenticeship_a)
    assert response.json()["placement"] == placement.pk
    assert placement.source == "apprenticeship"
    assert placement.start_date == TODAY + datetime.timedelta(days=1)
    assert placement.wage == apprenticeship_a.vacancy.wage_min
    person = JobSeeker.objects.get(pk=apprenticeship_a.job_seeker_id)
    assert (person.status, person.end_reason) == ("placed", "placed")


def test_a_dropped_apprenticeship_without_hire_creates_nothing(world, api, apprenticeship_a):
    response = api.as_user(world.employer_a).post(
        finish_url(apprenticeship_a),
        {"outcome": "dropped", "hired": False, "finished_on": TODAY.isoformat()},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "dropped"
    assert not Placement.objects.exists()
    assert JobSeeker.objects.get(pk=apprenticeship_a.job_seeker_id).status == "active"


def test_an_apprenticeship_ends_once(world, api, apprenticeship_a):
    client = api.as_user(world.employer_a)
    body = {"outcome": "dropped", "hired": False, "finished_on": TODAY.isoformat()}
    assert client.post(finish_url(apprenticeship_a), body, format="json").status_code == 200
    assert client.post(finish_url(apprenticeship_a), body, format="json").status_code == 409


def test_an_apprenticeship_awaiting_approval_cannot_finish(world, api, vacancy_a, person_a):
    proposed = factories.apprenticeship(vacancy_a, person_a, status="proposed", approved_on=None)
    response = api.as_user(world.employer_a).post(
        finish_url(proposed),
        {"outcome": "completed", "hired": False, "finished_on": TODAY.isoformat()},
        format="json",
    )
    assert response.status_code == 409
    assert Apprenticeship.objects.get(pk=proposed.pk).status == "proposed"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"outcome": "graduated", "hired": False, "finished_on": TODAY.isoformat()}, "outcome"),
        ({"outcome": "completed", "finished_on": TODAY.isoformat()}, "hired"),
        ({"outcome": "completed", "hired": False}, "finished_on"),
        ({"outcome": "completed", "hired": False, "finished_on": "2000-01-01"}, "finished_on"),
        (
            {
                "outcome": "completed",
                "hired": False,
                "finished_on": (TODAY + datetime.timedelta(days=3)).isoformat(),
            },
            "finished_on",
        ),
    ],
)
def test_a_bad_finish_is_refused(world, api, apprenticeship_a, body, field):
    response = api.as_user(world.employer_a).post(finish_url(apprenticeship_a), body, format="json")
    assert response.status_code == 400
    assert field in response.json()
