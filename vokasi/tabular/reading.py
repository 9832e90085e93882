"""Reading an uploaded .xlsx or .csv as text, safely.

The file's type is decided by its content (magic bytes), never by its name; a workbook's
zip directory is checked before anything is decompressed, and every part (CRC, shared-
strings count, worksheet extent) before calamine parses it; sizes, rows and columns are
bounded; every value comes back as text so NIKs and phone numbers stay intact. Only the
first visible worksheet is read. The malformed files this must survive are generated in
tests/vokasi/test_upload_fuzz.py.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Sequence

from django.conf import settings
from django.utils.translation import gettext as _

from vokasi.tabular.delimited import csv_rows
from vokasi.tabular.frame import normalise_header, to_table
from vokasi.tabular.limits import (
    BINARY_SIGNATURES,
    DEFAULT_MAX_ROWS,
    OLE_MAGIC,
    ZIP_MAGIC,
)
from vokasi.tabular.types import Column, Table, TableError
from vokasi.tabular.xlsx import checked_workbook, xlsx_rows

__all__ = ["estimate_rows", "normalise_header", "precheck", "read_bytes", "read_table"]


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
    data, filename = read_bytes(source, filename, max_bytes)
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
        rows, sheet, check_nul = xlsx_rows(data, max_rows=max_rows)
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
        rows, sheet = csv_rows(data), ""
        raw, file_type = False, "csv"
    return to_table(
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


def read_bytes(source, filename: str | None, max_bytes: int) -> tuple[bytes, str | None]:
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


def precheck(source, filename: str | None = None, *, max_rows: int = DEFAULT_MAX_ROWS) -> None:
    """The checks of the whole file that cost little (size, and a workbook's structure):
    raises TableError as ``read_table`` would, before a file is queued for a worker."""
    data, _filename = read_bytes(source, filename, settings.VOKASI_UPLOAD_MAX_BYTES)
    if hasattr(source, "seek"):
        source.seek(0)
    if data.startswith(ZIP_MAGIC):
        checked_workbook(data, max_rows=max_rows)


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


def for_a_worker(upload) -> bool:
    """Whether an upload page hands this file to a worker: more rows than
    ``VOKASI_BACKGROUND_ROWS`` once it passed the cheap checks of the whole file. A file
    they refuse is refused in the request, with the reader's own message."""
    try:
        precheck(upload, upload.name)
    except TableError:
        return False
    limit = settings.VOKASI_BACKGROUND_ROWS
    return estimate_rows(upload, upload.name, limit=limit) > limit
