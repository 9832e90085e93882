"""Exports: every CSV and XLSX cell that leaves Vokasi goes through ``safe_cell``.

A spreadsheet treats a cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
return as a formula (CSV injection, OWASP). Text cells starting with one of them get a
leading apostrophe, which spreadsheets show as plain text. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# (key in the row or frame, header shown to people)
Columns = Sequence[tuple[str, str]]


def safe_cell(value):
    """The value, made inert if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from pandas
        return ""
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return value.item()
    return value


def rows_to_csv(rows: Iterable[dict], columns: Columns) -> bytes:
    """CSV in UTF-8 with a BOM, so Excel opens it with the right characters."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(header) for _, header in columns])
    for row in rows:
        writer.writerow([safe_cell(_plain(row.get(key))) for key, _ in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def rows_to_xlsx(rows: Iterable[dict], columns: Columns, sheet_title: str = "Data") -> bytes:
    return sheets_to_xlsx([(sheet_title, rows, columns)])


def frame_to_csv(frame, columns: Columns) -> bytes:
    return rows_to_csv(frame.to_dict("records"), columns)


def frame_to_xlsx(frame, columns: Columns, sheet_title: str = "Data") -> bytes:
    return rows_to_xlsx(frame.to_dict("records"), columns, sheet_title)


def download(content: bytes, filename: str) -> HttpResponse:
    """An attachment response; the filename is ours, never taken from user input."""
    content_type = XLSX_CONTENT_TYPE if filename.endswith(".xlsx") else CSV_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def sheets_to_xlsx(sheets: Iterable[tuple[str, Iterable[dict], Columns]]) -> bytes:
    """One workbook, a sheet per ``(title, rows, columns)``, the header row bold and
    frozen. Every cell goes through ``safe_cell`` and text is stored as text, never as a
    formula; times are written in local time. Titles are cut to Excel's 31 characters."""
    from django.utils import timezone
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    used: set[str] = set()
    for title, rows, columns in sheets:
        name = "".join(ch for ch in str(title) if ch not in "[]:*?/\\")[:31] or "Data"
        while name in used:
            name = f"{name[:28]}-{len(used)}"
        used.add(name)
        sheet = workbook.create_sheet(title=name)
        sheet.freeze_panes = "A2"
        header = []
        for _, heading in columns:
            cell = WriteOnlyCell(sheet, value=safe_cell(str(heading)))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in rows:
            cells = []
            for key, _ in columns:
                value = safe_cell(_plain(row.get(key)))
                if isinstance(value, datetime.datetime) and value.tzinfo is not None:
                    value = timezone.localtime(value).replace(tzinfo=None)
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"
                cells.append(cell)
            sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
