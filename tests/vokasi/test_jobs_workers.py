"""Background jobs with real worker processes on PostgreSQL: a worker killed mid-job
leaves nothing written and the job runs again once; two workers never run one job.

Each worker is ``manage.py db_worker`` in its own process against the test database,
reading the uploaded file from a folder both processes share. For the kill, a small hook
in the worker process (not in the code under test) announces that the rows are written
inside the job's transaction and then waits to be killed.
"""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from tests.trainees.test_import_kill_concurrency import database_url
from tests.trainees.test_job_seeker_import import csv_bytes, person_row
from trainees.models import JobSeeker
from vokasi.jobs.models import Job
from vokasi.jobs.services import STALE_AFTER, job_submit, jobs_recover

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="real worker processes need PostgreSQL"
    ),
]
ROOT = Path(__file__).resolve().parents[2]
ROWS = 2000

WORKER = """
import sys, time
import django
django.setup()
from django.core.management import call_command
if "--stop-after-writing" in sys.argv:
    from trainees.services.registration import saving as job_seeker_saving
    original = job_seeker_saving.insert_many
    def hooked(*args, **kwargs):
        original(*args, **kwargs)
        print("WRITTEN", flush=True)
        time.sleep(120)  # killed here, the people written inside the job's transaction
    job_seeker_saving.insert_many = hooked
call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
print("DONE", flush=True)
"""


@pytest.fixture
def media(tmp_path):
    with override_settings(
        STORAGES={
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(tmp_path)},
            },
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        yield tmp_path


def worker(media: Path, *args: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "vokasi.settings",
        "DEBUG": "1",
        "MEDIA_ROOT": str(media),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(WORKER), *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err[-3000:]
    return out


def submit(world) -> Job:
    data = csv_bytes([person_row(n) for n in range(1, ROWS + 1)])
    job, created = job_submit(
        owner=world.officer_a,
        kind="job_seekers_import",
        params={"office": world.office_a.pk, "dry_run": False},
        file=SimpleUploadedFile("bursa-kerja.csv", data),
        filename="bursa-kerja.csv",
    )
    assert created
    return job


def test_a_worker_killed_mid_job_leaves_nothing_and_the_job_runs_again_once(world, media):
    job = submit(world)
    process = worker(media, "--stop-after-writing")
    try:
        for line in process.stdout:
            if line.startswith("WRITTEN"):
                break
        else:
            pytest.fail(f"the job ended before writing: {process.stderr.read()[-3000:]}")
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(30)
        process.stdout.close()
        process.stderr.close()

    job.refresh_from_db()
    assert job.status == "running" and job.attempts == 1
    assert JobSeeker.objects.count() == 0  # the transaction died with the worker

    later = timezone.now() + STALE_AFTER + datetime.timedelta(seconds=1)
    assert jobs_recover(now=later) == 1
    finish(worker(media))

    job.refresh_from_db()
    assert job.status == "done", job.message
    assert job.attempts == 2
    assert job.result["created"] == ROWS
    assert JobSeeker.objects.count() == ROWS
    assert job.file  # kept for the day, then purged


def test_two_workers_never_run_one_job_twice(world, media):
    from vokasi.jobs.tasks import run_job

    job = submit(world)
    run_job.enqueue(job.pk)  # the queue holds it twice, e.g. a retry raced a recovery
    first, second = worker(media), worker(media)
    finish(first)
    finish(second)
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 1
    assert JobSeeker.objects.count() == ROWS
