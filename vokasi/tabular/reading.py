"""Reading an uploaded .xlsx or .csv as text, safely.

The file's type is decided by its content (magic bytes), never by its name; a workbook's
zip directory is checked before anything is decompressed, and every part (CRC, shared-
strings count, worksheet extent) before calamine parses it; sizes, rows and columns are
bounded; every value comes back as text so NIKs and phone numbers stay intact. Only the
first visible worksheet is read. The malformed files this must survive are generated in
tests/vokasi/test_upload_fuzz.py.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence

import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vokasi.tabular.types import Column, RowError, Table, TableError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls, or an encrypted .xlsx
MAX_ZIP_ENTRIES = 2_000
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_COLUMNS = 200
DEFAULT_MAX_ROWS = 200_000
#: Excel's own limit for one cell; a longer value is not something a person typed.
MAX_CELL_CHARS = 32_767
#: The header may sit below a title: it is looked for in this many first non-empty rows.
HEADER_SEARCH_ROWS = 20
#: A worksheet's used range (blank rows included) is at most this many cells, because the
#: workbook reader lays the range out densely in memory.
MAX_SHEET_CELLS = 6_500_000

# What people upload by mistake, recognised by their first bytes.
BINARY_SIGNATURES = (
    (b"%PDF-", gettext_lazy("PDF document")),
    (b"\x89PNG\r\n\x1a\n", gettext_lazy("PNG image")),
    (b"\xff\xd8\xff", gettext_lazy("JPEG image")),
    (b"GIF87a", gettext_lazy("GIF image")),
    (b"GIF89a", gettext_lazy("GIF image")),
    (b"MZ", gettext_lazy("Windows executable program")),
    (b"\x7fELF", gettext_lazy("executable program")),
    (b"\x1f\x8b", gettext_lazy("gzip archive")),
    (b"7z\xbc\xaf\x27\x1c", gettext_lazy("7-Zip archive")),
    (b"Rar!\x1a\x07", gettext_lazy("RAR archive")),
    (b"{\\rtf", gettext_lazy("RTF document")),
    (b"PK\x05\x06", gettext_lazy("empty zip archive")),
)

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
    for magic, kind in BINARY_SIGNATURES:
        if data.startswith(magic) and (magic != b"MZ" or b"\x00" in data[:1024]):
            raise TableError(
                _("The file is a %(kind)s, neither an Excel workbook (.xlsx) nor a CSV text file.")
                % {"kind": kind},
                status=415,
            )
    check_nul = False
    if data.startswith(ZIP_MAGIC):
        rows, sheet, check_nul = _xlsx_rows(data, max_rows=max_rows)
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
    return _to_table(
        rows,
        columns,
        raw=raw,
        max_rows=max_rows,
        file_type=file_type,
        sheet=sheet,
        check_nul=check_nul,
    )


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


def _checked_workbook(data: bytes, *, max_rows: int) -> bool:
    """Every structural check a workbook passes before a reader opens it (raises
    TableError); answers whether a part may hold a NUL character."""
    not_a_workbook = TableError(
        _("The file is a zip archive but not an Excel workbook (.xlsx)."), status=415
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise _damaged(exc) from exc
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        if "xl/workbook.bin" in names:
            raise TableError(
                _("This is a binary Excel workbook (.xlsb); save it as .xlsx or CSV."), status=415
            )
        if "content.xml" in names and "mimetype" in names:
            raise TableError(
                _("This is an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV."),
                status=415,
            )
        raise not_a_workbook
    if len(entries) > MAX_ZIP_ENTRIES:
        raise TableError(_("The workbook has too many parts to be a data sheet."), status=413)
    uncompressed = sum(entry.file_size for entry in entries)
    compressed = max(1, sum(entry.compress_size for entry in entries))
    if uncompressed > MAX_UNCOMPRESSED_BYTES:
        raise TableError(
            _("The workbook unpacks to %(size)d MB, more than a data sheet can be.")
            % {"size": uncompressed // 1_048_576},
            status=413,
        )
    if uncompressed / compressed > MAX_COMPRESSION_RATIO:
        raise TableError(
            _(
                "The workbook unpacks to %(ratio)d times its size, which no data sheet does "
                "(a zip bomb?)."
            )
            % {"ratio": uncompressed // compressed},
            status=413,
        )
    return _inspect_parts(archive, entries, max_rows=max_rows)


def _xlsx_rows(data: bytes, *, max_rows: int = DEFAULT_MAX_ROWS) -> tuple[list[list], str, bool]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    may_hold_nul = _checked_workbook(data, max_rows=max_rows)
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
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's errors, and a Rust panic
        # (pyo3's PanicException is a BaseException) must answer 400, not kill the request.
        raise TableError(
            _("The workbook could not be read (%(reason)s); save it again and retry.")
            % {"reason": str(exc).splitlines()[0][:100] if str(exc) else type(exc).__name__}
        ) from exc
    # skip_empty_area=False keeps the empty rows above the data, so list positions are
    # the row numbers Excel shows.
    return rows, visible[0], may_hold_nul


def _damaged(exc: BaseException) -> TableError:
    return TableError(
        _("The workbook is damaged or incomplete (%(reason)s); save it again and retry.")
        % {"reason": str(exc)[:100]}
    )


_ROW_REF = re.compile(rb'<row r="(\d+)"')
_FAR_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,3}(\d{6,})"')
_WIDE_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{2,3})\d')
_UNIQUE_COUNT = re.compile(rb'uniqueCount="(\d+)"')
_CHUNK = 1024 * 1024


def _inspect_parts(archive: zipfile.ZipFile, entries, *, max_rows: int) -> bool:
    """Unpack every part once, as a stream, before the workbook reader sees the file.

    The reader (calamine, in Rust) trusts what a workbook says about itself: a shared-
    strings table claiming four billion entries is allocated up front, and one cell at
    XFD1048576 makes it lay out 17 billion cells; the last two abort the whole process.
    So every part is checked here: its size and CRC (the zip module stops at the declared
    size; calamine refuses a part longer than it says), the shared-strings count against
    the part's real size, and each worksheet's extent against the row and cell limits.
    Answers whether a cell may hold a NUL character (written escaped as _x0000_).
    """
    sheet_rows = max_rows + max_rows // 4 + 100
    may_hold_nul = False
    for entry in entries:
        if entry.is_dir():
            continue
        name = entry.filename
        keep = name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml"
        try:
            with archive.open(entry) as part:
                if keep:
                    content = part.read()
                else:
                    while part.read(_CHUNK):
                        pass
        except (zipfile.BadZipFile, EOFError, ValueError, OSError, zlib.error) as exc:
            raise _damaged(exc) from exc
        except (RuntimeError, NotImplementedError) as exc:  # encrypted, unknown method
            raise TableError(
                _("The workbook is encrypted or compressed in a way Excel does not use."),
                status=415,
            ) from exc
        if not keep:
            continue
        # A DOCTYPE comes before the root element; entities later in a part would be
        # unknown to calamine (an error) and to expat (which bounds expansion).
        head = content[:65536]
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise TableError(_("The workbook contains XML declarations Excel never writes."))
        may_hold_nul = may_hold_nul or b"_x0000_" in content or b"&#0;" in content
        if name == "xl/sharedStrings.xml":
            claimed = _UNIQUE_COUNT.search(content[:4096])
            # Each string takes at least "<si><t/></si>" (13 bytes) in the part.
            if claimed and int(claimed.group(1)) > len(content) // 13 + 1:
                raise _damaged(ValueError("shared strings count does not match"))
        elif name.endswith(".xml"):
            height, width = _sheet_extent(content, row_limit=sheet_rows)
            if width > MAX_COLUMNS:
                raise _too_many_columns(width)
            if height > sheet_rows or height * max(width, 1) > MAX_SHEET_CELLS:
                raise TableError(
                    _(
                        "The sheet reaches row %(height)s: cells are filled or formatted far "
                        "below the data (at most %(limit)s rows are read). Delete the empty "
                        "rows under the data and save again."
                    )
                    % {"height": f"{height:,}", "limit": f"{sheet_rows:,}"},
                    status=413,
                )
    return may_hold_nul


def _sheet_extent(xml: bytes, *, row_limit: int) -> tuple[int, int]:
    """The rows and columns a worksheet's cells span, as the reader will lay them out.

    Nearly every writer (Excel, LibreOffice, openpyxl, Google Sheets) gives each row and
    cell its position in an ``r`` attribute written first; those are found with a few
    C-speed scans. Anything else (positions left out, namespace prefixes) is walked
    element by element.
    """
    row_elements = xml.count(b"<row ") + xml.count(b"<row>")
    if row_elements > row_limit:  # each row element is at least one row further down
        return row_elements, 1
    rows = _ROW_REF.findall(xml)
    cells = xml.count(b"<c ") + xml.count(b"<c>")
    if (
        len(rows) != row_elements
        or cells != xml.count(b'<c r="')
        or b":row" in xml
        or b":c " in xml
    ):
        return _sheet_extent_walked(xml)
    height = max((int(r) for r in rows), default=0)
    height = max(height, max((int(r) for r in _FAR_CELL_ROW.findall(xml)), default=0))
    wide = set(_WIDE_CELL_COLUMN.findall(xml))
    width = max((_column_number(c.decode()) for c in wide), default=26 if cells else 0)
    return height, width


def _sheet_extent_walked(xml: bytes) -> tuple[int, int]:
    from xml.parsers import expat

    state = {"row": 0, "col": 0, "height": 0, "width": 0}

    def start(tag: str, attrs: dict) -> None:
        local = tag.rsplit(":", 1)[-1]
        if local == "row":
            ref = attrs.get("r", "")
            state["row"] = int(ref) if ref.isdigit() else state["row"] + 1
            state["col"] = 0
        elif local == "c":
            ref = attrs.get("r", "")
            match = re.fullmatch(r"([A-Z]{1,3})(\d+)", ref)
            if match:
                state["col"] = _column_number(match.group(1))
                state["height"] = max(state["height"], int(match.group(2)))
            else:
                state["col"] += 1
            state["width"] = max(state["width"], state["col"])
        state["height"] = max(state["height"], state["row"])

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        raise _damaged(exc) from exc
    return state["height"], state["width"]


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _too_many_columns(count: int) -> TableError:
    return TableError(
        _("The sheet has %(count)d columns; at most %(limit)d are read.")
        % {"count": count, "limit": MAX_COLUMNS}
    )


# ------------------------------------------------------------------------------- csv


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
# In a Windows-1252 file written by Indonesian (or any Western) Excel, text outside ASCII
# is an accented Latin letter or typographic punctuation. Bytes of other encodings
# (Shift-JIS, GBK, Big5...) read as Windows-1252 come out as these instead: letters of the
# 0x80-0x9F block no Indonesian text uses, and symbols.
_NOT_WESTERN = re.compile(
    "[\u0080-\u009f\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2020\u2021\u2030\u2039\u203a"
    "\u00a4\u00a6\u00a8\u00ac\u00af\u00b1\u00b3\u00b8\u00b9\u00be]"
)
# ...or runs of accented letters no word is made of.
_ACCENT_RUN = re.compile("[\u00c0-\u00ff]{3,}")


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def _not_text(reason: str) -> TableError:
    return TableError(
        _(
            "The CSV file is not readable text (%(reason)s). In Excel choose Save As, "
            '"CSV UTF-8 (Comma delimited)", and upload that file.'
        )
        % {"reason": reason},
        status=415,
    )


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode Text"), or
    Windows-1252; anything else is refused with the line where it goes wrong."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        try:
            text = data[2:].decode(encoding)
        except UnicodeDecodeError as exc:
            raise _not_text(_("broken UTF-16 at byte %(at)d") % {"at": exc.start + 2}) from exc
        if "\x00" in text:
            raise _not_text(_("it contains NUL characters"))
        return text
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _not_text(_("line %(line)d contains NUL bytes") % {"line": _line_of(data, nul)})
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        bom = True
    else:
        bom = False
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if bom or _UTF8_SEQUENCE.search(data):
            # Mostly UTF-8 with a broken byte: reading it as anything else would garble
            # every accented letter.
            raise _not_text(
                _("invalid UTF-8 on line %(line)d") % {"line": _line_of(data, exc.start)}
            ) from exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _not_text(
            _("line %(line)d is neither UTF-8 nor Windows-1252")
            % {"line": _line_of(data, exc.start)}
        ) from exc
    odd = _NOT_WESTERN.search(text) or _ACCENT_RUN.search(text)
    if odd:
        line = text.count("\n", 0, odd.start()) + 1
        raise _not_text(
            _("line %(line)d looks like another encoding, e.g. Shift-JIS or GBK") % {"line": line}
        )
    return text


def _separator(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (";", ",", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_rows(data: bytes) -> Iterator[list]:
    text = _decode(data)
    first = next((line for line in text[:65536].splitlines() if line.strip()), "")
    sep = _separator(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        yield from reader
    except csv.Error as exc:
        raise TableError(
            _("The CSV file is malformed on line %(line)d: %(reason)s")
            % {"line": reader.line_num, "reason": exc}
        ) from exc


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


def _match_header(header: list[str], lookup: dict[str, Column]) -> set[str]:
    return {lookup[key].name for key in map(normalise_header, header) if key in lookup}


def _to_table(
    rows: Iterable[list],
    columns: Sequence[Column],
    *,
    raw: bool,
    max_rows: int,
    file_type: str,
    sheet: str,
    check_nul: bool = False,
) -> Table:
    lookup: dict[str, Column] = {}
    for column in columns:
        for alias in (column.name, *column.aliases):
            lookup[normalise_header(alias)] = column
    required = {c.name for c in columns if c.required}

    # The header is the first row naming every required column, looked for in the first
    # non-empty rows (a title or a note often sits above it); failing that, the row that
    # names the most, to say what is missing.
    rows = iter(rows)
    header_index: int | None = None
    best: tuple[int, int, list[str]] | None = None
    seen = 0
    index = -1
    for index, row in enumerate(rows):
        if len(row) > MAX_COLUMNS:
            if any(_to_text(cell) for cell in filter(None, row[MAX_COLUMNS:])):
                raise _too_many_columns(len(row))
            row = row[:MAX_COLUMNS]
        header = [_to_text(cell) for cell in row]
        if not any(header):
            continue
        while header and not header[-1]:
            header.pop()
        if len(header) > MAX_COLUMNS:
            raise _too_many_columns(len(header))
        found = _match_header(header, lookup)
        if required <= found:
            header_index = index
            break
        if best is None or len(found) > best[0]:
            best = (len(found), index, header)
        seen += 1
        if seen >= HEADER_SEARCH_ROWS:
            break
    if header_index is None:
        if best is None:
            raise TableError(_("The sheet is empty: there is no header row."))
        _count, header_index, header = best
    header_row_number = header_index + 1

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

    width = len(header)
    numbers, data, errors = [], [], []
    for offset, row in enumerate(rows, start=index - header_index):
        if not any((cell is not None and cell != "") for cell in row):
            continue
        if len(data) >= max_rows:
            raise TableError(
                _("The file has more than %(limit)d data rows; split it.") % {"limit": max_rows}
            )
        if len(row) > width and any(
            _to_text(cell) for cell in (row[width:] if raw else filter(None, row[width:]))
        ):
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
        errors.extend(_unreadable_cells(frame, column, headers, check_nul=check_nul))
    frame = frame[[column.name for column in columns]]
    return Table(
        frame=frame,
        headers=headers,
        errors=errors,
        file_type=file_type,
        sheet=sheet,
        ignored_columns=ignored,
    )


def _unreadable_cells(frame: pd.DataFrame, column: Column, headers, *, check_nul: bool):
    """Cells no one typed: longer than Excel allows, or with NUL characters (which
    PostgreSQL cannot store). Each is a row error; the frame keeps a short stand-in so
    later messages (and the answer) stay small."""
    values = frame[column.name].tolist()
    too_long = max(map(len, values), default=0) > MAX_CELL_CHARS
    if not (too_long or check_nul):
        return
    header = headers.get(column.name, column.name)
    for row, value in zip(frame.index, values, strict=True):
        if len(value) > MAX_CELL_CHARS:
            message = _("The cell holds %(count)s characters; a cell holds at most %(limit)s.") % {
                "count": f"{len(value):,}",
                "limit": f"{MAX_CELL_CHARS:,}",
            }
        elif "\x00" in value:
            message = _("The cell contains a NUL character; type the value again.")
        else:
            continue
        shown = value[:40].replace("\x00", "") + "…"
        frame.loc[row, column.name] = shown
        yield RowError(int(row), header, shown, message)


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


def precheck(source, filename: str | None = None, *, max_rows: int = DEFAULT_MAX_ROWS) -> None:
    """The checks of the whole file that cost little (size, and a workbook's structure):
    raises TableError as ``read_table`` would, before a file is queued for a worker."""
    data, _filename = _read_bytes(source, filename, settings.VOKASI_UPLOAD_MAX_BYTES)
    if hasattr(source, "seek"):
        source.seek(0)
    if data.startswith(ZIP_MAGIC):
        _checked_workbook(data, max_rows=max_rows)


#: A worksheet row with at least one cell (rows only formatted, or empty, do not count).
_FILLED_ROW = re.compile(rb"<row\b[^>]*>\s*<c\b")


def estimate_rows(source, filename: str | None = None, *, limit: int | None = None) -> int:
    """About how many rows a file holds, cheaply (for deciding whether a worker should
    read it): non-blank lines of a text file, rows with cells in a workbook's first
    worksheet. Counting stops past ``limit``. A file that cannot be looked into answers 0,
    and the reader then says what is wrong with it."""
    stop = float("inf") if limit is None else limit + 1
    budget = 256 * 1024 * 1024  # bytes inflated at most: a zip bomb is the reader's to refuse
    count = 0
    try:
        source.seek(0)
        head = source.read(4)
        source.seek(0)
        if head == b"PK\x03\x04":
            with zipfile.ZipFile(source) as archive:
                sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
                if not sheets:
                    return 0
                with archive.open(min(sheets, key=len)) as sheet:
                    for chunk in iter(lambda: sheet.read(1 << 20), b""):
                        count += len(_FILLED_ROW.findall(chunk))
                        budget -= len(chunk)
                        if count >= stop or budget <= 0:
                            break
            return max(0, count - 1)
        count = 0
        for chunk in iter(lambda: source.read(1 << 20), b""):
            count += sum(1 for line in chunk.split(b"\n") if line.strip(b" \t\r;,\"'\x00"))
            if count >= stop:
                break
        return max(0, count - 1)
    except (OSError, EOFError, ValueError, RuntimeError, NotImplementedError, zipfile.BadZipFile,
            zlib.error):  # fmt: skip
        return 0
    finally:
        source.seek(0)
