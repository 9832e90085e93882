"""companies_import and its page: a list of companies onto an office's register."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from placements.services.company_import import companies_import
from tests import factories
from vokasi.models import Company

pytestmark = pytest.mark.django_db


def company_row(n: int, **kw) -> dict:
    row = {
        "NIB": f"{7120000000000 + n}",
        "Nama Perusahaan": f"PT Industri Cilegon {n}",
        "NPWP": "01.300.066.6-091.000" if n % 2 else "",
        "KBLI": "24" if n % 2 else "5222",
        "Kecamatan": "Ciwandan" if n % 3 else "36.72.03",
        "Alamat": f"Jl. Industri No. {n}",
        "Jumlah Pekerja": str(100 + n),
        "No Apindo": f"APINDO-IMP-{n:04d}" if n % 2 else "",
        "Kontak": "Ibu Ratna",
        "Email": f"hr{n}@example.co.id",
        "Telepon": "0254 311000",
    }
    row.update(kw)
    return row


def csv_file(rows: list[dict], sep: str = ";") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=sep)
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()


def xlsx_file(rows: list[dict]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(world, data: bytes, name: str, dry_run: bool = False):
    return companies_import(
        office=world.office_a,
        file=io.BytesIO(data),
        filename=name,
        dry_run=dry_run,
        by=world.officer_a,
    )


def test_a_csv_puts_every_row_on_the_register_unverified(world):
    result = run(world, csv_file([company_row(n) for n in range(1, 6)]), "daftar.csv")
    assert result.ok and result.created == 5
    companies = Company.objects.filter(name__startswith="PT Industri Cilegon")
    assert companies.count() == 5
    assert set(companies.values_list("status", "office")) == {("unverified", world.office_a.pk)}
    first = companies.get(nib="7120000000001")
    assert (first.region_id, first.sector_id, first.npwp) == ("36.72.04", "24", "013000666091000")
    assert first.history.count() == 1


def test_an_xlsx_with_english_headers_is_read(world):
    rows = [
        {
            "nib": f"{7130000000000 + n}",
            "Name": f"PT English {n}",
            "Sector": "C",
            "Region": "36.72.01",
            "Workforce": 50 + n,
            "Contact person": "Pak Budi",
        }
        for n in range(3)
    ]
    result = run(world, xlsx_file(rows), "companies.xlsx")
    assert result.ok, result.errors
    assert Company.objects.filter(name__startswith="PT English").count() == 3


def test_a_dry_run_saves_nothing(world):
    result = run(world, csv_file([company_row(1)]), "daftar.csv", dry_run=True)
    assert result.ok and result.created == 1 and result.dry_run
    assert not Company.objects.filter(nib="7120000000001").exists()


def test_a_bad_row_saves_nothing_and_every_error_is_listed(world):
    rows = [company_row(n) for n in range(1, 5)]
    rows[1]["NIB"] = "12345"
    rows[2]["KBLI"] = "99999"
    rows[2]["Kecamatan"] = "Atlantis"
    rows[3]["Jumlah Pekerja"] = "banyak"
    rows[3]["NPWP"] = "123"
    result = run(world, csv_file(rows), "daftar.csv")
    assert not result.ok
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (3, "NIB"),
        (4, "KBLI"),
        (4, "Kecamatan"),
        (5, "Jumlah Pekerja"),
        (5, "NPWP"),
    }
    assert all(e.message for e in result.errors)
    assert not Company.objects.filter(name__startswith="PT Industri Cilegon").exists()


def test_uploading_the_same_file_again_names_the_registered_companies_and_writes_nothing(world):
    data = csv_file([company_row(n) for n in range(1, 4)])
    assert run(world, data, "daftar.csv").created == 3
    again = run(world, data, "daftar.csv")
    nib_errors = [e for e in again.errors if e.column == "NIB"]
    assert not again.ok and [e.row for e in nib_errors] == [2, 3, 4]
    assert all("PT Industri Cilegon" in e.message for e in nib_errors)
    assert Company.objects.filter(name__startswith="PT Industri Cilegon").count() == 3


def test_a_nib_given_twice_in_the_file_is_a_row_error(world):
    rows = [company_row(1), company_row(2, NIB=company_row(1)["NIB"])]
    result = run(world, csv_file(rows), "daftar.csv")
    assert [(e.row, e.column) for e in result.errors] == [(3, "NIB")]
    assert "row 2" in result.errors[0].message or "baris 2" in result.errors[0].message


def test_a_nib_registered_by_another_office_is_named(world):
    other = factories.company(office=world.office_b, nib="7120000000001", name="PT Serang")
    result = run(world, csv_file([company_row(1)]), "daftar.csv")
    assert [e.column for e in result.errors] == ["NIB"]
    assert other.name in result.errors[0].message


# ------------------------------------------------------------------------ the page


@pytest.fixture
def officer(client, world):
    client.force_login(world.officer_a)
    return client


def upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_the_page_checks_then_registers(officer):
    data = csv_file([company_row(n) for n in range(1, 3)])
    response = officer.post(
        "/companies/import/", {"file": upload("daftar.csv", data), "dry_run": "1"}
    )
    assert response.status_code == 200
    assert b'data-testid="created">2<' in response.content
    assert not Company.objects.filter(nib="7120000000001").exists()
    response = officer.post("/companies/import/", {"file": upload("daftar.csv", data)})
    assert response.status_code == 200
    assert Company.objects.filter(name__startswith="PT Industri Cilegon").count() == 2


def test_the_page_lists_errors_with_400(officer):
    data = csv_file([company_row(1, NIB="abc")])
    response = officer.post("/companies/import/", {"file": upload("daftar.csv", data)})
    assert response.status_code == 400
    assert b'data-testid="import-errors"' in response.content


def test_the_page_refuses_a_file_that_is_no_table(officer):
    response = officer.post("/companies/import/", {"file": upload("x.xlsx", b"%PDF-1.4 x")})
    assert response.status_code == 415
    assert officer.post("/companies/import/", {}).status_code == 400


def test_the_template_has_the_headers(officer):
    response = officer.get("/companies/import/template.csv")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("nib;nama;npwp;kbli;kecamatan")


def test_the_template_is_read_back_by_the_import(world):
    from placements.services.company_import import TEMPLATE_HEADERS

    values = [
        "7140000000001",
        "PT Templat",
        "",
        "24",
        "Ciwandan",
        "Jl. A",
        "10",
        "",
        "Ibu A",
        "a@example.com",
        "0254",
    ]
    data = ("\ufeff" + ";".join(TEMPLATE_HEADERS) + "\r\n" + ";".join(values) + "\r\n").encode()
    result = run(world, data, "perusahaan.csv")
    assert result.ok, result.errors
