"""An officer registers a person at the counter, prints the AK/I card and records a report."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.browser.conftest import login
from tests.factories import PASSWORD
from trainees.models import JobSeeker
from trainees.nik import build_nik

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_an_officer_registers_prints_the_card_and_records_a_report_back(page, world):
    existing = factories.job_seeker(world.office_a, name="Sudah Terdaftar")
    login(page, world.officer_a.username, PASSWORD)
    page.click("text=Pencari kerja")
    page.click("[data-testid=register-link]")

    # Search before add: typing a registered NIK shows that person at once.
    page.fill("#id_nik", existing.nik[:10])
    page.wait_for_selector("[data-testid=duplicate-matches] >> text=Sudah Terdaftar")

    born = datetime.date(1999, 8, 21)
    nik = build_nik("36.72.04", born, "P", 42)
    page.fill("#id_nik", nik)
    page.fill("#id_name", "Siti Aminah")
    page.fill("#id_birth_place", "Cilegon")
    page.fill("#id_birth_date", born.isoformat())
    page.check("input[name=sex][value=P]")
    page.fill("#id_address", "Jl. Raya Anyer No. 5")
    page.select_option("#id_region", "36.72.04")
    page.select_option("#id_education", "smk")
    page.select_option("#id_skills", ["LAS-SMAW"])
    page.check("#id_consent_share_contact")
    page.click("button[type=submit].primary")

    page.wait_for_selector("[data-testid=person-heading]")
    assert "Siti Aminah" in page.inner_text("[data-testid=person-heading]")
    person = JobSeeker.objects.get(nik=nik)
    assert page.inner_text("[data-testid=registration-number]") == person.registration_number

    page.click("[data-testid=print-card]")
    page.wait_for_selector("[data-testid=card-front]")
    assert person.registration_number in page.inner_text("[data-testid=card-number]")
    assert page.locator("[data-testid=report-box]").count() == 4
    page.emulate_media(media="print")
    assert not page.locator("[data-testid=print-button]").is_visible()
    page.emulate_media(media="screen")
    page.go_back()

    page.click("[data-testid=report-back]")
    page.wait_for_selector(".messages .success")
    person.refresh_from_db()
    assert person.reports.count() == 1
    assert person.last_reported_on == timezone.localdate()
    assert "Lapor" in page.inner_text("[data-testid=timeline]")
    # The printed card now shows the report in its first box.
    page.click("[data-testid=print-card]")
    first_box = page.locator("[data-testid=report-box]").first.inner_text()
    assert timezone.localdate().strftime("%d-%m-%Y") in first_box


def test_the_same_nik_again_links_to_the_existing_record(page, world):
    existing = factories.job_seeker(world.office_a, name="Budi Lama", sex="L")
    login(page, world.officer_a.username, PASSWORD)
    page.goto("/job-seekers/new/")
    page.fill("#id_nik", existing.nik)
    page.fill("#id_name", "Budi Baru")
    page.fill("#id_birth_place", "Serang")
    page.fill("#id_birth_date", existing.birth_date.isoformat())
    page.check("input[name=sex][value=L]")
    page.fill("#id_address", "Jl. Lain 1")
    page.select_option("#id_region", "36.72.04")
    page.select_option("#id_education", "sma")
    page.click("button[type=submit].primary")
    page.click("[data-testid=existing-link]")
    page.wait_for_selector("[data-testid=person-heading]")
    assert "Budi Lama" in page.inner_text("[data-testid=person-heading]")
