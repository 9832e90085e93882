"""Exports: every CSV and XLSX file that leaves Vokasi is written here.

- ``safe_cell``: a spreadsheet treats a cell starting with ``=``, ``+``, ``-``, ``@``, tab
  or carriage return as a formula (CSV injection, OWASP). Text cells starting with one of
  them get a leading apostrophe, which spreadsheets show as plain text. Numbers stay
  numbers.
- ``rows_to_csv``: for the user's Excel. In Indonesian (the default) Excel expects ``;``
  between cells and a decimal comma; in English ``,`` and a decimal point. Always UTF-8
  with a BOM, so Excel reads the characters right.
- ``sheets_to_xlsx``: typed cells. A column may say what it holds (``(key, header, kind)``):
  an ``ID`` is a plain integer (never grouped), a ``COUNT`` or ``MONEY`` a grouped number,
  a ``RATE`` a fraction shown as ``0.0%``, a ``DATE`` a date. Without a kind, dates and
  times are still written as dates and numbers as numbers.
- ``ListExportMixin``, ``export_table`` and ``ListTableExport``: a django-tables2 list page
  exports exactly the rows its filters show, through the same writers (``?format=csv|xlsx``,
  links from the ``vokasi/_downloads.html`` include).

This module is long (about 410 lines) because it is the one place every file leaving
Vokasi is written: the list pages' exports use the same cell rules (formula-safe, typed)
and the same two writers as the reports, so that no second writer grows beside them.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import decimal
import io
from collections.abc import Iterable, Sequence

import django_tables2 as tables
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.text import slugify
from django_tables2.export import ExportMixin, TableExport

from vokasi.jobs.progress import current as current_progress

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")

# What a column holds; the kind decides the cell's number format in a workbook.
ID = "id"
COUNT = "count"
NUMBER = "number"
MONEY = "money"
RATE = "rate"
DATE = "date"
TEXT = "text"

NUMBER_FORMATS = {
    ID: "0",
    COUNT: "#,##0",
    NUMBER: "#,##0.00",
    MONEY: "#,##0",
    RATE: "0.0%",
    DATE: "DD-MM-YYYY",
}
DATETIME_FORMAT = "DD-MM-YYYY HH:MM"

# (key in the row or frame, header shown to people[, kind])
Columns = Sequence[tuple]


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
    if hasattr(value, "to_pydatetime"):  # pandas timestamps
        return value.to_pydatetime()
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    if not isinstance(value, (str, int, float, datetime.date)):
        return str(value)  # lazy translations, model instances
    return value


def _spec(columns: Columns) -> list[tuple[str, str, str | None]]:
    return [(c[0], str(c[1]), c[2] if len(c) > 2 else None) for c in columns]


# ----------------------------------------------------------------------------- CSV


def csv_style(language: str | None = None) -> tuple[str, str]:
    """``(delimiter, decimal mark)`` for the user's language: Indonesian Excel reads
    ``;`` and ``1,5``; English Excel ``,`` and ``1.5``."""
    language = language or translation.get_language() or "id"
    return (",", ".") if language.startswith("en") else (";", ",")


def _csv_text(value, decimal_mark: str) -> str:
    if value == "" or value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        text = format(decimal.Decimal(repr(value)), "f")
        return text.replace(".", decimal_mark)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def rows_to_csv(rows: Iterable[dict], columns: Columns, *, language: str | None = None) -> bytes:
    """CSV in UTF-8 with a BOM, separated and with decimals as the user's Excel expects."""
    spec = _spec(columns)
    delimiter, decimal_mark = csv_style(language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(header) for _, header, _kind in spec])
    progress = current_progress()
    for row in rows:
        progress.advance()
        writer.writerow(
            [_csv_text(safe_cell(_plain(row.get(key))), decimal_mark) for key, _h, _k in spec]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def frame_to_csv(frame, columns: Columns) -> bytes:
    return rows_to_csv(frame.to_dict("records"), columns)


# ---------------------------------------------------------------------------- XLSX


@dataclasses.dataclass
class Sheet:
    """One worksheet: optional title lines, optional grouped header lines above the
    column headers (``[(text, how many columns it spans), ...]``), then the rows. Rows
    whose ``key`` is in ``bold_keys`` (a total) are bold."""

    title: str
    rows: Iterable[dict]
    columns: Columns
    title_lines: Sequence[str] = ()
    header_groups: Sequence[Sequence[tuple[str, int]]] = ()
    bold_rows: frozenset = frozenset()
    blocks: Sequence[Sheet] = ()  # further tables on the same sheet, below this one


def rows_to_xlsx(rows: Iterable[dict], columns: Columns, sheet_title: str = "Data") -> bytes:
    return sheets_to_xlsx([(sheet_title, rows, columns)])


def frame_to_xlsx(frame, columns: Columns, sheet_title: str = "Data") -> bytes:
    return rows_to_xlsx(frame.to_dict("records"), columns, sheet_title)


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(ch for ch in str(title) if ch not in "[]:*?/\\")[:31] or "Data"
    while name in used:
        name = f"{name[:28]}-{len(used)}"
    used.add(name)
    return name


def _typed_cell(sheet, value, kind: str | None, bold=None):
    from openpyxl.cell import WriteOnlyCell

    value = safe_cell(_plain(value))
    if value == "":
        value = None
    if kind in (ID, COUNT, MONEY, NUMBER, RATE) and isinstance(value, str):
        try:  # ids and numbers that arrived as text ("00123" stays text)
            if value.strip() == str(int(value)):
                value = int(value)
        except ValueError:
            pass
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text, never a formula
    elif isinstance(value, datetime.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = NUMBER_FORMATS[DATE]
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.number_format = NUMBER_FORMATS.get(kind, "General")
    if bold is not None:
        cell.font = bold
    return cell


def _write_block(sheet, block: Sheet, bold, start_row: int) -> int:
    """Write one table at ``start_row`` (1-based); answer the next free row."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    spec = _spec(block.columns)
    row_no = start_row
    for line in block.title_lines:
        cell = WriteOnlyCell(sheet, value=safe_cell(str(line)))
        cell.font = bold
        cell.data_type = "s"
        sheet.append([cell])
        row_no += 1
    for group in block.header_groups:
        cells, column = [], 1
        for text, span in group:
            cell = WriteOnlyCell(sheet, value=safe_cell(str(text)) if text else None)
            cell.font = bold
            cells.append(cell)
            cells.extend([None] * (span - 1))
            if span > 1:
                first, last = get_column_letter(column), get_column_letter(column + span - 1)
                sheet.merged_cells.add(f"{first}{row_no}:{last}{row_no}")
            column += span
        sheet.append(cells)
        row_no += 1
    header = []
    for _key, heading, _kind in spec:
        cell = WriteOnlyCell(sheet, value=safe_cell(heading))
        cell.font = bold
        cell.data_type = "s"
        header.append(cell)
    sheet.append(header)
    row_no += 1
    progress = current_progress()
    for row in block.rows:
        progress.advance()
        font = bold if row.get("key") in block.bold_rows else None
        sheet.append([_typed_cell(sheet, row.get(key), kind, font) for key, _h, kind in spec])
        row_no += 1
    return row_no


def sheets_to_xlsx(sheets: Iterable[Sheet | tuple[str, Iterable[dict], Columns]]) -> bytes:
    """One workbook, a sheet per ``Sheet`` (or ``(title, rows, columns)``), the header
    bold and frozen under a plain table. Every cell goes through ``safe_cell``, text is
    stored as text, never as a formula; times are written in local time. Titles are cut to
    Excel's 31 characters."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    used: set[str] = set()
    for item in sheets:
        block = item if isinstance(item, Sheet) else Sheet(*item)
        sheet = workbook.create_sheet(title=_sheet_name(block.title, used))
        if not block.title_lines and not block.header_groups and not block.blocks:
            sheet.freeze_panes = "A2"
        row_no = _write_block(sheet, block, bold, 1)
        for below in block.blocks:
            sheet.append([])
            row_no = _write_block(sheet, below, bold, row_no + 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------------ responses


def download(content: bytes, filename: str) -> HttpResponse:
    """An attachment response; the filename is ours, never taken from user input."""
    content_type = XLSX_CONTENT_TYPE if filename.endswith(".xlsx") else CSV_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export_filename(name, fmt: str, *parts) -> str:
    """``pencari-kerja-2026-12-06.xlsx``: a translatable name (so English users get
    ``job-seekers-…``), any further parts, today's date."""
    stem = "-".join(slugify(str(part)) for part in (name, *parts) if str(part))
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def rows_response(rows: Iterable[dict], columns: Columns, *, fmt: str, title, name, parts=()):
    """``rows`` as a CSV or XLSX download named like every list's (``export_filename``)."""
    if fmt == "xlsx":
        body = rows_to_xlsx(rows, columns, str(title)[:31])
    else:
        body = rows_to_csv(rows, columns)
    return download(body, export_filename(name, fmt, *parts))


def requested_format(request) -> str | None:
    """``csv`` or ``xlsx`` when the page is asked for a file (``?format=``), else None."""
    fmt = request.GET.get("format")
    return fmt if fmt in FORMATS else None


# -------------------------------------------------------------- django-tables2 lists


class ListTableExport(TableExport):
    """django-tables2's ``TableExport`` writing through the writers above: the table's
    export values (``value_<column>`` where a column renders HTML), its headers in the
    user's language, each column's kind from ``Table.export_kinds`` (else a date column
    is a ``DATE``), formula-safe cells. The rows are read as they are written (no
    intermediate dataset), so a worker's progress follows the file."""

    FORMATS = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}

    def __init__(self, export_format, table, exclude_columns=None, dataset_kwargs=None):
        if not self.is_valid_format(export_format):
            raise TypeError(f'Export format "{export_format}" is not supported.')
        self.format = export_format
        self.table = table
        self.exclude_columns = exclude_columns or ()
        kinds = getattr(table, "export_kinds", {})
        self.columns = []
        for column in table.columns.iterall():
            if column.column.exclude_from_export or column.name in self.exclude_columns:
                continue
            kind = kinds.get(column.name)
            if kind is None and isinstance(column.column, tables.DateColumn):
                kind = DATE
            self.columns.append((column.name, column.header, kind))
        self.title = str((dataset_kwargs or {}).get("title") or "Data")

    @classmethod
    def is_valid_format(cls, export_format):
        return export_format in cls.FORMATS

    def rows(self) -> Iterable[dict]:
        names = [name for name, _header, _kind in self.columns]
        dates = {name for name, _header, kind in self.columns if kind == DATE}
        values = self.table.as_values(exclude_columns=self.exclude_columns)
        next(values)  # the header line; ours is written from self.columns
        for line in values:
            row = dict(zip(names, line, strict=True))
            for name in dates:  # DateColumn.value() answers ISO text
                if isinstance(row[name], str) and row[name][:4].isdigit():
                    row[name] = datetime.date.fromisoformat(row[name][:10])
            yield row

    def export(self) -> bytes:
        if self.format == "xlsx":
            return rows_to_xlsx(self.rows(), self.columns, self.title[:31])
        return rows_to_csv(self.rows(), self.columns)

    def response(self, filename=None):
        return download(self.export(), filename)


def export_table(
    request, table, *, fmt: str, name, parts=(), personal_data=None, object_id="", title=None
):
    """A django-tables2 table (configured by the page: filters, order) as a download, every
    row, not one page. ``personal_data`` names the export in the access log when the rows
    are people: each such export is logged with the filters and the number of people.
    More rows than ``VOKASI_BACKGROUND_EXPORT_ROWS`` are written by a worker: the answer is
    then the job's page (``vokasi.jobs.exports``)."""
    from vokasi.jobs.exports import export_later

    rows = len(table.data)
    later = export_later(request, rows=rows)
    if later is not None:
        return later
    current_progress().phase("exporting", total=rows)
    exporter = ListTableExport(fmt, table, dataset_kwargs={"title": str(title or name)})
    if personal_data:
        from vokasi.audit import Action, record_access

        record_access(request, Action.EXPORT, personal_data, object_id=object_id, people=rows)
    return exporter.response(filename=export_filename(name, fmt, *parts))


class ListExportMixin(ExportMixin):
    """For a ``SingleTableMixin`` list page: ``?format=csv|xlsx`` downloads what the
    filters show. Set ``export_name`` (translatable: ``_("job-seekers")``, "pencari-kerja"
    in Indonesian) and, when the rows are people, ``export_personal_data`` (the access
    log's name for the export). The page's links come from ``vokasi/_downloads.html``."""

    export_class = ListTableExport
    export_trigger_param = "format"
    export_formats = FORMATS
    export_name = "export"
    export_personal_data: str | None = None

    def get_table_pagination(self, table):
        if requested_format(self.request):
            return False  # a download holds every row; no page is fetched for it
        return super().get_table_pagination(table)

    def get_export_personal_data(self) -> str | None:
        return self.export_personal_data

    def create_export(self, export_format):
        return export_table(
            self.request,
            self.get_table(**self.get_table_kwargs()),
            fmt=export_format,
            name=self.export_name,
            personal_data=self.get_export_personal_data(),
        )
