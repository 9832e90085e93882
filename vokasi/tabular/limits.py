"""Limits of what an upload may be, and the signatures of files that are not tables."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vokasi.tabular.types import TableError

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


def too_many_columns(count: int) -> TableError:
    return TableError(
        _("The sheet has %(count)d columns; at most %(limit)d are read.")
        % {"count": count, "limit": MAX_COLUMNS}
    )
