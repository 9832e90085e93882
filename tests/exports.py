"""Reading the files the pages hand out, as a user's Excel would."""

from __future__ import annotations

import csv
import io

import openpyxl

HOSTILE = ['=HYPERLINK("http://x","klik")', "+1", "@SUM(A1:A2)", "-2+3"]


def read_csv(response, delimiter: str = ";") -> list[list[str]]:
    """Indonesian Excel's CSV: UTF-8 with a BOM, ``;`` between cells."""
    body = response.content
    assert body.startswith("\ufeff".encode()), "CSV starts with a BOM"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter))


def workbook(response) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(response.content))


def read_xlsx(response) -> list[tuple]:
    return list(workbook(response).active.iter_rows(values_only=True))


def filename(response) -> str:
    return response["Content-Disposition"].split('filename="', 1)[1].rstrip('"')


def no_formulas(book: openpyxl.Workbook) -> None:
    """No cell of any sheet is a formula."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
