"""Structured logging: one JSON line a request, request ids, security events, imports
logged by counts without personal data."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.trainees.results_files import rows_for, running_cohort, upload, xlsx
from tests.trainees.test_job_seeker_import import csv_bytes, person_row
from vokasi.logging_json import JsonFormatter, RequestContextFilter, username_hash

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def log_lines():
    """The JSON lines the app's loggers write during the test, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContextFilter())
    logger = logging.getLogger("vokasi")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    lines.raw = stream.getvalue
    yield lines
    logger.removeHandler(handler)
    logger.setLevel(previous)


def test_a_request_is_one_json_line_with_its_id_user_path_status_and_duration(
    client, world, log_lines
):
    client.force_login(world.officer_a)
    response = client.get(
        reverse("trainees:job-seeker-list") + "?q=3672", HTTP_X_REQUEST_ID="abc-123"
    )
    assert response.status_code == 200
    assert response["X-Request-ID"] == "abc-123"
    (line,) = [entry for entry in log_lines() if entry["logger"] == "vokasi.request"]
    assert line["level"] == "INFO"
    assert line["request_id"] == "abc-123"
    assert line["user_id"] == world.officer_a.pk
    assert line["method"] == "GET"
    assert line["path"] == reverse("trainees:job-seeker-list")  # never the query string
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert line["time"].endswith("+00:00")
    assert line["message"] == f"GET {line['path']} 200"


def test_a_request_id_is_made_when_none_or_a_strange_one_is_sent(client, log_lines):
    generated = client.get("/health/")["X-Request-ID"]
    assert len(generated) == 32
    strange = client.get("/health/", HTTP_X_REQUEST_ID="x\nforged log line")["X-Request-ID"]
    assert strange != "x\nforged log line" and len(strange) == 32
    assert [entry["request_id"] for entry in log_lines()] == [generated, strange]
    assert all(entry["user_id"] is None for entry in log_lines())


def test_permission_denied_is_a_security_event(api, world, log_lines):
    response = api.as_user(world.employer_a).post("/api/v1/job-seekers/import/", {})
    assert response.status_code == 403
    (line,) = log_lines()
    assert line["level"] == "WARNING"
    assert line["event"] == "permission_denied"
    assert line["user_id"] == world.employer_a.pk
    assert line["status"] == 403


def test_a_failed_login_is_logged_without_the_username(client, world, log_lines):
    client.post(reverse("login"), {"username": world.officer_a.username, "password": "wrong"})
    (event,) = [entry for entry in log_lines() if entry.get("event") == "login_failed"]
    assert event["logger"] == "vokasi.security"
    assert event["username_hash"] == username_hash(world.officer_a.username)
    assert world.officer_a.username not in log_lines.raw()
    assert event["request_id"]


def test_an_import_with_errors_logs_counts_and_no_personal_data(api, world, log_lines):
    people = [person_row(n, Pendidikan="??") for n in (1, 2, 3)]
    response = api.as_user(world.officer_a).post(
        "/api/v1/job-seekers/import/",
        {"file": SimpleUploadedFile("daftar.csv", csv_bytes(people))},
        format="multipart",
    )
    assert response.status_code == 400
    (line,) = [entry for entry in log_lines() if entry.get("event") == "import"]
    assert line["import"] == "job_seekers"
    assert (line["rows"], line["errors"], line["status"]) == (3, 3, 400)
    assert line["user_id"] == world.officer_a.pk and line["request_id"]
    text = log_lines.raw()
    for person in people:
        for value in (person["NIK"], person["Nama"], person["Alamat"], person["No HP"]):
            assert value not in text


def test_a_saved_results_upload_logs_its_upload_id(api, world, log_lines):
    from trainees.models import ResultUpload

    cohort = running_cohort(world, trainees=3)
    response = api.as_user(world.trainer_a).post(
        f"/api/v1/cohorts/{cohort.pk}/results/",
        {"file": upload(xlsx(rows_for(cohort)), "hasil.xlsx")},
        format="multipart",
    )
    assert response.status_code == 200
    (line,) = [entry for entry in log_lines() if entry.get("event") == "import"]
    assert line["upload_id"] == ResultUpload.objects.get().pk
    assert (line["rows"], line["errors"], line["rows_created"]) == (3, 0, 3)
    for enrollment in cohort.enrollments.select_related("job_seeker"):
        assert enrollment.job_seeker.nik not in log_lines.raw()


@pytest.mark.parametrize(
    ("env", "formatter"),
    [
        ({"DEBUG": "0"}, "json"),
        ({"DEBUG": "1"}, "plain"),
        ({"DEBUG": "1", "LOG_FORMAT": "json"}, "json"),
    ],
)
def test_json_in_production_plain_in_development(env, formatter):
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "LOG_FORMAT")}
    environment.update(env, SECRET_KEY="x" * 50, PYTHONPATH=str(ROOT))
    script = "import vokasi.settings as s; print(s.LOGGING['handlers']['console']['formatter'])"
    done = subprocess.run(
        [sys.executable, "-c", script], env=environment, cwd=ROOT, capture_output=True, text=True
    )
    assert done.stdout.strip() == formatter, done.stderr
