"""At the desk, on the demo data: the officer ends a registration as placed by recording
the job, records a job a person found themself, and the officer and the company record
follow-ups from the due list."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from placements.models import FollowUp, Placement
from placements.selectors.pending import follow_ups_due
from placements.services.placements import placement_record
from tests.browser.conftest import DEMO_PASSWORD, login
from tests.placements.invariants import assert_every_placed_registration_has_a_placement
from trainees.models import JobSeeker
from vokasi.dates import add_months
from vokasi.models import Company, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate()


def an_active_person(username: str = "officer") -> JobSeeker:
    officer = User.objects.get(username=username)
    return (
        JobSeeker.objects.filter(office=officer.office, status="active", anonymised_at=None)
        .order_by("pk")
        .first()
    )


def test_the_officer_ends_a_registration_as_placed_through_the_job_form(page, demo):
    person = an_active_person()
    company = Company.objects.order_by("name").first()
    login(page, "officer", DEMO_PASSWORD)
    page.goto(f"/job-seekers/{person.pk}/")
    page.click("[data-testid=end-registration]")
    page.wait_for_selector("[data-testid=end-form]")
    # The end page proposes no reason; "placed" leads to recording the job.
    assert page.locator("[data-testid=end-form] input[name=reason]:checked").count() == 0
    page.check("[data-testid=end-form] input[name=reason][value=placed]")
    page.click("[data-testid=confirm-end]")
    page.wait_for_selector("[data-testid=placement-record-form]")
    assert JobSeeker.objects.get(pk=person.pk).status == "active"

    page.select_option("#id_company", str(company.pk))
    page.fill("#id_start_date", (TODAY - datetime.timedelta(days=2)).isoformat())
    page.select_option("#id_occupation", "7212")
    page.select_option("#id_contract_type", "pkwt")
    page.fill("#id_wage", "5350000")
    page.click("[data-testid=save-placement]")
    page.wait_for_selector("[data-testid=status]")
    assert page.url.endswith(f"/job-seekers/{person.pk}/")

    person.refresh_from_db()
    assert (person.status, person.end_reason) == ("placed", "placed")
    placement = Placement.objects.get(job_seeker=person)
    assert (placement.company, placement.wage, placement.occupation_id) == (
        company,
        5_350_000,
        "7212",
    )
    assert company.name in page.inner_text("[data-testid=timeline]")
    assert_every_placed_registration_has_a_placement()


def test_the_officer_records_a_job_the_person_found_at_an_unregistered_company(page, demo):
    person = an_active_person()
    login(page, "officer", DEMO_PASSWORD)
    page.goto(f"/job-seekers/{person.pk}/")
    page.click("[data-testid=record-self-found-job]")
    page.fill("#id_company_name", "CV Bengkel Las Maju Jaya")
    page.fill("#id_start_date", TODAY.isoformat())
    page.select_option("#id_occupation", "7212")
    page.select_option("#id_contract_type", "harian")
    page.fill("#id_wage", "99999999999")  # a NIK in the wage box: refused, nothing written
    page.click("[data-testid=save-placement]")
    page.wait_for_selector(".errorlist")
    assert not Placement.objects.filter(job_seeker=person).exists()
    page.fill("#id_wage", "3900000")
    page.click("[data-testid=save-placement]")
    page.wait_for_selector("[data-testid=status]")

    placement = Placement.objects.get(job_seeker=person)
    assert (placement.company, placement.company_name) == (None, "CV Bengkel Las Maju Jaya")
    assert JobSeeker.objects.get(pk=person.pk).status == "placed"
    assert "CV Bengkel Las Maju Jaya" in page.inner_text("[data-testid=timeline]")
    assert_every_placed_registration_has_a_placement()


def record_from_the_due_list(page, username: str) -> Placement:
    login(page, username, DEMO_PASSWORD)
    page.goto("/follow-ups/due/?months=6")
    row = page.locator("[data-testid=follow-ups-due] tbody tr").first
    href = row.locator("[data-testid=record-follow-up]").get_attribute("href")
    placement = Placement.objects.get(pk=int(href.split("/")[2]))
    row.locator("[data-testid=record-follow-up]").click()
    page.wait_for_selector("[data-testid=follow-up-form]")
    page.check("input[name=employed][value=yes]")
    page.fill("#id_wage", "5600000")
    page.click("[data-testid=save-follow-up]")
    page.wait_for_selector("[data-testid=follow-ups-due]")
    assert page.url.endswith("/follow-ups/due/?months=6")
    assert href not in page.content()
    return placement


def test_the_officer_records_a_follow_up_from_the_due_list(page, demo):
    officer = User.objects.get(username="officer")
    assert follow_ups_due(officer, months=6).exists()
    placement = record_from_the_due_list(page, "officer")
    follow_up = FollowUp.objects.get(placement=placement, checked_on=TODAY)
    assert (follow_up.employed, follow_up.wage, follow_up.recorded_by) == (True, 5_600_000, officer)
    page.goto(f"/job-seekers/{placement.job_seeker_id}/")
    assert "masih bekerja" in page.inner_text("[data-testid=timeline]")


def test_the_company_records_a_follow_up_from_the_due_list(page, demo):
    employer = User.objects.get(username="employer")
    if not follow_ups_due(employer, months=6).exists():
        # The demo may have no placement of this company six months old: the office
        # records one, as it would for a person who found the job themself.
        officer = User.objects.get(username="officer")
        person = (
            JobSeeker.objects.filter(
                office=officer.office,
                status="active",
                registered_on__lte=add_months(TODAY, -7),
                anonymised_at=None,
            )
            .order_by("pk")
            .first()
        )
        placement_record(
            job_seeker=person,
            company=employer.company,
            start_date=add_months(TODAY, -7),
            contract_type="pkwt",
            wage=5_100_000,
            by=officer,
        )
    placement = record_from_the_due_list(page, "employer")
    assert placement.company == employer.company
    follow_up = FollowUp.objects.get(placement=placement, checked_on=TODAY)
    assert (follow_up.employed, follow_up.recorded_by) == (True, employer)
