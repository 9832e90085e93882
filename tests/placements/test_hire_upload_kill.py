"""A worker killed (SIGKILL) while it saves a big file of hires leaves nothing behind, on
PostgreSQL, and the job, run again after its worker went silent, saves the whole file
once. The killing is ``tests/trainees/test_import_kill_concurrency.py``'s: a separate
process runs the real job and is killed inside its transaction."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from placements.models import Hire, Placement
from tests.placements.test_hire_pages import csv_file, row
from tests.trainees.test_import_kill_concurrency import run_and_kill
from vokasi.jobs.models import Job
from vokasi.jobs.services import STALE_AFTER, job_run, job_submit

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="killing a writer needs PostgreSQL"
    ),
]
ROWS = 40


@pytest.fixture
def media(tmp_path, monkeypatch):
    """Files on disk, where the killed process (told by MEDIA_ROOT) finds the job's file."""
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path))
    storage = {"BACKEND": "django.core.files.storage.FileSystemStorage",
               "OPTIONS": {"location": str(tmp_path)}}  # fmt: skip
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES={"default": storage, "staticfiles": static}):
        yield tmp_path


def test_a_hire_file_job_killed_while_saving_records_nothing_then_saves_once(world, media):
    data = csv_file([row(Referensi=f"KILL-{n}", Nama=f"Pekerja {n}") for n in range(ROWS)])
    job, _created = job_submit(
        owner=world.employer_a,
        kind="hires_import",
        params={"company": world.company_a.pk, "dry_run": False},
        file=data.getvalue(),
        filename="penerimaan.csv",
        key="kill-test",
    )
    run_and_kill(
        f"""
        from placements.services import hire_import
        from vokasi.jobs.services import job_run
        stop_after(hire_import, "hire_report")
        job_run({job.pk})
        print("COMMITTED", flush=True)
        """
    )
    assert Hire.objects.count() == 0
    assert Placement.objects.count() == 0
    job.refresh_from_db()
    assert job.status == "running" and job.attempts == 1

    # The worker went silent: the next run puts the job back once and saves it whole.
    Job.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - STALE_AFTER - datetime.timedelta(seconds=1)
    )
    job = job_run(job.pk)
    assert job.status == "done" and job.result["created"] == ROWS and job.attempts == 2
    assert Hire.objects.filter(company=world.company_a).count() == ROWS
