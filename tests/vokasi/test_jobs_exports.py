"""Large downloads are written by a worker: a list or report export over
``VOKASI_BACKGROUND_EXPORT_ROWS`` rows (and the yearly IPK workbook, always) answers with
the job's page; the worker replays the request as its owner, so the file is the page's
own (rows, scope, masking, access log); only the owner and admins may fetch it, and it is
purged after a day. The API stays synchronous unless the client sends
``Prefer: respond-async``."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.exports import read_csv
from tests.vokasi.test_jobs import work
from vokasi.jobs.models import Job
from vokasi.jobs.services import jobs_purge
from vokasi.models import AccessLog

pytestmark = pytest.mark.django_db

LIST = "/job-seekers/"
ASYNC = {"HTTP_PREFER": "respond-async"}


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


class File:
    """A downloaded file, readable like the synchronous answer."""

    def __init__(self, response):
        self.response = response
        self.content = body(response)


@pytest.fixture
def people(world):
    own = [factories.job_seeker(world.office_a) for _ in range(5)]
    factories.job_seeker(world.office_b)  # another office's: never in A's file
    return own


@pytest.fixture
def queued(django_capture_on_commit_callbacks):
    def get(client, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.get(*args, **kwargs)

    return get


@override_settings(VOKASI_BACKGROUND_EXPORT_ROWS=3)
def test_a_big_list_export_goes_to_a_worker_and_its_file_is_the_pages_own(
    client, world, people, queued
):
    client.force_login(world.officer_a)
    response = queued(client, LIST, {"format": "csv", "sex": ""})
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("job-detail", args=[job.pk])
    assert job.kind == "export" and job.owner == world.officer_a
    assert job.filename.startswith("/job-seekers/?format=csv")
    assert not AccessLog.objects.filter(action="export").exists()  # nothing built yet
    page = client.get(response["Location"]).text
    assert 'data-testid="job-progress"' in page

    work()

    job.refresh_from_db()
    assert job.status == "done", job.message
    assert job.result["rows"] == 5 and job.done == job.total == 5
    assert job.result["filename"].startswith("pencari-kerja-")
    assert job.filename == job.result["filename"]  # the home page's list names it
    page = client.get(reverse("job-detail", args=[job.pk])).text
    assert reverse("job-download", args=[job.pk]) in page
    assert 'data-testid="job-rows">5<' in page
    download = client.get(reverse("job-download", args=[job.pk]))
    assert download.status_code == 200
    assert job.result["filename"] in download["Content-Disposition"]
    lines = read_csv(File(download))
    assert len(lines) == 1 + 5  # the header and A's five people; B's person is not there
    ids = {int(line[0]) for line in lines[1:]}
    assert ids == {person.pk for person in people}
    assert all("*" in line[2] for line in lines[1:] if line[2].startswith("36"))
    # The worker wrote the access-log entry of the export, as the owner, with the count.
    entry = AccessLog.objects.get(action="export")
    assert entry.user == world.officer_a and entry.people == 5

    # The same as the synchronous file the page gives below the threshold.
    with override_settings(VOKASI_BACKGROUND_EXPORT_ROWS=1000):
        direct = client.get(LIST, {"format": "csv", "sex": ""})
    assert direct.status_code == 200
    assert read_csv(direct) == lines


@override_settings(VOKASI_BACKGROUND_EXPORT_ROWS=3)
def test_the_download_is_the_owners_and_the_admins_only(client, api, world, people, queued):
    client.force_login(world.officer_a)
    queued(client, LIST, {"format": "xlsx"})
    work()
    job = Job.objects.get(status="done")
    page_url = reverse("job-download", args=[job.pk])
    api_url = reverse("job-download-api", args=[job.pk])
    for stranger in (world.officer_b, world.trainer_a, world.employer_a):
        client.force_login(stranger)
        assert client.get(page_url).status_code == 404
        assert api.as_user(stranger).get(api_url).status_code == 404
    client.force_login(world.admin)
    assert client.get(page_url).status_code == 200
    client.logout()
    assert client.get(page_url).status_code == 302  # to the login page
    book = openpyxl.load_workbook(io.BytesIO(body(api.as_user(world.officer_a).get(api_url))))
    assert book.active.max_row == 1 + 5


@override_settings(VOKASI_BACKGROUND_EXPORT_ROWS=3)
def test_the_file_is_purged_with_its_job_after_a_day(client, world, people, queued):
    client.force_login(world.officer_a)
    queued(client, LIST, {"format": "csv"})
    work()
    job = Job.objects.get()
    storage = job.output.storage
    name = job.output.name
    assert storage.exists(name)
    assert jobs_purge(now=timezone.now() + datetime.timedelta(hours=23)) == 0
    assert client.get(reverse("job-download", args=[job.pk])).status_code == 200
    assert jobs_purge(now=timezone.now() + datetime.timedelta(hours=25)) == 1
    assert not storage.exists(name)
    assert client.get(reverse("job-download", args=[job.pk])).status_code == 404


@override_settings(VOKASI_BACKGROUND_EXPORT_ROWS=3)
def test_asking_twice_while_queued_is_one_job(client, world, people, queued):
    client.force_login(world.officer_a)
    first = queued(client, LIST, {"format": "csv"})
    second = queued(client, LIST, {"format": "csv"})
    assert first["Location"] == second["Location"]
    assert Job.objects.count() == 1


def test_a_small_export_is_still_answered_at_once(client, world, people):
    client.force_login(world.officer_a)
    response = client.get(LIST, {"format": "csv"})
    assert response.status_code == 200
    assert not Job.objects.exists()


def test_the_job_runs_with_the_owners_scope_as_it_is_when_it_runs(client, world, people):
    """A job queued by an officer who since lost the role makes no file."""
    from vokasi.jobs.exports import export_submit

    class Request:
        path = path_info = LIST
        GET = __import__("django.http").http.QueryDict("format=csv")
        META: dict = {}
        user = world.officer_a

    job = export_submit(Request(), rows=5)
    world.officer_a.role = "employer"
    world.officer_a.office = None
    world.officer_a.company = world.company_a
    world.officer_a.save()
    from vokasi.jobs.services import job_run

    job_run(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and not job.output
    assert "could not be made" in job.message or "tidak dapat" in job.message


# --------------------------------------------------------------------------- reports


def test_the_yearly_ipk_workbook_always_goes_to_a_worker(client, world, queued):
    client.force_login(world.officer_a)
    response = queued(client, "/reports/ipk/", {"kind": "year", "year": "2026", "format": "xlsx"})
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("job-detail", args=[job.pk])
    work()
    job.refresh_from_db()
    assert job.status == "done", job.message
    assert job.result["filename"] == "ipk-2026.xlsx"
    download = client.get(reverse("job-download", args=[job.pk]))
    book = openpyxl.load_workbook(io.BytesIO(body(download)))
    assert book.sheetnames == [f"III-{n}" for n in range(1, 9)]
    assert book["III-1"]["A4"].value == world.office_a.name


def test_a_months_ipk_workbook_is_built_at_once(client, world):
    client.force_login(world.officer_a)
    response = client.get("/reports/ipk/", {"kind": "month", "year": "2026", "month": "3",
                                            "format": "xlsx"})  # fmt: skip
    assert response.status_code == 200
    assert not Job.objects.exists()


@override_settings(VOKASI_BACKGROUND_EXPORT_ROWS=0)
def test_a_report_export_over_the_threshold_goes_to_a_worker(client, world, queued):
    factories.vacancy(world.company_a)  # one row of demand at least
    client.force_login(world.officer_a)
    today = timezone.localdate()
    query = {"from": f"{today.year}-01-01", "to": f"{today.year}-12-31", "by": "skill",
             "format": "csv"}  # fmt: skip
    response = queued(client, "/reports/link-and-match/", query)
    assert response.status_code == 302
    work()
    job = Job.objects.get()
    assert job.status == "done", job.message
    lines = read_csv(File(client.get(reverse("job-download", args=[job.pk]))))
    assert lines[0][0] and len(lines) > 1
    # The page it came from, without format
    page = client.get(reverse("job-detail", args=[job.pk])).text
    assert f"/reports/link-and-match/?from={today.year}-01-01" in page


def test_the_api_export_stays_synchronous_without_prefer(api, world):
    response = api.as_user(world.officer_a).get(
        "/api/v1/reports/ipk/", {"year": "2026", "format": "xlsx"}
    )
    assert response.status_code == 200
    assert not Job.objects.exists()


def test_the_api_export_with_prefer_answers_202_and_the_job_gives_the_file(api, world, queued):
    client = api.as_user(world.officer_a)
    response = queued(
        client, "/api/v1/reports/outcomes/", {"by": "programme", "format": "csv"}, **ASYNC
    )
    assert response.status_code == 202
    job = Job.objects.get()
    assert response["Location"] == f"/api/v1/jobs/{job.pk}/"
    assert response.json()["download"] is None
    work()
    state = client.get(response["Location"]).json()
    assert state["status"] == "done", state
    assert state["download"] == f"/api/v1/jobs/{job.pk}/download/"
    file = client.get(state["download"])
    assert file.status_code == 200
    text = body(file).decode("utf-8-sig")
    assert text.splitlines()[0].count(",") > 3  # the API's plain CSV, as synchronously


def test_the_api_with_prefer_still_refuses_a_bad_query_at_once(api, world):
    response = api.as_user(world.officer_a).get(
        "/api/v1/reports/link-and-match/", {"by": "nonsense", "format": "csv"}, **ASYNC
    )
    assert response.status_code == 400
    assert not Job.objects.exists()


def test_the_api_with_prefer_on_a_report_the_role_may_not_read_is_403(api, world):
    response = api.as_user(world.trainer_a).get(
        "/api/v1/reports/ipk/", {"year": "2026", "format": "xlsx"}, **ASYNC
    )
    assert response.status_code == 403
    assert not Job.objects.exists()
