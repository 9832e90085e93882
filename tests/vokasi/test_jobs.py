"""Background jobs: queued by the API (``Prefer: respond-async``) and the upload page,
run by the worker (``manage.py db_worker``), watched through GET /api/v1/jobs/{id}/ and
the job's page; owner-only, once in flight, recovered when a worker dies."""

from __future__ import annotations

import datetime
import io
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.trainees.results_files import HEADER_EN, csv_bytes, rows_for, running_cohort
from tests.trainees.test_job_seeker_import import person_row, xlsx_bytes
from trainees.models import JobSeeker, TrainingResult
from vokasi.jobs.models import Job
from vokasi.jobs.services import MAX_ATTEMPTS, STALE_AFTER, job_run, jobs_recover

pytestmark = pytest.mark.django_db

IMPORT = "/api/v1/job-seekers/import/"
ASYNC = {"HTTP_PREFER": "respond-async"}


def work() -> None:
    """What a worker does: run everything queued, then stop. (Within the test's
    transaction: the worker's habit of closing connections between tasks would end it.)"""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def upload(rows, name="daftar.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(rows))


@pytest.fixture
def queued(django_capture_on_commit_callbacks):
    """Requests' on-commit hooks (which enqueue the job) run as in production."""

    def send(client, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(*args, **kwargs)

    return send


def test_an_async_import_answers_202_and_the_worker_registers_everyone(api, world, queued):
    client = api.as_user(world.officer_a)
    rows = [person_row(n) for n in range(1, 6)]
    response = queued(client, IMPORT, {"file": upload(rows)}, format="multipart", **ASYNC)
    assert response.status_code == 202
    job = Job.objects.get()
    assert response["Location"] == f"/api/v1/jobs/{job.pk}/"
    assert response.json()["status"] == "queued"
    assert not JobSeeker.objects.exists()

    work()

    body = client.get(response["Location"]).json()
    assert body["status"] == "done"
    assert body["progress"] == {"done": 5, "total": 5}
    assert body["result"]["created"] == 5 and body["errors"] == []
    assert body["started_at"] and body["finished_at"]
    assert JobSeeker.objects.filter(office=world.office_a).count() == 5


def test_the_same_file_queued_twice_is_one_job_and_applied_once(api, world, queued):
    client = api.as_user(world.officer_a)
    data = xlsx_bytes([person_row(n) for n in range(1, 4)])  # one file, sent twice
    first = queued(client, IMPORT, {"file": SimpleUploadedFile("a.xlsx", data)},
                   format="multipart", **ASYNC)  # fmt: skip
    second = queued(client, IMPORT, {"file": SimpleUploadedFile("a.xlsx", data)},
                    format="multipart", **ASYNC)  # fmt: skip
    assert first["Location"] == second["Location"]
    assert Job.objects.count() == 1
    work()
    assert JobSeeker.objects.count() == 3


def test_row_errors_fail_the_job_save_nothing_and_keep_the_file(api, world, queued):
    client = api.as_user(world.officer_a)
    rows = [person_row(1), person_row(2, NIK="12345")]
    response = queued(client, IMPORT, {"file": upload(rows)}, format="multipart", **ASYNC)
    work()
    body = client.get(response["Location"]).json()
    assert body["status"] == "failed"
    assert body["result"] is None
    assert [e["value"] for e in body["errors"]] == ["12345"]
    assert not JobSeeker.objects.exists()
    assert Job.objects.get().file  # kept until the owner discards it


def test_a_job_is_its_owners_and_the_admins(api, world, queued):
    response = queued(
        api.as_user(world.officer_a),
        IMPORT,
        {"file": upload([person_row(1)])},
        format="multipart",
        **ASYNC,
    )
    location = response["Location"]
    for stranger in (world.officer_b, world.trainer_a, world.employer_a):
        assert api.as_user(stranger).get(location).status_code == 404
    assert api.as_user(world.admin).get(location).status_code == 200
    assert api.as_user(None).get(location).status_code in (401, 403)


def test_results_upload_in_the_background(api, world, queued):
    cohort = running_cohort(world, trainees=3)
    client = api.as_user(world.trainer_a)
    url = f"/api/v1/cohorts/{cohort.pk}/results/"
    file = SimpleUploadedFile("hasil.csv", csv_bytes(rows_for(cohort), header=HEADER_EN))
    response = queued(client, url, {"file": file}, format="multipart", **ASYNC)
    assert response.status_code == 202
    work()
    body = client.get(response["Location"]).json()
    assert body["status"] == "done", body
    assert body["result"]["created"] == 3
    assert TrainingResult.objects.filter(enrollment__cohort=cohort).count() == 3


def test_results_as_json_rows_in_the_background(api, world, queued):
    cohort = running_cohort(world, trainees=2)
    rows = [dict(zip(HEADER_EN, row, strict=True)) for row in rows_for(cohort)]
    client = api.as_user(world.trainer_a)
    url = f"/api/v1/cohorts/{cohort.pk}/results/"
    response = queued(client, url, {"rows": rows}, format="json", **ASYNC)
    assert response.status_code == 202
    work()
    assert client.get(response["Location"]).json()["result"]["created"] == 2


@override_settings(VOKASI_BACKGROUND_ROWS=3)
def test_the_import_page_hands_a_big_file_to_a_worker_and_shows_its_progress(client, world, queued):
    client.force_login(world.officer_a)
    rows = [person_row(n) for n in range(1, 6)]
    response = queued(client, reverse("trainees:job-seeker-import"), {"file": upload(rows)})
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("job-detail", args=[job.pk])
    page = client.get(response["Location"]).text
    assert 'data-testid="job-progress"' in page and "job.js" in page
    assert f'href="{reverse("job-detail", args=[job.pk])}"' in client.get("/").text

    work()

    page = client.get(reverse("job-detail", args=[job.pk])).text
    assert 'data-testid="job-created">5<' in page
    assert JobSeeker.objects.count() == 5


@override_settings(VOKASI_BACKGROUND_ROWS=1)
def test_a_failed_job_shows_its_row_errors_and_can_be_discarded(client, world, queued):
    client.force_login(world.officer_a)
    rows = [person_row(1), person_row(2, Pendidikan="??")]
    queued(client, reverse("trainees:job-seeker-import"), {"file": upload(rows)})
    work()
    job = Job.objects.get()
    page = client.get(reverse("job-detail", args=[job.pk])).text
    assert 'data-testid="job-errors"' in page and "??" in page
    response = client.post(reverse("job-discard", args=[job.pk]))
    assert response.status_code == 302
    assert not Job.objects.exists()


def test_others_cannot_open_or_discard_a_job(client, world):
    job = Job.objects.create(owner=world.officer_a, kind="job_seekers_import", status="done")
    client.force_login(world.officer_b)
    assert client.get(reverse("job-detail", args=[job.pk])).status_code == 404
    assert client.post(reverse("job-discard", args=[job.pk])).status_code == 404
    assert Job.objects.filter(pk=job.pk).exists()


def test_a_job_is_claimed_once(world):
    job = Job.objects.create(owner=world.officer_a, kind="job_seekers_import", status="running")
    assert job_run(job.pk) is None  # another worker has it: nothing happens
    job.refresh_from_db()
    assert job.status == "running" and job.attempts == 0


def test_a_job_whose_worker_died_is_queued_again_once_then_failed(world):
    long_ago = timezone.now() - STALE_AFTER - datetime.timedelta(seconds=1)
    job = Job.objects.create(
        owner=world.officer_a,
        kind="job_seekers_import",
        status="running",
        attempts=1,
        heartbeat_at=long_ago,
    )
    assert jobs_recover() == 1
    job.refresh_from_db()
    assert job.status == "queued"

    Job.objects.filter(pk=job.pk).update(
        status="running", attempts=MAX_ATTEMPTS, heartbeat_at=long_ago
    )
    assert jobs_recover() == 1
    job.refresh_from_db()
    assert job.status == "failed" and job.message


def test_a_busy_job_is_left_alone(world):
    job = Job.objects.create(
        owner=world.officer_a,
        kind="job_seekers_import",
        status="running",
        attempts=1,
        heartbeat_at=timezone.now(),
    )
    assert jobs_recover() == 0
    job.refresh_from_db()
    assert job.status == "running"


def test_an_unknown_preference_keeps_the_synchronous_answer(api, world):
    response = api.as_user(world.officer_a).post(
        IMPORT,
        {"file": upload([person_row(1)])},
        format="multipart",
        HTTP_PREFER="return=minimal",
    )
    assert response.status_code == 201
    assert not Job.objects.exists()


def test_estimating_rows_is_cheap_and_close(world):
    from vokasi.tabular import estimate_rows

    assert estimate_rows(io.BytesIO(xlsx_bytes([person_row(n) for n in range(1, 11)]))) == 10
    assert estimate_rows(io.BytesIO(b"nik;nama\n1;a\n2;b\n")) == 2
    assert estimate_rows(io.BytesIO(b"PK\x03\x04 not really a zip")) == 0


def test_the_daily_schedule_queues_each_command_once_and_a_worker_runs_them(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("schedule_jobs", "daily", stdout=io.StringIO())
        call_command("schedule_jobs", "daily", stdout=io.StringIO())  # cron ran it twice
    jobs = Job.objects.filter(kind="command")
    assert sorted(j.params["command"] for j in jobs) == [
        "anonymise_expired_registrations",
        "expire_registrations",
        "purge_jobs",
    ]
    work()
    assert set(jobs.values_list("status", flat=True)) == {"done"}
    assert "purged" in jobs.get(params__command="purge_jobs").result["output"]


def test_finished_jobs_are_purged_after_their_day_failed_ones_wait(world):
    from vokasi.jobs.services import jobs_purge

    past = timezone.now() - datetime.timedelta(minutes=1)
    done = Job.objects.create(owner=world.officer_a, kind="x", status="done", keep_until=past)
    failed = Job.objects.create(owner=world.officer_a, kind="x", status="failed", keep_until=past)
    assert jobs_purge() == 1
    assert not Job.objects.filter(pk=done.pk).exists()
    assert Job.objects.filter(pk=failed.pk).exists()


def test_json_rows_can_be_imported_in_the_background_too(api, world, queued):
    rows = [person_row(n) for n in range(1, 4)]
    client = api.as_user(world.officer_a)
    response = queued(client, IMPORT, {"rows": rows}, format="json", **ASYNC)
    assert response.status_code == 202
    work()
    assert client.get(response["Location"]).json()["result"]["created"] == 3


def test_the_home_page_lists_a_users_jobs_once_and_keeps_its_title_plain(client, world):
    Job.objects.create(owner=world.officer_a, kind="job_seekers_import", filename="daftar.xlsx")
    client.force_login(world.officer_a)
    html = client.get("/").text
    assert html.count('data-testid="home-jobs"') == 1
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "daftar.xlsx" not in title


@override_settings(VOKASI_BACKGROUND_ROWS=2)
def test_the_results_page_hands_a_big_file_to_a_worker(client, world, queued):
    cohort = running_cohort(world, trainees=3)
    client.force_login(world.trainer_a)
    file = SimpleUploadedFile("hasil.csv", csv_bytes(rows_for(cohort), header=HEADER_EN))
    url = reverse("trainees:cohort-results", args=[cohort.pk])
    response = queued(client, url, {"file": file})
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("job-detail", args=[job.pk])
    assert job.kind == "cohort_results" and job.params["cohort"] == cohort.pk
    assert not TrainingResult.objects.exists()

    work()

    page = client.get(response["Location"]).text
    assert 'data-testid="job-created">3<' in page
    assert TrainingResult.objects.filter(enrollment__cohort=cohort).count() == 3


@override_settings(VOKASI_BACKGROUND_ROWS=2)
def test_a_big_results_file_with_errors_saves_nothing_and_lists_them(client, world, queued):
    cohort = running_cohort(world, trainees=3)
    rows = rows_for(cohort)
    rows[1] = [rows[1][0], "100", "101", *rows[1][3:]]  # a score above 100
    client.force_login(world.trainer_a)
    file = SimpleUploadedFile("hasil.csv", csv_bytes(rows, header=HEADER_EN))
    queued(client, reverse("trainees:cohort-results", args=[cohort.pk]), {"file": file})
    work()
    job = Job.objects.get()
    assert job.status == "failed" and job.errors
    assert not TrainingResult.objects.exists()
    page = client.get(reverse("job-detail", args=[job.pk])).text
    assert 'data-testid="job-errors"' in page
