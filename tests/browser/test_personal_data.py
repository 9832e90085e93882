"""An officer handles a person's request: withdraws consent, downloads the data, erases it."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests import factories
from tests.browser.conftest import login
from tests.factories import PASSWORD
from trainees.models import JobSeeker
from trainees.services.registration import job_seeker_end

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_an_officer_withdraws_consent_downloads_the_data_and_anonymises_the_person(page, world):
    person = factories.job_seeker(
        world.office_a, name="Siti Aminah", phone="081234567890", consent_share_contact=True
    )
    login(page, world.officer_a.username, PASSWORD)
    page.goto(f"/job-seekers/{person.pk}/")
    assert page.inner_text("[data-testid=nik]") == person.nik

    page.click("[data-testid=withdraw-consent]")
    page.wait_for_selector("[data-testid=give-consent]")
    assert JobSeeker.objects.get(pk=person.pk).consent_share_contact is False

    with page.expect_download() as download:
        page.click("[data-testid=personal-data-export]")
    with open(download.value.path(), "rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    assert "Siti Aminah" in [row[1] for row in book.worksheets[0].iter_rows(values_only=True)]

    # An active registration must end before it can be anonymised.
    assert page.locator("[data-testid=anonymise]").count() == 0
    job_seeker_end(job_seeker=person, reason="withdrawn", ended_by=world.officer_a)
    page.reload()
    page.click("[data-testid=anonymise]")
    page.fill("#id_reason", "Permintaan tertulis 21-08-2026")
    page.check("#id_confirm")
    page.click("[data-testid=confirm-anonymise]")
    page.wait_for_selector("[data-testid=anonymised]")
    assert "Siti Aminah" not in page.content()
    person.refresh_from_db()
    assert person.name == f"ANONIM-{person.pk}"
    assert person.anonymisation_reason == "Permintaan tertulis 21-08-2026"
