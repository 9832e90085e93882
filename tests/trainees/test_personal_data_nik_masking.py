"""The whole NIK only for an officer of the owning office who opens the record."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from trainees.models import mask_nik


@pytest.fixture
def person(world):
    return factories.job_seeker(world.office_a, name="Siti Aminah")


def test_the_mask_keeps_region_and_serial_only():
    assert mask_nik("3672046108990001") == "3672********0001"


def test_the_officer_of_the_office_sees_the_whole_nik_on_the_persons_page_and_card(
    world, client, person
):
    client.force_login(world.officer_a)
    for name in ("trainees:job-seeker-detail", "trainees:job-seeker-card"):
        html = client.get(reverse(name, args=[person.pk])).content.decode()
        assert person.nik in html, name


def test_an_admin_sees_the_nik_masked_on_the_persons_page_and_card(world, client, person):
    client.force_login(world.admin)
    for name in ("trainees:job-seeker-detail", "trainees:job-seeker-card"):
        html = client.get(reverse(name, args=[person.pk])).content.decode()
        assert person.nik not in html, name
        assert person.masked_nik in html, name


def test_lists_show_the_nik_masked(world, client, person):
    twin = factories.job_seeker(
        world.office_a, name="Siti Aminah", birth_date=person.birth_date
    )  # a likely duplicate: same name and birth date, another NIK
    client.force_login(world.officer_a)
    for url in (
        reverse("trainees:job-seeker-list"),
        reverse("trainees:job-seeker-duplicates"),
        reverse("trainees:job-seeker-check") + f"?nik={person.nik[:8]}",
    ):
        html = client.get(url).content.decode()
        assert person.nik not in html and twin.nik not in html, url
        assert person.masked_nik in html, url


def test_the_cohort_roster_shows_the_nik_masked_to_the_provider_and_the_office(
    world, client, person
):
    cohort = factories.cohort(factories.programme(world.provider_a))
    factories.enrollment(cohort, person)
    for user in (world.trainer_a, world.officer_a, world.admin):
        client.force_login(user)
        html = client.get(reverse("trainees:cohort-detail", args=[cohort.pk])).content.decode()
        assert person.nik not in html, user
        assert person.masked_nik in html, user


def test_the_funnel_drill_down_shows_no_nik(world, client, person):
    client.force_login(world.officer_a)
    today = timezone.localdate()
    response = client.get(
        reverse("reports:funnel"),
        {
            "from": (today - datetime.timedelta(days=400)).isoformat(),
            "to": today.isoformat(),
            "stage": "registered",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Siti Aminah" in html  # the drill-down is there
    assert person.nik not in html


def test_the_api_list_masks_and_the_record_shows_the_whole_nik_to_the_office(world, api, person):
    api.as_user(world.officer_a)
    listing = api.get("/api/v1/job-seekers/").json()
    assert [row["nik"] for row in listing["results"]] == [person.masked_nik]
    assert api.get(f"/api/v1/job-seekers/{person.pk}/").json()["nik"] == person.nik


@pytest.mark.parametrize("role", ["admin", "trainer_a"])
def test_the_api_masks_the_nik_for_everyone_else(world, api, person, role):
    cohort = factories.cohort(factories.programme(world.provider_a))
    factories.enrollment(cohort, person)
    api.as_user(getattr(world, role))
    assert api.get(f"/api/v1/job-seekers/{person.pk}/").json()["nik"] == person.masked_nik
    listing = api.get("/api/v1/job-seekers/").json()
    assert person.nik not in str(listing)


def test_cohort_enrollments_give_the_provider_the_whole_nik_and_officers_a_mask(world, api, person):
    cohort = factories.cohort(factories.programme(world.provider_a))
    factories.enrollment(cohort, person)
    url = f"/api/v1/cohorts/{cohort.pk}/enrollments/"
    trainer = api.as_user(world.trainer_a).get(url).json()["results"][0]["job_seeker"]
    assert trainer["nik"] == person.nik  # API.md: the provider keys the results file by NIK
    officer = api.as_user(world.officer_a).get(url).json()["results"][0]["job_seeker"]
    assert officer["nik"] == person.masked_nik


def test_the_job_seeker_admin_list_shows_no_nik(world, client, person):
    client.force_login(world.admin)
    html = client.get(reverse("admin:trainees_jobseeker_changelist")).content.decode()
    assert "Siti Aminah" in html
    assert person.nik not in html
