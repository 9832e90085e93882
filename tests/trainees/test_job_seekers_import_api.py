"""POST /api/v1/job-seekers/import/: files, JSON rows, dry run, errors, sizes and types."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.trainees.test_job_seeker_import import csv_bytes, person_row, xlsx_bytes
from trainees.models import JobSeeker

pytestmark = pytest.mark.django_db
URL = "/api/v1/job-seekers/import/"


def upload(data: bytes, name: str = "daftar.csv"):
    return {"file": SimpleUploadedFile(name, data)}


def test_an_officer_imports_a_csv_and_gets_the_counts(api, world):
    data = csv_bytes([person_row(n) for n in range(1, 6)])
    response = api.as_user(world.officer_a).post(URL, upload(data), format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json() | {"errors": []} == {
        "created": 5, "updated": 0, "unchanged": 0, "errors": [], "dry_run": False,
    }  # fmt: skip
    assert JobSeeker.objects.filter(office=world.office_a).count() == 5
    again = api.as_user(world.officer_a).post(URL, upload(data), format="multipart")
    assert again.status_code == 200
    assert (again.json()["created"], again.json()["unchanged"]) == (0, 5)


def test_a_dry_run_saves_nothing(api, world):
    data = xlsx_bytes([person_row(n) for n in range(1, 4)])
    response = api.as_user(world.officer_a).post(
        URL + "?dry_run=true", upload(data, "list.xlsx"), format="multipart"
    )
    assert response.status_code == 200
    assert response.json()["created"] == 3 and response.json()["dry_run"] is True
    assert not JobSeeker.objects.exists()


def test_row_errors_answer_400_with_every_error_and_save_nothing(api, world):
    rows = [person_row(1), person_row(2, NIK="123"), person_row(3, Kecamatan="Mars")]
    response = api.as_user(world.officer_a).post(URL, upload(csv_bytes(rows)), format="multipart")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {(e["row"], e["column"]) for e in errors} == {(3, "NIK"), (4, "Kecamatan")}
    assert errors[0]["value"] == "123"
    assert not JobSeeker.objects.exists()


def test_json_rows_take_the_same_path(api, world):
    rows = [person_row(n) for n in range(1, 3)]
    response = api.as_user(world.officer_a).post(URL, {"rows": rows}, format="json")
    assert response.status_code == 201
    assert response.json()["created"] == 2


def test_a_wrong_file_type_answers_415(api, world):
    fake = upload(b"%PDF-1.7\x00\x00binary", "daftar.xlsx")
    response = api.as_user(world.officer_a).post(URL, fake, format="multipart")
    assert response.status_code == 415
    assert response.json()["detail"]


def test_an_empty_file_and_a_missing_column_answer_400(api, world):
    client = api.as_user(world.officer_a)
    assert client.post(URL, upload(b""), format="multipart").status_code == 400
    rows = [{k: v for k, v in person_row(1).items() if k != "NIK"}]
    response = client.post(URL, upload(csv_bytes(rows)), format="multipart")
    assert response.status_code == 400
    assert "nik" in response.json()["detail"]


def test_a_file_over_the_limit_answers_413(api, world, settings):
    settings.VOKASI_UPLOAD_MAX_BYTES = 1000
    data = csv_bytes([person_row(n) for n in range(1, 40)])
    response = api.as_user(world.officer_a).post(URL, upload(data), format="multipart")
    assert response.status_code == 413


def test_employers_and_trainers_may_not_import(api, world):
    for user in (world.employer_a, world.trainer_a):
        data = io.BytesIO(csv_bytes([person_row(1)]))
        data.name = "x.csv"
        response = api.as_user(user).post(URL, {"file": data}, format="multipart")
        assert response.status_code == 403
