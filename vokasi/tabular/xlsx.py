"""Reading the first visible worksheet of an .xlsx: every part is checked (zip directory,
CRC, shared-strings count, worksheet extent) before calamine parses anything."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from django.utils.translation import gettext as _

from vokasi.tabular.limits import (
    DEFAULT_MAX_ROWS,
    MAX_COLUMNS,
    MAX_COMPRESSION_RATIO,
    MAX_SHEET_CELLS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_ZIP_ENTRIES,
    too_many_columns,
)
from vokasi.tabular.types import TableError


def checked_workbook(data: bytes, *, max_rows: int) -> bool:
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


def xlsx_rows(data: bytes, *, max_rows: int = DEFAULT_MAX_ROWS) -> tuple[list[list], str, bool]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    may_hold_nul = checked_workbook(data, max_rows=max_rows)
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
            raise too_many_columns(sheet.width)
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
                raise too_many_columns(width)
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
