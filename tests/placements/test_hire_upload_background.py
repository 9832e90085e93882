"""A big file of hires (real .xlsx and .csv) is checked, then saved, by a worker: the
upload page answers with the job's page, the job's outcome is the page's own (counts,
every row error with its downloads), the same file twice is one job, a job is its
owner's alone, and a small file still answers in the request."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from placements.models import Hire
from tests.placements.test_hire_pages import client_of, csv_file, row, xlsx_file
from tests.vokasi.test_jobs import work
from vokasi.jobs.models import Job

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("background_at_five")]
UPLOAD = "/hires/upload/"


@pytest.fixture
def background_at_five():
    with override_settings(VOKASI_BACKGROUND_ROWS=5):
        yield


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """A POST whose on-commit hooks (which queue the job) run as in production."""

    def post(client: Client, data: dict):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(UPLOAD, data)

    return post


def rows(count: int, **changes_by_row) -> list[dict]:
    """``count`` hires with their own references; ``changes_by_row[f"r{n}"]`` changes
    the n-th (1-based) row's cells."""
    return [
        row(Referensi=f"BIG-{n}", Nama=f"Pekerja {n}", **changes_by_row.get(f"r{n}", {}))
        for n in range(1, count + 1)
    ]


def job_page(client: Client, job: Job) -> str:
    return client.get(reverse("job-detail", args=[job.pk])).content.decode()


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_a_big_file_is_checked_then_saved_by_a_worker_and_again_changes_nothing(world, make, send):
    client = client_of(world.employer_a)
    answer = send(client, {"file": make(rows(7))})
    check = Job.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/jobs/{check.pk}/"
    assert check.kind == "hires_import"
    assert check.params == {"company": world.company_a.pk, "dry_run": True, "language": "id"}
    assert 'data-testid="job-progress"' in job_page(client, check)

    work()

    check.refresh_from_db()
    assert check.status == "done" and check.result["created"] == 7
    assert not Hire.objects.exists()  # a check writes nothing
    page = job_page(client, check)
    assert 'data-testid="job-created">7<' in page
    assert f'href="{UPLOAD}?job={check.pk}"' in page
    shown = client.get(f"{UPLOAD}?job={check.pk}")
    assert shown.status_code == 200 and shown.context["checked_job"] == check.pk
    assert 'data-testid="confirm-hires"' in shown.content.decode()

    saved = send(client, {"job": check.pk})
    save = Job.objects.exclude(pk=check.pk).get()
    assert saved["Location"] == f"/jobs/{save.pk}/" and save.params["dry_run"] is False
    work()

    save.refresh_from_db()
    assert save.status == "done" and save.result == {"created": 7, "unchanged": 0,
                                                     "errors": [], "dry_run": False}  # fmt: skip
    assert Hire.objects.filter(company=world.company_a).count() == 7
    assert set(Hire.objects.values_list("reported_by", flat=True)) == {world.employer_a.pk}
    assert f'href="{reverse("placements:hire-list")}"' in job_page(client, save)

    # The same file again: its check finds every hire already reported, nothing to save.
    send(client, {"file": make(rows(7))})
    work()
    again = Job.objects.order_by("-pk").first()
    assert again.result["created"] == 0 and again.result["unchanged"] == 7
    shown = client.get(f"{UPLOAD}?job={again.pk}")
    assert "checked_job" not in shown.context
    assert 'data-testid="confirm-hires"' not in shown.content.decode()
    assert Hire.objects.count() == 7


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_a_big_file_with_errors_records_nothing_and_lists_every_error(world, make, send):
    client = client_of(world.employer_a)
    bad = rows(7, r3={"Upah": "lima juta"}, r6={"Domisili": "Gotham", "Tahun lahir": "19x9"})
    send(client, {"file": make(bad)})
    work()

    job = Job.objects.get()
    assert job.status == "failed" and not Hire.objects.exists()
    found = {(e["row"], e["column"], e["value"]) for e in job.errors}
    expected = {(4, "Upah", "lima juta"), (7, "Domisili", "Gotham"), (7, "Tahun lahir", "19x9")}
    assert expected <= found
    page = job_page(client, job)
    assert 'data-testid="job-errors"' in page and "Gotham" in page
    shown = client.get(f"{UPLOAD}?job={job.pk}")
    assert shown.status_code == 200
    body = shown.content.decode()
    assert 'data-testid="errors-csv"' in body and 'data-testid="import-errors"' in body
    assert "Gotham" in body and 'data-testid="confirm-hires"' not in body
    # A failed check cannot be saved, whatever is posted.
    answer = send(client, {"job": job.pk})
    assert answer.status_code == 302 and answer["Location"] == UPLOAD
    assert Job.objects.count() == 1 and not Hire.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [("id", "Tulis upah bulanan"), ("en", "Write the monthly wage in whole Rupiah")],
)
def test_the_job_speaks_the_uploaders_language(world, language, message):
    client = client_of(world.employer_a)
    client.post(UPLOAD, {"file": csv_file(rows(7, r2={"Upah": "x"}))},
                HTTP_ACCEPT_LANGUAGE=language)  # fmt: skip
    from vokasi.jobs.services import job_run

    job = job_run(Job.objects.get().pk)
    assert job.params["language"] == language
    assert [e["message"][: len(message)] for e in job.errors] == [message]


def test_a_file_the_reader_refuses_says_so_on_the_page(world, send):
    client = client_of(world.employer_a)
    lines = ["Nama;Upah"] + [f"Pekerja {n};5000000" for n in range(8)]
    file = csv_file([{"x": "y"}])
    file.seek(0)
    file.truncate()
    file.write("\n".join(lines).encode())
    file.seek(0)
    send(client, {"file": file})
    work()
    job = Job.objects.get()
    assert job.status == "failed" and job.message
    shown = client.get(f"{UPLOAD}?job={job.pk}")
    assert 'data-testid="file-error"' in shown.content.decode()


def test_a_saving_refused_because_the_data_changed_shows_its_errors_on_the_page(world, send):
    client = client_of(world.employer_a)
    send(client, {"file": csv_file(rows(7))})
    work()
    check = Job.objects.get()
    # Meanwhile another hire is recorded under one of the file's references.
    other = client.post(UPLOAD, {"file": csv_file([row(Referensi="BIG-3", Nama="Lain")])})
    client.post(UPLOAD, {"token": other.context["token"]})
    assert Hire.objects.count() == 1
    send(client, {"job": check.pk})
    work()
    save = Job.objects.get(params__dry_run=False)
    assert save.status == "failed" and [e["row"] for e in save.errors] == [4]
    assert f'href="{UPLOAD}?job={save.pk}"' in job_page(client, save)
    shown = client.get(f"{UPLOAD}?job={save.pk}")
    assert shown.status_code == 200 and 'data-testid="import-errors"' in shown.content.decode()
    assert "checked_job" not in shown.context
    assert Hire.objects.count() == 1


def test_the_same_file_twice_while_queued_is_one_job(world, send):
    client = client_of(world.employer_a)
    first = send(client, {"file": xlsx_file(rows(7))})
    second = send(client, {"file": xlsx_file(rows(7))})
    assert first["Location"] == second["Location"]
    assert Job.objects.count() == 1
    work()
    saving = send(client, {"job": Job.objects.get().pk})
    again = send(client, {"job": Job.objects.get(params__dry_run=True).pk})
    assert saving["Location"] == again["Location"]
    assert Job.objects.filter(params__dry_run=False).count() == 1
    work()
    assert Hire.objects.count() == 7


def test_another_companys_employer_cannot_see_or_save_the_job(world, send):
    send(client_of(world.employer_a), {"file": csv_file(rows(7))})
    work()
    job = Job.objects.get()
    other = client_of(world.employer_b)
    assert other.get(reverse("job-detail", args=[job.pk])).status_code == 404
    assert other.get(f"{UPLOAD}?job={job.pk}").status_code == 404
    answer = send(other, {"job": job.pk})
    assert answer.status_code == 302 and answer["Location"] == UPLOAD
    assert Job.objects.count() == 1 and not Hire.objects.exists()


@pytest.mark.parametrize("value", ["abc", "2.421", str(10**20), ""])
def test_a_tampered_job_id_is_refused(world, send, value):
    client = client_of(world.employer_a)
    assert client.get(f"{UPLOAD}?job={value}").status_code == 404
    answer = send(client, {"job": value})
    assert answer.status_code == 302 and answer["Location"] == UPLOAD
    assert not Job.objects.exists()


def test_the_company_is_the_uploaders_when_the_job_runs(world, send):
    client = client_of(world.employer_a)
    send(client, {"file": csv_file(rows(7))})
    work()
    send(client, {"job": Job.objects.get().pk})
    world.employer_a.is_active = False  # left the company before the worker ran
    world.employer_a.save(update_fields=["is_active"])
    work()
    save = Job.objects.get(params__dry_run=False)
    assert save.status == "failed" and save.message
    assert not Hire.objects.exists()


def test_a_check_of_another_company_cannot_be_saved_for_this_one(world, send):
    client = client_of(world.employer_a)
    send(client, {"file": csv_file(rows(7))})
    work()
    check = Job.objects.get()
    check.params = {**check.params, "company": world.company_b.pk}
    check.save(update_fields=["params"])
    assert "checked_job" not in client.get(f"{UPLOAD}?job={check.pk}").context
    answer = send(client, {"job": check.pk})
    assert answer["Location"] == UPLOAD and Job.objects.count() == 1


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_a_small_file_still_answers_in_the_request(world, make, send):
    client = client_of(world.employer_a)
    answer = send(client, {"file": make(rows(5))})
    assert answer.status_code == 200 and answer.context["token"]
    assert answer.context["result"].created == 5
    assert not Job.objects.exists()
    assert send(client, {"token": answer.context["token"]}).status_code == 302
    assert Hire.objects.count() == 5 and not Job.objects.exists()
