"""An officer downloads the whole job-seeker list: above the setting the page hands it to
a worker, the bar follows the rows written to the end, and the file is offered."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command

from tests.browser.conftest import DEMO_PASSWORD, login
from trainees.models import JobSeeker
from vokasi.jobs.models import Job
from vokasi.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_big_export_goes_to_a_worker_and_the_bar_reaches_the_end(page, demo, settings):
    settings.VOKASI_BACKGROUND_EXPORT_ROWS = 100
    officer = User.objects.get(username="officer")
    visible = JobSeeker.objects.visible_to(officer).count()
    assert visible > 100

    login(page, "officer", DEMO_PASSWORD)
    page.goto("/job-seekers/")
    page.click("[data-testid=download-csv]")
    page.wait_for_selector("[data-testid=job-progress]")
    assert "dalam antrean" in page.inner_text("[data-testid=job-status]")
    assert page.get_attribute("[data-testid=job-progress]", "value") == "0"

    # The worker starts now, while the page keeps asking for the job's progress.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    page.wait_for_selector("[data-testid=job-result]", timeout=30_000)

    assert page.get_attribute("[data-testid=job-progress]", "value") == "100"
    assert page.inner_text("[data-testid=job-rows]").replace(".", "") == str(visible)
    with page.expect_download() as caught:
        page.click("[data-testid=job-download]")
    download = caught.value
    assert download.suggested_filename.startswith("pencari-kerja-")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(lines) == 1 + visible
    job = Job.objects.get()
    assert job.status == "done" and job.owner == officer
