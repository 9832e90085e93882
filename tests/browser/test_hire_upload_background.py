"""The demo's employer uploads its big yearly file of hires: a worker checks it, the upload
page shows the check and its save button, a worker saves it, and the job's page counts
the hires saved (on the demo data, the threshold lowered)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from placements.models import Hire
from tests.browser.conftest import DEMO_PASSWORD, login
from tests.placements.test_hire_pages import row, xlsx_file
from vokasi.jobs.models import Job
from vokasi.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = 60


def work() -> None:
    """The worker starts now (as `make run` has one beside the server), while the page,
    in its own thread, keeps asking for the job's progress."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def test_a_big_file_of_hires_is_checked_then_saved_by_a_worker(page, demo, settings, tmp_path):
    settings.VOKASI_BACKGROUND_ROWS = 20
    company = User.objects.get(username="employer").company
    before = Hire.objects.filter(company=company).count()
    start = timezone.localdate().strftime("%d-%m-%Y")
    rows = [
        row(Referensi=f"TAHUNAN-{n:04d}", Nama=f"Pekerja Tahunan {n}", **{"Tanggal mulai": start})
        for n in range(1, ROWS + 1)
    ]
    path = tmp_path / "penerimaan-tahunan.xlsx"
    path.write_bytes(xlsx_file(rows).getvalue())

    login(page, "employer", DEMO_PASSWORD)
    page.goto("/hires/upload/")
    page.set_input_files("input[type=file]", str(path))
    page.click("[data-testid=send-hires-file]")
    page.wait_for_selector("[data-testid=job-progress]")
    assert "dalam antrean" in page.inner_text("[data-testid=job-status]")

    work()
    page.wait_for_selector("[data-testid=job-result]", timeout=30_000)
    assert page.inner_text("[data-testid=job-created]") == str(ROWS)
    assert Hire.objects.filter(company=company).count() == before  # checked, not saved
    check = Job.objects.get(kind="hires_import")
    # The next step is named: the check leads on to the button that saves.
    next_step = page.locator("[data-testid=job-next]")
    assert next_step.inner_text() == "Tinjau dan simpan penerimaan ini"
    assert next_step.get_attribute("href") == f"/hires/upload/?job={check.pk}"
    next_step.click()
    page.wait_for_selector("[data-testid=dry-run-summary]")
    assert str(ROWS) in page.inner_text("[data-testid=dry-run-summary]")

    page.click("[data-testid=confirm-hires]")
    page.wait_for_selector("[data-testid=job-progress]")
    work()
    page.wait_for_selector("[data-testid=job-result]", timeout=30_000)
    assert page.inner_text("[data-testid=job-created]") == str(ROWS)
    assert page.get_attribute("[data-testid=job-progress]", "value") == "100"
    assert Hire.objects.filter(company=company).count() == before + ROWS
    page.click("[data-testid=job-result] a[href='/hires/']")
    page.wait_for_selector("[data-testid=hire-table]")
    assert "Pekerja Tahunan" in page.inner_text("[data-testid=hire-table]")
