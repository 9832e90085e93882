"""At the desk, on the demo data: an officer finds a person by a last name; a trainer finds
a candidate for a cohort and enrolls them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, login
from trainees.models import Cohort, Enrollment, JobSeeker
from trainees.selectors.candidates import cohort_candidates
from trainees.services.training import ENROLLING, PLACE_HOLDING
from vokasi.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_finds_a_person_by_last_name_and_opens_the_record(page, demo):
    officer = User.objects.get(username="officer")
    person = (
        JobSeeker.objects.filter(office=officer.office, name__contains=" ", anonymised_at=None)
        .order_by("-pk")
        .first()
    )
    assert person.pk > 100_000
    last_name = person.name.split()[-1]
    login(page, "officer", DEMO_PASSWORD)
    page.goto("/job-seekers/")
    page.fill("#id_q", last_name.lower())
    page.locator("[data-testid=job-seeker-filters] button[type=submit]").click()
    table = page.locator("[data-testid=job-seeker-table]")
    expect(table).to_contain_text(person.name)
    row = table.locator("tbody tr", has_text=person.registration_number)
    expect(row).to_contain_text(person.masked_nik)
    row.get_by_role("link", name=person.registration_number).click()
    expect(page).to_have_url(re.compile(rf"/job-seekers/{person.pk}/$"))
    expect(page.locator("h1")).to_contain_text(person.name)

    page.goto("/job-seekers/")
    page.fill("#id_q", "Zzqxv")
    page.locator("[data-testid=job-seeker-filters] button[type=submit]").click()
    expect(page.get_by_test_id("no-match")).to_contain_text(
        "Tidak ada pencari kerja yang cocok dengan “Zzqxv”."
    )


def test_a_trainer_searches_the_candidates_and_enrolls_one(page, demo):
    trainer = User.objects.get(username="trainer")
    cohorts = Cohort.objects.visible_to(trainer).filter(status__in=ENROLLING)
    cohort = next(
        c
        for c in cohorts.select_related("programme__provider").order_by("start_date", "pk")
        if c.enrollments.filter(status__in=PLACE_HOLDING).count() < c.quota
    )
    person = next(p for p in cohort_candidates(cohort, trainer)[:50] if " " in p.name)
    assert cohort.pk > 100_000 and person.pk > 100_000
    login(page, "trainer", DEMO_PASSWORD)
    page.goto(f"/cohorts/{cohort.pk}/candidates/")
    page.fill("#id_q", person.name.lower())
    page.locator("[data-testid=candidate-search] button[type=submit]").click()
    row = page.get_by_test_id("candidate-row").filter(has_text=person.name).first
    expect(row).to_contain_text("+")  # the fit, explained factor by factor
    assert row.locator("input[name=job_seeker]").get_attribute("value") == str(person.pk)
    row.get_by_role("button", name=f"Daftarkan {person.name}").click()
    expect(page.locator("body")).to_contain_text(f"{person.name} didaftarkan.")
    expect(page.locator("#id_q")).to_have_value(person.name.lower())
    assert Enrollment.objects.filter(cohort=cohort, job_seeker=person).exists()
