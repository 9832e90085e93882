"""Follow-ups on the pages: the person's office or the placement's company records one
from the due list or the placement, under the API's rules (``placement_follow_up``)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from placements.models import FollowUp, Placement
from tests import factories
from trainees.timeline import timeline_for
from vokasi.dates import add_months

TODAY = timezone.localdate()


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def placement(world) -> Placement:
    """A's person, placed seven months ago at company A: both follow-ups are due."""
    started = add_months(TODAY, -7)
    person = factories.job_seeker(
        world.office_a, name="Rudi Hartono", registered_on=started - datetime.timedelta(days=40)
    )
    return Placement.objects.create(
        job_seeker=person,
        company=world.company_a,
        start_date=started,
        contract_type="pkwt",
        wage=5_200_000,
        source="self",
    )


def follow_up_url(placement) -> str:
    return reverse("placements:placement-follow-up", args=[placement.pk])


def answer(**changes) -> dict:
    body = {"checked_on": TODAY.isoformat(), "employed": "yes", "wage": "5400000"}
    body.update(changes)
    return body


@pytest.mark.parametrize("role", ["officer_a", "employer_a"])
def test_the_due_list_has_a_record_action_per_row_and_leads_back_to_itself(world, placement, role):
    client = client_of(getattr(world, role))
    due = client.get(reverse("placements:follow-ups-due") + "?months=6")
    html = due.content.decode()
    assert "Rudi Hartono" in html
    assert f'href="{follow_up_url(placement)}?next=%2Ffollow-ups%2Fdue%2F%3Fmonths%3D6"' in html
    assert f'href="{reverse("placements:placement-detail", args=[placement.pk])}"' in html
    form = client.get(follow_up_url(placement) + "?next=/follow-ups/due/?months=6")
    assert form.status_code == 200
    assert 'name="next" value="/follow-ups/due/?months=6"' in form.content.decode()
    response = client.post(follow_up_url(placement), answer(next="/follow-ups/due/?months=6"))
    assert (response.status_code, response.url) == (302, "/follow-ups/due/?months=6")
    follow_up = FollowUp.objects.get(placement=placement)
    assert (follow_up.checked_on, follow_up.employed, follow_up.wage) == (TODAY, True, 5_400_000)
    assert follow_up.recorded_by == getattr(world, role)
    assert follow_up_url(placement) not in client.get("/follow-ups/due/?months=6").content.decode()


def test_the_officer_reaches_the_person_the_company_only_the_placement(world, placement):
    person_url = reverse("trainees:job-seeker-detail", args=[placement.job_seeker_id])
    officer = client_of(world.officer_a).get("/follow-ups/due/?months=6").content.decode()
    company = client_of(world.employer_a).get("/follow-ups/due/?months=6").content.decode()
    assert f'href="{person_url}"' in officer
    assert f'href="{person_url}"' not in company


def test_the_admin_reads_the_due_list_without_actions(world, placement):
    html = client_of(world.admin).get("/follow-ups/due/?months=6").content.decode()
    assert "Rudi Hartono" in html and 'data-testid="record-follow-up"' not in html


def test_a_follow_up_from_the_placement_page_and_on_the_timeline(world, placement):
    officer = client_of(world.officer_a)
    detail = reverse("placements:placement-detail", args=[placement.pk])
    html = officer.get(detail).content.decode()
    assert 'data-testid="follow-up-form"' in html and follow_up_url(placement) in html
    response = officer.post(follow_up_url(placement), answer(employed="no", wage=""))
    assert (response.status_code, response.url) == (302, detail)
    assert FollowUp.objects.get(placement=placement).employed is False
    stages = [event.stage for event in timeline_for(placement.job_seeker)]
    assert "follow_up" in stages
    page = officer.get(reverse("trainees:job-seeker-detail", args=[placement.job_seeker_id]))
    assert "stage-follow_up" in page.content.decode()


def test_the_placement_list_links_each_placement(world, placement):
    html = client_of(world.employer_a).get(reverse("placements:placement-list")).content.decode()
    assert reverse("placements:placement-detail", args=[placement.pk]) in html


@pytest.mark.parametrize(
    ("changes", "field_message"),
    [
        ({"checked_on": "2020-01-01"}, "before the start date"),
        ({"checked_on": (TODAY + datetime.timedelta(days=2)).isoformat()}, "in the future"),
        ({"employed": "no", "wage": "5000000"}, "only when the person is still employed"),
    ],
)
def test_the_services_rules_show_on_the_form(world, placement, changes, field_message):
    client = client_of(world.officer_a)
    client.cookies["django_language"] = "en"
    response = client.post(follow_up_url(placement), answer(**changes), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert not FollowUp.objects.filter(placement=placement).exists()


def test_one_check_a_day(world, placement):
    officer = client_of(world.officer_a)
    officer.post(follow_up_url(placement), answer())
    again = officer.post(follow_up_url(placement), answer())
    assert again.status_code == 302  # the same answer: the recorded one stands
    different = officer.post(follow_up_url(placement), answer(employed="no", wage=""))
    assert different.status_code == 409
    assert "errorlist" in different.content.decode()
    assert FollowUp.objects.filter(placement=placement).count() == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"checked_on": "abc"},
        {"checked_on": "2026-13-01"},
        {"checked_on": ""},
        {"employed": "maybe"},
        {"employed": ""},
        {"wage": "abc"},
        {"wage": "2.421"},
        {"wage": "-5"},
        {"wage": "99999999999999999999"},
    ],
)
def test_tampered_input_answers_400_and_writes_nothing(world, placement, changes):
    response = client_of(world.employer_a).post(follow_up_url(placement), answer(**changes))
    assert response.status_code == 400
    assert not FollowUp.objects.filter(placement=placement).exists()


def test_a_next_address_elsewhere_is_not_followed(world, placement):
    response = client_of(world.officer_a).post(
        follow_up_url(placement), answer(next="https://example.com/phish")
    )
    assert response.url == reverse("placements:placement-detail", args=[placement.pk])


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [
        ("officer_b", 404, 404),
        ("employer_b", 404, 404),
        ("trainer_a", 403, 403),
        ("trainer_b", 403, 403),
        ("admin", 200, 403),
    ],
)
def test_only_the_persons_office_and_the_company_record_follow_ups(
    world, placement, role, read, write
):
    client = client_of(getattr(world, role))
    detail = reverse("placements:placement-detail", args=[placement.pk])
    assert client.get(detail).status_code == read
    assert client.get(follow_up_url(placement)).status_code == write
    assert client.post(follow_up_url(placement), answer()).status_code == write
    assert not FollowUp.objects.filter(placement=placement).exists()
