"""Reading an uploaded .xlsx or .csv as text, safely.

The file's type is decided by its content (magic bytes), never by its name; a workbook's
zip directory is checked before anything is decompressed; sizes, rows and columns are
bounded; every value comes back as text so NIKs and phone numbers stay intact.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Sequence

import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _

from vokasi.tabular.types import Column, RowError, Table, TableError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls, or an encrypted .xlsx
MAX_ZIP_ENTRIES = 2_000
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_COLUMNS = 200
DEFAULT_MAX_ROWS = 200_000

_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_HEADER_JUNK = re.compile(r"[^0-9a-z]+")


def normalise_header(text: str) -> str:
    """ "Nomor_Induk Kependudukan (NIK)" -> "nomor induk kependudukan nik"."""
    return _HEADER_JUNK.sub(" ", str(text).lower()).strip()


def read_table(
    source,
    columns: Sequence[Column],
    *,
    filename: str | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_bytes: int | None = None,
) -> Table:
    """Read ``source`` (an uploaded file, a file object, bytes or a path) as text.

    Raises TableError for problems with the whole file; problems with single cells that
    reading can already see (numbers in text columns) are in ``Table.errors``.
    """
    max_bytes = max_bytes or settings.VOKASI_UPLOAD_MAX_BYTES
    data, filename = _read_bytes(source, filename, max_bytes)
    if not data.strip():
        raise TableError(_("The file is empty."))

    claims_excel = bool(filename) and filename.lower().endswith((".xlsx", ".xlsm", ".xls"))
    if data.startswith(ZIP_MAGIC):
        rows, sheet = _xlsx_rows(data)
        raw, file_type = True, "xlsx"
    elif data.startswith(OLE_MAGIC):
        raise TableError(
            _(
                "This is an old Excel 97-2003 (.xls) or password-protected workbook. "
                "Save it as an Excel workbook (.xlsx) without a password, or as CSV."
            ),
            status=415,
        )
    elif claims_excel:
        raise TableError(
            _(
                "The file is named %(name)s but is not an Excel workbook: its content is "
                "not .xlsx. Save it from Excel as .xlsx, or upload it as .csv."
            )
            % {"name": _display_name(filename)},
            status=415,
        )
    else:
        rows, sheet = _csv_rows(data), ""
        raw, file_type = False, "csv"
    return _to_table(rows, columns, raw=raw, max_rows=max_rows, file_type=file_type, sheet=sheet)


# ----------------------------------------------------------------------------- input


def _display_name(filename: str) -> str:
    # Only ever shown, never used as a path.
    return filename.replace("\\", "/").rsplit("/", 1)[-1][:80]


def _read_bytes(source, filename: str | None, max_bytes: int) -> tuple[bytes, str | None]:
    size = getattr(source, "size", None)
    if size is not None and size > max_bytes:
        raise _too_large(size, max_bytes)
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    elif isinstance(source, str) or hasattr(source, "__fspath__"):
        with open(source, "rb") as handle:
            data = handle.read(max_bytes + 1)
        filename = filename or str(source)
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(max_bytes + 1)
        filename = filename or getattr(source, "name", None)
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    return data, filename


def _too_large(size: int, limit: int) -> TableError:
    return TableError(
        _("The file is %(size).1f MB; the limit is %(limit).1f MB.")
        % {"size": size / 1_048_576, "limit": limit / 1_048_576},
        status=413,
    )


# ------------------------------------------------------------------------------ xlsx


def _xlsx_rows(data: bytes) -> tuple[list[list], str]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    not_a_workbook = TableError(
        _("The file is a zip archive but not an Excel workbook (.xlsx)."), status=415
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise TableError(
            _("The workbook is damaged or incomplete (%(reason)s); save it again and retry.")
            % {"reason": str(exc)[:100]}
        ) from exc
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        raise not_a_workbook
    if len(entries) > MAX_ZIP_ENTRIES:
        raise TableError(_("The workbook has too many parts to be a data sheet."), status=413)
    uncompressed = sum(entry.file_size for entry in entries)
    compressed = max(1, sum(entry.compress_size for entry in entries))
    if uncompressed > MAX_UNCOMPRESSED_BYTES or uncompressed / compressed > MAX_COMPRESSION_RATIO:
        raise TableError(
            _("The workbook unpacks to %(size)d MB, more than a data sheet can be.")
            % {"size": uncompressed // 1_048_576},
            status=413,
        )
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        visible = [
            meta.name
            for meta in workbook.sheets_metadata
            if meta.visible == SheetVisibleEnum.Visible and meta.typ == SheetTypeEnum.WorkSheet
        ]
        if not visible:
            raise TableError(_("The workbook has no visible worksheet."))
        sheet = workbook.get_sheet_by_name(visible[0])
        if sheet.width > MAX_COLUMNS:
            raise _too_many_columns(sheet.width)
        rows = sheet.to_python(skip_empty_area=False)
    except TableError:
        raise
    except Exception as exc:  # calamine raises its own error types for broken parts
        raise TableError(
            _("The workbook could not be read (%(reason)s); save it again and retry.")
            % {"reason": str(exc)[:100]}
        ) from exc
    # skip_empty_area=False keeps the empty rows above the data, so list positions are
    # the row numbers Excel shows.
    return rows, visible[0]


def _too_many_columns(count: int) -> TableError:
    return TableError(
        _("The sheet has %(count)d columns; at most %(limit)d are read.")
        % {"count": count, "limit": MAX_COLUMNS}
    )


# ------------------------------------------------------------------------------- csv


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise TableError(
            _("The file is neither an Excel workbook (.xlsx) nor a CSV text file."), status=415
        )
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise TableError(
            _("The CSV file is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8."),
            status=415,
        ) from exc


def _separator(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (";", ",", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_rows(data: bytes) -> list[list]:
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    first = next((line for line in text.split("\n", 50) if line.strip()), "")
    sep = _separator(first)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    except csv.Error as exc:
        raise TableError(_("The CSV file is malformed: %(reason)s") % {"reason": exc}) from exc
    return rows


# ------------------------------------------------------------------------- to a frame


def _to_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\xa0", " ").strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _excel_number(value) -> str:
    """How Excel shows a long number in a General cell: 3672010101990001 -> 3.67201E+15."""
    text = f"{value:.5E}" if abs(value) >= 1e11 else _to_text(value)
    mantissa, _sep, exponent = text.partition("E")
    if exponent:
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}E+{int(exponent):02d}"
    return text


def _to_table(
    rows: list[list],
    columns: Sequence[Column],
    *,
    raw: bool,
    max_rows: int,
    file_type: str,
    sheet: str,
) -> Table:
    # The header is the first row with anything in it.
    header_index = next(
        (i for i, row in enumerate(rows) if any(_to_text(cell) for cell in row)), None
    )
    if header_index is None:
        raise TableError(_("The sheet is empty: there is no header row."))
    header = [_to_text(cell) for cell in rows[header_index]]
    if len(header) > MAX_COLUMNS:
        raise _too_many_columns(len(header))
    header_row_number = header_index + 1

    lookup: dict[str, Column] = {}
    for column in columns:
        for alias in (column.name, *column.aliases):
            lookup[normalise_header(alias)] = column
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for position, title in enumerate(header):
        column = lookup.get(normalise_header(title)) if title else None
        if column is None:
            if title:
                ignored.append(title)
            continue
        if column.name in positions:
            raise TableError(
                _("Columns %(first)s and %(second)s both mean %(name)s; keep one.")
                % {"first": headers[column.name], "second": title, "name": column.name},
                errors=[RowError(header_row_number, title, title, _("Duplicate column."))],
            )
        positions[column.name] = position
        headers[column.name] = title
    missing = [c for c in columns if c.required and c.name not in positions]
    if missing:
        names = ", ".join(c.name for c in missing)
        raise TableError(
            _("Required column(s) missing: %(names)s.") % {"names": names},
            errors=[
                RowError(
                    header_row_number,
                    column.name,
                    "",
                    _("Required column is missing (accepted headers: %(aliases)s).")
                    % {"aliases": ", ".join((column.name, *column.aliases))},
                )
                for column in missing
            ],
        )

    body = rows[header_index + 1 :]
    width = len(header)
    numbers, data, errors = [], [], []
    for offset, row in enumerate(body):
        if not any((cell is not None and cell != "") for cell in row):
            continue
        if len(data) >= max_rows:
            raise TableError(
                _("The file has more than %(limit)d data rows; split it.") % {"limit": max_rows}
            )
        if len(row) > width and any(_to_text(cell) for cell in row[width:]):
            errors.append(
                RowError(
                    header_row_number + offset + 1,
                    "",
                    "",
                    _("This row has more cells than the header has columns."),
                )
            )
        numbers.append(header_row_number + offset + 1)
        data.append(
            [row[positions[name]] if positions[name] < len(row) else None for name in positions]
        )
    if not data:
        raise TableError(_("The file has a header but no data rows."))

    frame = pd.DataFrame(data, columns=list(positions), index=pd.Index(numbers, name="row"))
    for column in columns:
        if column.name not in frame.columns:
            frame[column.name] = ""
            continue
        values = frame[column.name]
        if column.text:
            errors.extend(_numbers_in_text_column(values, column, headers, raw=raw))
        frame[column.name] = values.map(_to_text).astype(object)
    frame = frame[[column.name for column in columns]]
    return Table(
        frame=frame,
        headers=headers,
        errors=errors,
        file_type=file_type,
        sheet=sheet,
        ignored_columns=ignored,
    )


def _numbers_in_text_column(values: pd.Series, column: Column, headers, *, raw: bool):
    header = headers.get(column.name, column.name)
    message = _(
        "Excel stored this %(column)s as a number (%(shown)s), which loses digits and "
        "leading zeros. Format the column as Text and type the value again."
    )
    if raw:
        mask = values.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool))
        for row, value in values[mask].items():
            shown = _excel_number(float(value))
            yield RowError(int(row), header, shown, message % {"column": header, "shown": shown})
    else:
        text = values.map(_to_text)
        mask = text.str.match(_SCIENTIFIC)
        for row, value in text[mask].items():
            yield RowError(int(row), header, value, message % {"column": header, "shown": value})
