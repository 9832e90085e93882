"""An officer uploads a big job-fair list: the page hands it to a worker and the progress
bar follows the job to its end, then the result shows."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.management import call_command

from tests.browser.conftest import DEMO_PASSWORD, login
from tests.trainees.test_job_seeker_import import person_row, xlsx_bytes
from trainees.models import JobSeeker
from vokasi.jobs.models import Job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = 400


def test_a_big_file_goes_to_a_worker_and_the_bar_reaches_the_end(page, demo, settings, tmp_path):
    settings.VOKASI_BACKGROUND_ROWS = 100
    path = tmp_path / "bursa-kerja.xlsx"
    path.write_bytes(xlsx_bytes([person_row(n) for n in range(7001, 7001 + ROWS)]))
    before = JobSeeker.objects.count()

    login(page, "officer", DEMO_PASSWORD)
    page.goto("/job-seekers/import/")
    page.set_input_files("input[type=file]", str(path))
    page.uncheck("input[name=dry_run]")
    page.click("[data-testid=import-form] button[type=submit]")
    page.wait_for_selector("[data-testid=job-progress]")
    assert "dalam antrean" in page.inner_text("[data-testid=job-status]")
    assert page.get_attribute("[data-testid=job-progress]", "value") == "0"

    # The worker starts now (as `make run` has one beside the server) while the page,
    # in its own process, keeps asking for the job's progress.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    page.wait_for_selector("[data-testid=job-result]", timeout=30_000)

    assert page.get_attribute("[data-testid=job-progress]", "value") == "100"
    assert page.inner_text("[data-testid=job-created]").replace(".", "") == str(ROWS)
    assert JobSeeker.objects.count() == before + ROWS
    page.goto("/")
    assert "bursa-kerja.xlsx" in page.inner_text("[data-testid=home-jobs]")
    assert Job.objects.get().status == "done"


def test_the_job_page_names_what_its_worker_is_doing_as_it_happens(page, demo):
    """The page asks for the job every second: the status and the phase follow the job
    (written here as a worker writes them), not only the bar."""
    from playwright.sync_api import expect

    from vokasi.models import User

    job = Job.objects.create(
        owner=User.objects.get(username="officer"),
        kind="job_seekers_import",
        params={},
        filename="bursa-kerja.xlsx",
    )
    login(page, "officer", DEMO_PASSWORD)
    page.goto(f"/jobs/{job.pk}/")
    badge = page.locator("[data-testid=job-status]")
    phase = page.locator("[data-testid=job-phase]")
    expect(badge).to_have_text("dalam antrean")
    Job.objects.filter(pk=job.pk).update(status="running", phase="checking", done=40, total=400)
    expect(badge).to_have_text("berjalan")
    expect(phase).to_have_text("memeriksa setiap baris")
    expect(page.locator("[data-testid=job-done]")).to_have_text("40")
    Job.objects.filter(pk=job.pk).update(phase="writing", done=200)
    expect(phase).to_have_text("menyimpan")
