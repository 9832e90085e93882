"""The company's hire report pages: one hire typed in, a file of many (real .xlsx and
.csv), and the office's read-only list of a company's reported hires."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook

from placements.models import Hire, Placement
from tests import factories
from trainees.models import JobSeeker

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def row(**kw) -> dict:
    data = {
        "Referensi": "HIRE-1",
        "Referensi lowongan": "",
        "Nama": "Ahmad Fauzi",
        "Jenis kelamin": "Laki-laki",
        "Tahun lahir": "1999",
        "Pendidikan": "SMK",
        "Domisili": "36.72.04",
        "NIK": "",
        "KBJI": "7212",
        "Tanggal mulai": TODAY.strftime("%d-%m-%Y"),
        "Status kerja": "PKWT",
        "Upah": "5.200.000",
    }
    data.update(kw)
    return data


def csv_file(rows: list[dict]) -> io.BytesIO:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    handle = io.BytesIO(out.getvalue().encode())
    handle.name = "penerimaan.csv"
    return handle


def xlsx_file(rows: list[dict]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(rows[0]))
    for values in rows:
        sheet.append(list(values.values()))
    handle = io.BytesIO()
    workbook.save(handle)
    handle.seek(0)
    handle.name = "penerimaan.xlsx"
    return handle


def upload(client, file):
    answer = client.post("/hires/upload/", {"file": file})
    token = answer.context.get("token") if answer.context else None
    return answer, token


def test_a_hire_typed_in_is_reported_and_listed(world):
    client = client_of(world.employer_a)
    vacancy = factories.vacancy(world.company_a, openings=2)
    answer = client.post(
        "/hires/new/",
        {
            "vacancy": vacancy.pk,
            "external_ref": "EMP-77",
            "name": "Siti Aminah",
            "sex": "P",
            "birth_year": 2001,
            "education": "sma",
            "domicile": "outside",
            "occupation": "7212",
            "start_date": TODAY.isoformat(),
            "employment_type": "pkwt",
            "wage": 5_000_000,
        },
    )
    assert answer.status_code == 302
    hire = Hire.objects.get()
    assert (hire.vacancy, hire.domicile, hire.reported_by) == (vacancy, None, world.employer_a)
    listed = client.get("/hires/")
    assert "Siti Aminah" in listed.content.decode()


@pytest.mark.parametrize(
    "change",
    [{"vacancy": "abc"}, {"wage": "2.421"}, {"wage": str(10**15)}, {"birth_year": "1850"}],
)
def test_bad_input_on_the_form_answers_400_and_writes_nothing(world, change):
    other = factories.vacancy(world.company_b)
    body = {
        "name": "Siti Aminah",
        "sex": "P",
        "birth_year": 2001,
        "education": "sma",
        "domicile": "outside",
        "occupation": "7212",
        "start_date": TODAY.isoformat(),
        "employment_type": "pkwt",
        "wage": 5_000_000,
        **change,
    }
    answer = client_of(world.employer_a).post("/hires/new/", body)
    assert answer.status_code == 400
    body["vacancy"] = other.pk  # another company's vacancy is not a choice
    assert client_of(world.employer_a).post("/hires/new/", body).status_code == 400
    assert not Hire.objects.exists()


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_a_file_is_checked_then_saved_on_confirmation_and_again_changes_nothing(world, make):
    person = factories.job_seeker(world.office_a, birth_date=datetime.date(1999, 3, 14))
    rows = [
        row(),
        row(Referensi="HIRE-2", Nama=person.name, NIK=person.nik, Domisili="luar kota"),
    ]
    client = client_of(world.employer_a)
    answer, token = upload(client, make(rows))
    assert answer.status_code == 200 and token
    assert answer.context["result"].created == 2
    assert not Hire.objects.exists()  # nothing before the confirmation
    confirmed = client.post("/hires/upload/", {"token": token})
    assert confirmed.status_code == 302
    assert Hire.objects.count() == 2
    person.refresh_from_db()
    assert person.status == JobSeeker.Status.PLACED
    assert Placement.objects.get(job_seeker=person).source == Placement.Source.HIRE_REPORT
    again, token = upload(client, make(rows))
    assert again.status_code == 200 and token is None
    assert again.context["result"].unchanged == 2
    assert Hire.objects.count() == 2


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_a_bad_row_saves_nothing_and_every_error_is_listed(world, make):
    rows = [
        row(),
        row(Referensi="HIRE-2", Tahun_lahir="x") | {"Tahun lahir": "19x9", "Upah": "lima juta"},
        row(Referensi="HIRE-1", Domisili="Gotham", NIK="123"),
    ]
    rows = [{k: v for k, v in r.items() if k != "Tahun_lahir"} for r in rows]
    answer, token = upload(client_of(world.employer_a), make(rows))
    assert answer.status_code == 400 and token is None
    found = {(e.row, e.column) for e in answer.context["errors"]}
    assert {(3, "Tahun lahir"), (3, "Upah"), (4, "Referensi"), (4, "Domisili"), (4, "NIK")} <= found
    assert all(e.message for e in answer.context["errors"])
    assert not Hire.objects.exists()


def test_the_template_downloads_with_every_column(world):
    answer = client_of(world.employer_a).get("/hires/upload/template.csv")
    assert answer.status_code == 200
    assert b"external_ref" in answer.content and b"start_date" in answer.content


def test_the_office_reads_a_companys_hires_read_only(world):
    world.company_a.office = world.office_a
    world.company_a.save()
    Hire.objects.create(
        company=world.company_a,
        name="Budi Santoso",
        sex="L",
        birth_year=1995,
        education_id="sma",
        occupation_id="7212",
        start_date=TODAY,
        employment_type="pkwt",
        wage=4_900_000,
        nik="3672041403990001",
    )
    page = client_of(world.officer_a).get(f"/companies/{world.company_a.pk}/hires/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Budi Santoso" in text and "3672041403990001" not in text
    assert (
        client_of(world.officer_b).get(f"/companies/{world.company_a.pk}/hires/").status_code == 404
    )
    export = client_of(world.officer_a).get("/hires/?format=csv")
    assert b"Budi Santoso" in export.content and b"3672041403990001" not in export.content
