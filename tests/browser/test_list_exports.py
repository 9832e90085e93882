"""An officer filters the job-seeker list on the demo data and downloads it as a workbook."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from openpyxl import load_workbook

from tests.browser.conftest import DEMO_PASSWORD, login
from trainees.models import JobSeeker, Sex
from vokasi.models import AccessLog

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_an_officer_filters_the_job_seekers_and_downloads_the_workbook(page, demo, tmp_path):
    officer = get_user_model().objects.get(username="officer")
    expected = set(
        JobSeeker.objects.visible_to(officer)
        .filter(sex="P", status=JobSeeker.Status.ACTIVE)
        .values_list("pk", flat=True)
    )
    assert len(expected) > 50  # more than one page: the file holds every page's rows

    login(page, "officer", DEMO_PASSWORD)
    page.goto("/job-seekers/")
    page.select_option("#id_sex", "P")
    page.select_option("#id_status", "active")
    page.click("[data-testid=job-seeker-filters] button[type=submit]")
    page.wait_for_url("**/job-seekers/?*sex=P*")
    link = page.locator("[data-testid=download-xlsx]")
    assert "sex=P" in link.get_attribute("href")
    with page.expect_download() as caught:
        link.click()
    download = caught.value
    assert download.suggested_filename.startswith("pencari-kerja-")
    assert download.suggested_filename.endswith(".xlsx")

    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet = load_workbook(saved).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Id", "nomor AK/I", "Nama")
    assert {row[0] for row in rows[1:]} == expected
    with translation.override("id"):
        assert {row[4] for row in rows[1:]} == {str(Sex.FEMALE.label)}
    assert AccessLog.objects.filter(user=officer, action="export").count() == 1
