"""job_seekers_import: the bulk registration of a job fair's list."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from tests import factories
from trainees.models import JobSeeker, JobSeekerSkill
from trainees.nik import build_nik
from trainees.services.registration.importing import job_seekers_import
from vokasi.tabular import TableError

pytestmark = pytest.mark.django_db


def person_row(n: int, **kw) -> dict:
    sex = "P" if n % 2 else "L"
    born = datetime.date(1990 + n % 15, 1 + n % 12, 1 + n % 28)
    row = {
        "NIK": build_nik("36.72.0" + str(1 + n % 8), born, sex, n % 10000),
        "Nama": "Peserta " + "".join(chr(ord("a") + int(d)) for d in str(n)),
        "Tempat Lahir": "Cilegon",
        "Tanggal Lahir": born.strftime("%d-%m-%Y"),
        "Jenis Kelamin": "Perempuan" if sex == "P" else "Laki-laki",
        "Alamat": f"Jl. Pabrik No. {n}",
        "Kecamatan": "Ciwandan" if n % 3 else "36.72.01",
        "No HP": "0812" + f"{n:08d}",
        "Pendidikan": "SMK" if n % 2 else "S1",
        "Jurusan": "Teknik Las",
        "Keterampilan": "LAS-SMAW; LAS-GTAW" if n % 4 == 0 else "",
        "Persetujuan": "ya" if n % 2 else "tidak",
    }
    row.update(kw)
    return row


def csv_bytes(rows: list[dict], *, sep=",", encoding="utf-8", header=None) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header or list(rows[0]), delimiter=sep)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[dict], *, nik_as_number=False) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        values = list(row.values())
        if nik_as_number:
            values[0] = int(values[0])
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(world, data: bytes, name="daftar.csv", **kw):
    return job_seekers_import(
        office=world.office_a, file=data, filename=name, imported_by=world.officer_a, **kw
    )


def test_a_csv_with_indonesian_headers_registers_everyone(world):
    rows = [person_row(n) for n in range(1, 21)]
    result = run(world, csv_bytes(rows))
    assert result.errors == []
    assert result.created == 20
    people = JobSeeker.objects.filter(office=world.office_a)
    assert people.count() == 20
    first = people.get(nik=rows[0]["NIK"])
    assert first.name_normalised == rows[0]["Nama"].upper()
    assert first.phone == rows[0]["No HP"]  # leading zero kept
    assert first.region_id == "36.72.04" and first.sex == "P" and first.education_id == "smk"
    assert first.registration_number.startswith("3672-")
    assert len(set(people.values_list("registration_number", flat=True))) == 20
    assert JobSeekerSkill.objects.filter(job_seeker__in=people).count() == 10


def test_importing_the_same_file_again_creates_nothing(world):
    data = csv_bytes([person_row(n) for n in range(1, 11)])
    run(world, data)
    again = run(world, data)
    assert (again.created, again.unchanged, again.errors) == (0, 10, [])
    assert JobSeeker.objects.count() == 10


def test_a_dry_run_reports_and_saves_nothing(world):
    result = run(world, csv_bytes([person_row(n) for n in range(1, 6)]), dry_run=True)
    assert result.created == 5 and result.dry_run
    assert not JobSeeker.objects.exists()


@pytest.mark.parametrize(
    ("sep", "encoding", "bom"),
    [(";", "utf-8", True), (",", "cp1252", False), (";", "cp1252", False)],
)
def test_semicolons_bom_and_windows_1252_are_read(world, sep, encoding, bom):
    rows = [person_row(1, Nama="Siti Nur'aini Ané"), person_row(2)]
    data = csv_bytes(rows, sep=sep, encoding=encoding)
    result = run(world, (b"\xef\xbb\xbf" if bom else b"") + data)
    assert result.errors == []
    assert JobSeeker.objects.filter(name="Siti Nur'aini Ané").exists()


def test_an_xlsx_with_english_headers_is_read(world):
    rows = [
        {
            "nik": r["NIK"],
            "Full name": r["Nama"],
            "Place of birth": r["Tempat Lahir"],
            "Date of birth": r["Tanggal Lahir"],
            "Sex": "P" if r["Jenis Kelamin"] == "Perempuan" else "L",
            "Address": r["Alamat"],
            "District": "36.72.04",
            "Phone": r["No HP"],
            "Education": "smk",
        }
        for r in [person_row(n) for n in range(1, 4)]
    ]
    result = run(world, xlsx_bytes(rows), name="list.xlsx")
    assert result.errors == [] and result.created == 3


def test_a_nik_stored_as_an_excel_number_is_a_row_error(world):
    rows = [person_row(n) for n in range(1, 4)]
    result = run(world, xlsx_bytes(rows, nik_as_number=True), name="list.xlsx")
    assert {e.row for e in result.errors} == {2, 3, 4}
    assert all(e.column == "NIK" for e in result.errors)
    assert not JobSeeker.objects.exists()


def test_each_bad_cell_is_reported_with_row_column_value_and_reason(world):
    existing = factories.job_seeker(world.office_b)
    rows = [
        person_row(1, NIK="367204"),  # row 2: too short
        person_row(2, NIK="36720A0101900002"),  # row 3: a letter
        person_row(3, **{"Tanggal Lahir": "01-01-1980"}),  # row 4: disagrees with the NIK
        person_row(4, Kecamatan="Atlantis"),  # row 5
        person_row(5, Pendidikan="SMA Plus"),  # row 6
        person_row(6, **{"Jenis Kelamin": "X"}),  # row 7
        person_row(7, Keterampilan="NOPE"),  # row 8
        person_row(  # row 9: registered at another office
            8,
            NIK=existing.nik,
            **{"Tanggal Lahir": existing.birth_date.strftime("%d-%m-%Y"), "Jenis Kelamin": "L"},
        ),
        person_row(9),  # row 10
        person_row(9),  # row 11: same NIK as row 10
        person_row(10, NIK="9972041212900001"),  # row 12: unknown province
    ]
    result = run(world, csv_bytes(rows))
    found = {(e.row, e.column) for e in result.errors}
    assert {
        (2, "NIK"), (3, "NIK"), (4, "NIK"), (5, "Kecamatan"), (6, "Pendidikan"),
        (7, "Jenis Kelamin"), (8, "Keterampilan"), (9, "NIK"), (11, "NIK"), (12, "NIK"),
    } <= found  # fmt: skip
    assert (10, "NIK") not in found
    by_cell = {(e.row, e.column): e for e in result.errors}
    assert by_cell[(5, "Kecamatan")].value == "Atlantis"
    assert "10" in by_cell[(11, "NIK")].message
    assert existing.registration_number in by_cell[(9, "NIK")].message
    assert result.created == 0
    assert JobSeeker.objects.count() == 1


def test_an_under_age_row_is_refused(world):
    today = timezone.localdate()
    born = datetime.date(today.year - 14, 1, 1)
    row = person_row(
        1, NIK=build_nik("36.72.04", born, "P", 1), **{"Tanggal Lahir": born.strftime("%d-%m-%Y")}
    )
    result = run(world, csv_bytes([row]))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Tanggal Lahir")]


def test_a_missing_required_column_refuses_the_file(world):
    rows = [{k: v for k, v in person_row(1).items() if k != "Alamat"}]
    with pytest.raises(TableError) as excinfo:
        run(world, csv_bytes(rows))
    assert excinfo.value.status == 400
    assert "address" in excinfo.value.message


def test_an_empty_file_and_a_wrong_type_are_refused(world):
    with pytest.raises(TableError) as empty:
        run(world, b"")
    assert empty.value.status == 400
    with pytest.raises(TableError) as pdf:
        run(world, b"%PDF-1.4 not a sheet\x00\x00", name="daftar.xlsx")
    assert pdf.value.status == 415


def test_ten_thousand_rows_with_scattered_errors_are_all_reported_and_nothing_saved(
    world, django_assert_max_num_queries
):
    rows = [person_row(n) for n in range(1, 10_001)]
    bad_rows = list(range(7, 10_001, 997))  # 11 rows spread over the file
    for n in bad_rows:
        rows[n - 1]["Pendidikan"] = "Sekolah Tinggi"
    rows[5000]["NIK"] = rows[4000]["NIK"]
    with django_assert_max_num_queries(12):
        result = run(world, csv_bytes(rows))
    assert {e.row for e in result.errors if e.column == "Pendidikan"} == {n + 1 for n in bad_rows}
    assert any(e.row == 5002 and e.column == "NIK" for e in result.errors)
    assert result.created == 0
    assert not JobSeeker.objects.exists()


def test_ten_thousand_good_rows_are_written_in_bulk(world, django_assert_max_num_queries):
    rows = [person_row(n) for n in range(1, 10_001)]
    with django_assert_max_num_queries(16):  # a fixed number, however many rows
        result = run(world, csv_bytes(rows))
    assert result.created == 10_000
    assert JobSeeker.objects.count() == 10_000
    assert JobSeekerSkill.objects.count() == 2_500 * 2
    person = JobSeeker.objects.get(nik=rows[3]["NIK"])
    assert person.skill_rows.count() == 2
    assert person.created_at is not None and person.status == "active"


def test_a_nik_registered_while_the_file_was_checked_becomes_a_row_error(world, monkeypatch):
    from trainees.services.registration import importing as module

    rows = [person_row(n) for n in range(1, 4)]
    data = csv_bytes(rows)
    real_existing = module._existing
    calls = []

    def existing_appears_late(niks):
        calls.append(1)
        if len(calls) == 1:
            # The other officer's registration commits right after our check.
            factories.job_seeker(
                world.office_b,
                nik=rows[1]["NIK"],
                sex="L",
                birth_date=datetime.date(1992, 3, 3),  # person_row(2)'s birth date
            )
            return {}
        return real_existing(niks)

    monkeypatch.setattr(module, "_existing", existing_appears_late)
    result = run(world, data)
    assert [(e.row, e.column) for e in result.errors] == [(3, "NIK")]
    assert JobSeeker.objects.filter(office=world.office_a).count() == 0
