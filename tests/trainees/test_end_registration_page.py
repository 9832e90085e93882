"""Ending a registration: an explicit reason, a page that says what ending means, and
*placed* only through recording the job (regression: one click once ended a
registration as placed, by default, with no placement)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.placements.invariants import assert_every_placed_registration_has_a_placement
from trainees.forms.job_seekers import EndRegistrationForm
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


def end_url(person) -> str:
    return reverse("trainees:job-seeker-end", args=[person.pk])


def unchanged(person) -> bool:
    fresh = JobSeeker.objects.get(pk=person.pk)
    return (fresh.status, fresh.end_reason, fresh.ended_on) == ("active", "", None)


def test_the_end_form_proposes_no_reason():
    # A select would submit its first option, "placed", unless changed: radios, none ticked.
    widget = str(EndRegistrationForm()["reason"])
    assert 'type="radio"' in widget and "<select" not in widget and "checked" not in widget
    assert not EndRegistrationForm({"ended_on": TODAY.isoformat()}).is_valid()


def test_the_person_page_ends_nothing_itself_it_links_to_the_end_page(officer, person):
    html = officer.get(reverse("trainees:job-seeker-detail", args=[person.pk])).content.decode()
    assert f'href="{end_url(person)}"' in html
    assert f'href="{reverse("placements:placement-record", args=[person.pk])}"' in html
    assert 'name="reason"' not in html


def test_the_end_page_says_what_ending_means_before_anything_is_written(officer, person):
    response = officer.get(end_url(person))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="end-form"' in html and 'data-testid="confirm-end"' in html
    assert reverse("placements:placement-record", args=[person.pk]) in html
    assert "checked" not in html.split('data-testid="end-form"')[1].split("</form>")[0]
    assert unchanged(person)


def test_posting_placed_ends_nothing_and_leads_to_recording_the_job(officer, person):
    response = officer.post(end_url(person), {"reason": "placed", "ended_on": TODAY.isoformat()})
    assert response.status_code == 302
    assert response.url == reverse("placements:placement-record", args=[person.pk])
    assert unchanged(person)
    assert_every_placed_registration_has_a_placement()


def test_choosing_placed_on_the_end_page_leads_to_recording_the_job(officer, person):
    response = officer.get(end_url(person) + "?reason=placed")
    assert response.status_code == 302
    assert response.url == reverse("placements:placement-record", args=[person.pk])
    assert unchanged(person)


def test_without_a_reason_nothing_ends(officer, person):
    response = officer.post(end_url(person), {"ended_on": TODAY.isoformat()})
    assert response.status_code == 400
    assert 'data-testid="end-form"' in response.content.decode()
    assert unchanged(person)


@pytest.mark.parametrize(
    "body",
    [
        {"reason": "expired", "ended_on": TODAY.isoformat()},  # the daily task's, not a page's
        {"reason": "abc", "ended_on": TODAY.isoformat()},
        {"reason": "moved", "ended_on": "abc"},
        {"reason": "moved", "ended_on": "2026-13-45"},
        {"reason": "moved", "ended_on": (TODAY + datetime.timedelta(days=3)).isoformat()},
        {"reason": "moved", "ended_on": "1990-01-01"},  # before the registration
    ],
)
def test_tampered_input_ends_nothing(officer, person, body):
    response = officer.post(end_url(person), body)
    assert response.status_code == 400
    assert unchanged(person)


def test_another_reason_ends_the_registration_after_confirming(officer, person):
    response = officer.post(end_url(person), {"reason": "moved", "ended_on": TODAY.isoformat()})
    assert response.status_code == 302
    assert response.url == reverse("trainees:job-seeker-detail", args=[person.pk])
    person.refresh_from_db()
    assert (person.status, person.end_reason, person.ended_on) == ("removed", "moved", TODAY)


def test_an_ended_registration_cannot_end_again(officer, person):
    officer.post(end_url(person), {"reason": "moved", "ended_on": TODAY.isoformat()})
    for response in (
        officer.get(end_url(person)),
        officer.post(end_url(person), {"reason": "deceased", "ended_on": TODAY.isoformat()}),
    ):
        assert response.status_code == 302
    person.refresh_from_db()
    assert person.end_reason == "moved"


@pytest.mark.parametrize(
    ("role", "status"),
    [("officer_b", 404), ("trainer_a", 403), ("employer_a", 403), ("admin", 403)],
)
def test_only_the_persons_office_ends_a_registration(world, person, role, status):
    client = client_of(getattr(world, role))
    assert client.get(end_url(person)).status_code == status
    body = {"reason": "moved", "ended_on": TODAY.isoformat()}
    assert client.post(end_url(person), body).status_code == status
    assert unchanged(person)
