"""The shared reader: real .xlsx and .csv files, as providers and job fairs send them."""

from __future__ import annotations

import io
import random
import zipfile

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook

from vokasi.exports import rows_to_csv, rows_to_xlsx, safe_cell
from vokasi.tabular import (
    Column,
    RowError,
    TableError,
    errors_to_csv,
    errors_to_xlsx,
    parsing,
    read_table,
)

COLUMNS = [
    Column("nik", ("NIK", "nomor induk kependudukan", "no ktp"), text=True),
    Column("name", ("nama", "nama lengkap")),
    Column("phone", ("no hp", "telepon", "nomor telepon"), required=False, text=True),
    Column("score", ("nilai", "nilai akhir"), required=False),
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def xlsx(rows: list[list], *, hidden_first: bool = False, text_columns=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if hidden_first:
        sheet.title = "Petunjuk"
        sheet.append(["ignore me"])
        sheet.sheet_state = "hidden"
        sheet = workbook.create_sheet("Data")
    for row in rows:
        sheet.append(row)
    for column in text_columns:
        for cell in sheet[column]:
            cell.number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_reads_an_xlsx_with_indonesian_headers_keeping_niks_and_phones_as_text():
    data = xlsx(
        [
            ["NIK", "Nama Lengkap", "No. HP", "Nilai Akhir"],
            ["3672044108990001", "Siti Aminah", "081234567890", 85.5],
            ["3672041208990002", "Budi Santoso", "0812000111", 90],
        ]
    )
    table = read_table(data, COLUMNS, filename="hasil.xlsx")
    assert table.file_type == "xlsx"
    assert table.errors == []
    assert list(table.frame.index) == [2, 3]
    assert table.frame.loc[2].to_dict() == {
        "nik": "3672044108990001",
        "name": "Siti Aminah",
        "phone": "081234567890",
        "score": "85.5",
    }
    assert table.frame.loc[3, "score"] == "90"
    assert table.header("phone") == "No. HP"


def test_a_nik_excel_turned_into_a_number_is_a_row_error_not_a_mangled_value():
    data = xlsx([["nik", "nama"], [3672044108990001, "Siti"], ["3672041208990002", "Budi"]])
    table = read_table(data, COLUMNS)
    assert table.errors == [
        RowError(
            2,
            "nik",
            "3.67204E+15",
            table.errors[0].message,
        )
    ]
    assert "as a number" in table.errors[0].message
    assert "Text" in table.errors[0].message


def test_a_csv_with_scientific_notation_in_the_nik_column_is_explained():
    data = b"nik;nama\n3,67204E+15;Siti\n"
    table = read_table(data, COLUMNS)
    assert [e.row for e in table.errors] == [2]
    assert table.errors[0].value == "3,67204E+15"


@pytest.mark.parametrize(
    ("encoding", "bom", "sep"),
    [("utf-8", True, ";"), ("utf-8", False, ","), ("cp1252", False, ";"), ("utf-8", False, "\t")],
)
def test_reads_csv_in_the_encodings_and_separators_excel_writes(encoding, bom, sep):
    text = sep.join(["NIK", "Nama", "Telepon"]) + "\r\n"
    text += sep.join(["3672044108990001", "Siti Nur’aini Façade", "081234567890"]) + "\r\n"
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
    table = read_table(SimpleUploadedFile("data.csv", data), COLUMNS)
    assert table.file_type == "csv"
    assert table.frame.loc[2, "name"] == "Siti Nur’aini Façade"
    assert table.frame.loc[2, "phone"] == "081234567890"


def test_blank_rows_are_skipped_and_row_numbers_stay_those_of_the_sheet():
    data = xlsx([[None], ["nik", "nama"], ["3672044108990001", "A"], [None, None], ["1", "B"]])
    table = read_table(data, COLUMNS)
    assert list(table.frame.index) == [3, 5]


def test_the_first_visible_sheet_is_read_and_hidden_ones_are_skipped():
    data = xlsx([["nik", "nama"], ["3672044108990001", "A"]], hidden_first=True)
    table = read_table(data, COLUMNS)
    assert table.sheet == "Data"
    assert table.frame.loc[2, "name"] == "A"


def test_missing_required_columns_are_named_with_their_accepted_headers():
    with pytest.raises(TableError) as caught:
        read_table(b"nama,telepon\nA,0812\n", COLUMNS)
    assert caught.value.status == 400
    assert "nik" in caught.value.message
    assert caught.value.errors[0].row == 1
    assert "nomor induk kependudukan" in caught.value.errors[0].message


def test_two_headers_meaning_the_same_column_are_refused():
    with pytest.raises(TableError, match="both mean"):
        read_table(b"nik,no ktp,nama\n1,2,A\n", COLUMNS)


@pytest.mark.parametrize(
    ("data", "filename", "status", "fragment"),
    [
        (b"", "x.csv", 400, "empty"),
        (b"   \n", "x.csv", 400, "empty"),
        (b"nik,nama\n", "x.csv", 400, "no data rows"),
        (b"nik,nama\n1,A\n", "hasil.xlsx", 415, "not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls", 415, ".xls"),
        (b"\x89PNG\r\n\x1a\n\0\0\0", "photo.csv", 415, "neither"),
        (b"PK\x03\x04broken", "x.xlsx", 400, "damaged"),
    ],
)
def test_whole_file_problems_are_clear_errors(data, filename, status, fragment):
    with pytest.raises(TableError) as caught:
        read_table(data, COLUMNS, filename=filename)
    assert caught.value.status == status
    assert fragment in caught.value.message


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(TableError) as caught:
        read_table(buffer.getvalue(), COLUMNS)
    assert caught.value.status == 415


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * (20 * 1024 * 1024))
    with pytest.raises(TableError) as caught:
        read_table(buffer.getvalue(), COLUMNS)
    assert caught.value.status == 413


def test_a_file_over_the_size_limit_is_refused_with_413():
    with pytest.raises(TableError) as caught:
        read_table(b"nik,nama\n" + b"1,A\n" * 1000, COLUMNS, max_bytes=1000)
    assert caught.value.status == 413


def test_more_rows_than_the_limit_are_refused():
    with pytest.raises(TableError, match="more than 2"):
        read_table(b"nik,nama\n1,A\n2,B\n3,C\n", COLUMNS, max_rows=2)


def test_error_reports_download_as_csv_and_xlsx():
    errors = [RowError(7, "NIK", "=cmd()", "NIK must be 16 digits.")]
    csv_text = errors_to_csv(errors).decode("utf-8-sig")
    assert "7,NIK,'=cmd(),NIK must be 16 digits." in csv_text
    sheet = load_workbook(io.BytesIO(errors_to_xlsx(errors))).active
    assert [c.value for c in sheet[2]] == [7, "NIK", "'=cmd()", "NIK must be 16 digits."]


@pytest.mark.parametrize("dangerous", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_exports_neutralise_formula_cells(dangerous):
    assert safe_cell(dangerous) == "'" + dangerous
    rows = [{"name": dangerous, "count": -5}]
    columns = [("name", "Name"), ("count", "Count")]
    sheet = load_workbook(io.BytesIO(rows_to_xlsx(rows, columns))).active
    # (XML turns a lone carriage return into a line feed; what matters is the apostrophe.)
    assert sheet["A2"].value.startswith("'")
    assert sheet["A2"].data_type == "s"
    assert sheet["B2"].value == -5  # numbers stay numbers
    line = rows_to_csv(rows, columns).decode("utf-8-sig").split("\r\n")[1]
    assert line.lstrip('"').startswith("'")


def test_a_hyperlink_formula_in_a_company_name_comes_out_inert():
    rows = [{"name": '=HYPERLINK("http://x")'}]
    sheet = load_workbook(io.BytesIO(rows_to_xlsx(rows, [("name", "Perusahaan")]))).active
    assert sheet["A2"].value == '\'=HYPERLINK("http://x")'
    assert sheet["A2"].data_type == "s"


def test_reading_date_cells_as_a_list_reads_them_as_the_column_reader_does():
    """``parsing.date_values`` reads the usual shapes itself and hands the rest to
    ``parsing.dates``: both must give the same date (or none) for every cell."""
    cells = [
        "", "kemarin", "1995-08-05", "05-08-1995", "05/08/1995", "05.08.1995", "05/08-1995",
        "0000-01-01", "0001-01-01", "9999-12-31", "1995-02-29", "1996-02-29", "29-02-1995",
        "31-04-2000", "00-01-2000", "01-00-2000", "1995-00-10", "1995-13-01", "1995-8-5",
        "5-8-1995", "1995-08-05T10:00", "05-08-1995 00:00", "0995-08-05", "05-08-0995",
        "１９９５-０８-０５", "٠٥-٠٨-١٩٩٥", "1995-08-05 ", "19950805",
    ]  # fmt: skip
    generator = random.Random(16)
    for _ in range(3000):
        year, month, day = (
            generator.randrange(10000),
            generator.randrange(15),
            generator.randrange(36),
        )
        cells.append(
            generator.choice(
                [f"{year:04d}-{month:02d}-{day:02d}", f"{day:02d}-{month:02d}-{year:04d}",
                 f"{day:02d}/{month:02d}/{year:04d}"]
            )
        )  # fmt: skip
    expected = parsing.dates(pd.Series(cells, dtype=object)).tolist()
    read = parsing.date_values(cells)
    assert len(read) == len(cells)
    for cell, want, got in zip(cells, expected, read, strict=True):
        assert (want is pd.NaT and got is pd.NaT) or want == got, cell
