"""Malformed uploads, generated here: the files people (and attackers) send the importers.

``malformed_files`` builds every case from one importer's valid header and rows, so the
same corpus is fed to the job-seeker import and to the cohort results upload (their own
modules, ``test_upload_fuzz_job_seekers`` and ``test_upload_fuzz_results``, send each
case through the API and the page). The tests in this module feed every case straight
to the shared reader: each must end as a ``TableError`` or a table (with row errors
where the case expects them), never as another exception, a crash or a hang.

Decisions the corpus pins down:
- the type comes from the content: a good workbook named .csv is read as a workbook; a
  CSV (or a PDF, PNG, program) named .xlsx is refused with 415;
- CSV text is UTF-8 (BOM or not), UTF-16 with a BOM (Excel's "Unicode Text") or
  Windows-1252 (Latin-1 files read as that); anything else is refused, naming the line;
- formulas are never evaluated: in a CSV "=1+1" is text, stored as typed and neutralised
  by every export; in a workbook the value Excel saved with the formula is read (none
  saved: the cell is empty);
- hidden sheets are never read: the first visible worksheet is the data;
- the workbook is checked before it is parsed: sizes, CRCs, entry count, the extent of
  every worksheet (hidden ones too), the shared-strings count.
"""

from __future__ import annotations

import base64
import csv
import functools
import gzip
import io
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.utils import translation
from openpyxl import Workbook

from vokasi.tabular import Column, Table, TableError, read_table


@dataclass(frozen=True)
class Case:
    """One upload. ``status`` is what the API answers (2xx: the file is read as it
    should be); ``says`` a fragment of the (English) answer; ``row``/``column`` the cell a
    row error names."""

    id: str
    filename: str
    data: bytes = field(repr=False)
    status: int
    says: str = ""
    row: int | None = None
    column: str | None = None

    @property
    def rejected(self) -> bool:
        return self.status >= 400


@dataclass(frozen=True)
class Layout:
    """Where an importer's columns are in its valid file."""

    header: list[str]
    rows: list[list[str]]
    nik: int  # NIK column
    text: int  # a free-text column stored as typed
    date: int  # a date column
    required: int  # a required column (for merged cells)
    text_is_stored: bool = True


# ----------------------------------------------------------------------------- builders


def csv_of(header, rows, *, sep=",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def xlsx_of(header, rows, *, tweak=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if tweak:
        tweak(book, sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, change, extra: dict[str, bytes] | None = None) -> bytes:
    """The workbook with ``change(name, bytes) -> bytes | None`` applied to each part,
    and the ``extra`` parts added (or replaced)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info))
            if content is not None and info.filename not in (extra or {}):
                target.writestr(info.filename, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def sheet_xml(data: bytes, body: bytes) -> bytes:
    """Replace the first worksheet's <sheetData> with ``body``."""

    def change(name, content):
        if name == "xl/worksheets/sheet1.xml":
            start = content.index(b"<sheetData")
            end = content.index(b"</sheetData>") + len(b"</sheetData>")
            return content[:start] + b"<sheetData>" + body + b"</sheetData>" + content[end:]
        return content

    return rezip(data, change)


def inline_row(number: int, values: list[str]) -> bytes:
    cells = b"".join(
        b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>'
        % (chr(65 + i).encode(), number, value.encode())
        for i, value in enumerate(values)
    )
    return b'<row r="%d">%s</row>' % (number, cells)


def lying_sizes(data: bytes, part: str) -> bytes:
    """A zip whose ``part`` says it unpacks to 100 bytes (with the CRC of those 100
    bytes) while its deflate stream goes on: the classic bomb that passes a check of the
    declared sizes."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(part)
    real = archive.read(part)
    crc = zlib.crc32(real[:100])
    out = bytearray(data)
    # Local header: CRC at +14, compressed +18, uncompressed +22.
    struct.pack_into("<I", out, info.header_offset + 14, crc)
    struct.pack_into("<I", out, info.header_offset + 22, 100)
    # Central directory entry.
    central = out.index(b"PK\x01\x02")
    while out[central + 46 : central + 46 + len(part)] != part.encode():
        central = out.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", out, central + 16, crc)
    struct.pack_into("<I", out, central + 24, 100)
    return bytes(out)


def encrypted_flag(data: bytes) -> bytes:
    """Every entry marked encrypted (general purpose flag bit 0)."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = out.find(signature)
        while at >= 0:
            flags = struct.unpack_from("<H", out, at + offset)[0]
            struct.pack_into("<H", out, at + offset, flags | 1)
            at = out.find(signature, at + 4)
    return bytes(out)


@functools.cache
def empty_rows() -> bytes:
    """A workbook with a header and rows 2 to 1,048,576, each with one empty cell (the
    extent check refuses it before the header is looked at, so one serves every
    importer)."""
    row = '<row r="{0}"><c r="A{0}" t="str"><v></v></c></row>'
    body = "".join(map(row.format, range(2, 1_048_577))).encode()
    return sheet_xml(xlsx_of(["NIK"], []), inline_row(1, ["NIK"]) + body)


@functools.cache
def huge_text() -> str:
    """10 MB that does not compress."""
    return base64.b64encode(os.urandom(7_500_000)).decode()


# -------------------------------------------------------------------------------- corpus


def malformed_files(layout: Layout) -> list[Case]:
    header, rows = layout.header, layout.rows
    good_csv = csv_of(header, rows)
    good_xlsx = xlsx_of(header, rows)
    nik_title, text_title = header[layout.nik], header[layout.text]
    date_title = header[layout.date]

    def with_cell(index: int, value, row: int = 0) -> list[list]:
        changed = [list(r) for r in rows]
        changed[row][index] = value
        return changed

    cases = [
        Case(
            "over the size limit",
            "data.csv",
            good_csv.encode() + b"x" * settings.VOKASI_UPLOAD_MAX_BYTES,
            413,
            "the limit",
        ),
        Case("empty file", "data.csv", b"", 400, "empty"),
        Case("only blanks", "data.csv", b" \r\n \r\n", 400, "empty"),
        Case("only headers csv", "data.csv", csv_of(header, []).encode(), 400, "no data rows"),
        Case("only headers xlsx", "data.xlsx", xlsx_of(header, []), 400, "no data rows"),
        Case(
            "many blank lines and no data",
            "data.csv",
            csv_of(header, []).encode() + b"\r\n" * 200_000,
            400,
            "no data rows",
        ),
    ]
    # Truncated workbooks, cut at several places, and one with a byte flipped.
    for fraction in (0.02, 0.25, 0.5, 0.75, 0.99):
        cut = max(1, int(len(good_xlsx) * fraction))
        cases.append(
            Case(f"xlsx cut at {fraction:.0%}", "data.xlsx", good_xlsx[:cut], 400, "damaged")
        )
    sheet_at = good_xlsx.index(b"xl/worksheets/sheet1.xml") + 60
    flipped = bytearray(good_xlsx)
    flipped[sheet_at] ^= 0xFF
    cases.append(Case("xlsx with a flipped byte", "data.xlsx", bytes(flipped), 400, "damaged"))

    # Zip bombs.
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * (4 * 1024 * 1024))
    cases.append(Case("zip bomb (4 MB of one byte)", "data.xlsx", bomb.getvalue(), 413, "zip bomb"))
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for n in range(2_100):
            archive.writestr(f"xl/media/{n}.bin", b"")
    cases.append(
        Case("zip with 2,101 entries", "data.xlsx", many.getvalue(), 413, "too many parts")
    )
    cases.append(
        Case(
            "zip lying about a part's size",
            "data.xlsx",
            lying_sizes(good_xlsx, "xl/worksheets/sheet1.xml"),
            400,
            "save it again",
        )
    )
    cases.append(
        Case("zip with encrypted entries", "data.xlsx", encrypted_flag(good_xlsx), 415, "encrypted")
    )
    cases.append(
        Case(
            "shared strings claiming 4 billion entries",
            "data.xlsx",
            rezip(
                good_xlsx,
                lambda name, content: content,
                extra={
                    "xl/sharedStrings.xml": b'<?xml version="1.0"?><sst xmlns="http://schemas.'
                    b'openxmlformats.org/spreadsheetml/2006/main" count="1" '
                    b'uniqueCount="4294967295"><si><t>a</t></si></sst>'
                },
            ),
            400,
            "damaged",
        )
    )
    cases.append(
        Case(
            "xml entity expansion (billion laughs)",
            "data.xlsx",
            rezip(
                good_xlsx,
                lambda name, content: (
                    b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
                    b'"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                    + content.replace(b"<t>", b"<t>&lol2;", 1).replace(b"<v>", b"<v>&lol2;", 1)
                    if name == "xl/worksheets/sheet1.xml"
                    else content
                ),
            ),
            400,
            "XML",
        )
    )

    # Wrong types, by content whatever the name.
    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    cases += [
        Case("csv named .xlsx", "data.xlsx", good_csv.encode(), 415, "not an Excel workbook"),
        Case("pdf named .xlsx", "data.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", 415, "PDF"),
        Case("pdf named .csv", "data.csv", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", 415, "PDF"),
        Case("png named .xlsx", "data.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 415, "PNG"),
        Case(
            "exe named .xlsx",
            "data.xlsx",
            b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64,
            415,
            "program",
        ),
        Case("jpeg named .csv", "data.csv", b"\xff\xd8\xff\xe0\x00\x10JFIF", 415, "JPEG"),
        Case("gzip named .csv", "data.csv", gzip.compress(good_csv.encode()), 415, "gzip"),
        Case(
            "old .xls", "data.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, 415, ".xls"
        ),
        Case("ods named .xlsx", "data.xlsx", ods.getvalue(), 415, "OpenDocument"),
        Case("zip of something else", "data.xlsx", _zip_of({"readme.txt": b"hi"}), 415, "zip"),
        # Read by content: a good workbook named .csv is the workbook it is.
        Case("good xlsx named .csv (read by content)", "data.csv", good_xlsx, 200),
    ]

    # Encodings.
    latin_rows = with_cell(layout.text, "Jos\u00e9 M\u00fcller") if layout.text_is_stored else rows
    cases += [
        Case(
            "utf-16 le with bom (Unicode Text)",
            "data.csv",
            b"\xff\xfe" + csv_of(header, rows, sep="\t").encode("utf-16-le"),
            200,
        ),
        Case(
            "utf-16 be with bom",
            "data.csv",
            b"\xfe\xff" + csv_of(header, rows, sep="\t").encode("utf-16-be"),
            200,
        ),
        Case(
            "utf-16 le without bom",
            "data.csv",
            csv_of(header, rows).encode("utf-16-le"),
            415,
            "NUL",
        ),
        Case(
            "latin-1 (read as windows-1252)",
            "data.csv",
            csv_of(header, latin_rows).encode("latin-1"),
            200,
        ),
        Case(
            "shift-jis bytes",
            "data.csv",
            csv_of(header, with_cell(layout.text, "\u5c71\u7530\u592a\u90ce")).encode("shift_jis"),
            415,
            "line 2",
        ),
        Case(
            "gbk bytes",
            "data.csv",
            csv_of(header, with_cell(layout.text, "\u738b\u4f1f\u5f3a")).encode("gbk"),
            415,
            "line 2",
        ),
        Case(
            "invalid utf-8 among valid utf-8",
            "data.csv",
            csv_of(header, with_cell(layout.text, "Jos\u00e9 ?"))
            .encode()
            .replace(b"?", b"\xc3\x28"),
            415,
            "invalid UTF-8 on line 2",
        ),
        Case(
            "utf-8 bom then invalid bytes",
            "data.csv",
            b"\xef\xbb\xbf" + good_csv.encode() + b"\xff\xfe\xfd",
            415,
            "invalid UTF-8",
        ),
        Case(
            "nul bytes in a csv",
            "data.csv",
            csv_of(header, with_cell(layout.text, "a\x00b")).encode(),
            415,
            "line 2 contains NUL",
        ),
        Case(
            "nul bytes 8 KB into a csv",
            "data.csv",
            csv_of(header, rows * 200 + with_cell(layout.text, "a\x00b")[:1]).encode(),
            415,
            "contains NUL",
        ),
        Case(
            "nul character in an xlsx cell",
            "data.xlsx",
            sheet_xml(
                good_xlsx,
                inline_row(1, header)
                + inline_row(
                    2, ["a_x0000_b" if i == layout.text else str(v) for i, v in enumerate(rows[0])]
                ),
            ),
            400,
            "NUL",
            row=2,
            column=text_title,
        ),
    ]

    # Huge cells, long lines, wide sheets.
    huge = huge_text()
    cases += [
        Case(
            "10 MB in one csv cell",
            "data.csv",
            csv_of(header, with_cell(layout.text, huge)).encode(),
            400,
            "line 2",
        ),
        Case(
            "40,000 characters in one csv cell",
            "data.csv",
            csv_of(header, with_cell(layout.text, "x" * 40_000)).encode(),
            400,
            "at most 32,767",
            row=2,
            column=text_title,
        ),
        Case(
            "10 MB in one xlsx cell",
            "data.xlsx",
            sheet_xml(
                good_xlsx,
                inline_row(1, header)
                + inline_row(
                    2, [huge if i == layout.text else str(v) for i, v in enumerate(rows[0])]
                ),
            ),
            400,
            "at most 32,767",
            row=2,
            column=text_title,
        ),
        Case(
            "one line with a million separators",
            "data.csv",
            (",".join(header) + "," * 1_000_000 + "x\r\n").encode(),
            400,
            "columns",
        ),
        Case(
            "300 columns",
            "data.csv",
            csv_of(header + [f"extra {n}" for n in range(300)], rows).encode(),
            400,
            "columns",
        ),
        Case(
            "cell at column XFD",
            "data.xlsx",
            sheet_xml(
                good_xlsx,
                inline_row(1, header)
                + b'<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>',
            ),
            400,
            "columns",
        ),
        Case(
            "one cell at XFD1048576",
            "data.xlsx",
            sheet_xml(
                good_xlsx,
                inline_row(1, header)
                + b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
            ),
            400,
            "columns",
        ),
        Case(
            "one cell at J1048576",
            "data.xlsx",
            sheet_xml(
                good_xlsx,
                inline_row(1, header)
                + inline_row(2, [str(v) for v in rows[0]])
                + b'<row r="1048576"><c r="J1048576" t="inlineStr"><is><t>x</t></is></c></row>',
            ),
            413,
            "1,048,576",
        ),
        Case(
            "1,048,575 empty rows under the header",
            "data.xlsx",
            empty_rows(),
            413,
            "1,048,576",
        ),
        Case(
            "cells without positions far down",
            "data.xlsx",
            sheet_xml(
                good_xlsx,
                inline_row(1, header)
                + b'<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>',
            ),
            413,
            "1,048,576",
        ),
        Case(
            "dimension claiming A1:J1048576 (read as it is)",
            "data.xlsx",
            rezip(
                good_xlsx,
                lambda name, content: (
                    content.replace(b'<dimension ref="', b'<dimension ref="A1:J1048576" x="')
                    if name == "xl/worksheets/sheet1.xml"
                    else content
                ),
            ),
            200,
        ),
        Case(
            "more cells than headers",
            "data.csv",
            csv_of(header, [rows[0] + ["extra"]]).encode(),
            400,
            "more cells",
            row=2,
        ),
    ]

    # Headers.
    duplicate = list(header)
    duplicate[layout.text] = nik_title
    cases += [
        Case("duplicate headers", "data.csv", csv_of(duplicate, rows).encode(), 400, "both mean"),
        Case(
            "no known header at all",
            "data.csv",
            csv_of([f"kolom {n}" for n in range(len(header))], rows).encode(),
            400,
            "missing",
        ),
        Case(
            "header under a title and a blank row (found)",
            "data.csv",
            ("Daftar dari Job Fair 2026\r\n\r\n" + good_csv).encode(),
            200,
        ),
        Case(
            "header below the first 20 rows",
            "data.csv",
            ("catatan\r\n" * 25 + good_csv).encode(),
            400,
            "missing",
        ),
    ]

    # Formulas: inert text in a CSV, never evaluated in a workbook.
    cases += [
        Case(
            "formula cell without a saved value",
            "data.xlsx",
            xlsx_of(header, with_cell(layout.required, "=1+1")),
            400,
            "required",
            row=2,
            column=header[layout.required],
        ),
        Case(
            "formula in a nik",
            "data.csv",
            csv_of(header, with_cell(layout.nik, "=1+1")).encode(),
            400,
            "",
            row=2,
            column=nik_title,
        ),
        Case(
            "hyperlink formula in a date",
            "data.csv",
            csv_of(
                header, with_cell(layout.date, '=HYPERLINK("http://evil.example","klik")')
            ).encode(),
            400,
            "date",
            row=2,
            column=date_title,
        ),
    ]
    if layout.text_is_stored:
        cases.append(
            Case(
                "formulas in text stored as typed",
                "data.csv",
                csv_of(
                    header, with_cell(layout.text, '=HYPERLINK("http://evil.example","klik")')
                ).encode(),
                200,
            )
        )

    # Merged cells and hidden sheets.
    def merge(book, sheet):
        column = chr(65 + layout.required)
        sheet.merge_cells(f"{column}2:{column}3")

    def hide_first(book, sheet):
        sheet.sheet_state = "hidden"
        visible = book.create_sheet("Visible")
        visible.append(["junk only"])

    def hidden_before(book, sheet):
        notes = book.create_sheet("Petunjuk", 0)
        notes.append(["NIK", "this hidden sheet is never read"])
        notes.sheet_state = "hidden"
        book.active = 1

    cases += [
        Case(
            "merged cells over two rows",
            "data.xlsx",
            xlsx_of(header, rows, tweak=merge),
            400,
            "required",
            row=3,
            column=header[layout.required],
        ),
        Case(
            "data on a hidden sheet only",
            "data.xlsx",
            xlsx_of(header, rows, tweak=hide_first),
            400,
            "missing",
        ),
        Case(
            "every sheet hidden",
            "data.xlsx",
            rezip(
                good_xlsx,
                lambda name, content: (
                    content.replace(b'state="visible"', b'state="hidden"')
                    if name == "xl/workbook.xml"
                    else content
                ),
            ),
            400,
            "no visible worksheet",
        ),
        Case(
            "a hidden sheet before the data (skipped)",
            "data.xlsx",
            xlsx_of(header, rows, tweak=hidden_before),
            200,
        ),
    ]

    # Dates and NIKs as Excel mangles them.
    nik_number = float(rows[0][layout.nik])
    cases += [
        Case(
            "date as an excel serial",
            "data.xlsx",
            xlsx_of(header, with_cell(layout.date, 36000)),
            400,
            "date",
            row=2,
            column=date_title,
        ),
        Case(
            "date as words",
            "data.csv",
            csv_of(header, with_cell(layout.date, "21 Agustus 1999")).encode(),
            400,
            "date",
            row=2,
            column=date_title,
        ),
        Case(
            "nik as a float in xlsx",
            "data.xlsx",
            xlsx_of(header, with_cell(layout.nik, nik_number)),
            400,
            "as a number",
            row=2,
            column=nik_title,
        ),
        Case(
            "nik as 3.672e15 in csv",
            "data.csv",
            csv_of(header, with_cell(layout.nik, "3.672e15")).encode(),
            400,
            "as a number",
            row=2,
            column=nik_title,
        ),
        Case("unbalanced quote", "data.csv", (good_csv + '"' + "x" * 200_000).encode(), 400, ""),
        Case("path in the file name", "../../../etc/passwd.csv", good_csv.encode(), 200),
    ]
    return cases


def _zip_of(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


# ----------------------------------------------------------------- the reader on its own

READER_COLUMNS = [
    Column("nik", ("NIK",), text=True),
    Column("name", ("Nama",)),
    Column("born", ("Tanggal Lahir",)),
    Column("note", ("Catatan",), required=False),
]
READER_LAYOUT = Layout(
    header=["NIK", "Nama", "Tanggal Lahir", "Catatan"],
    rows=[
        ["3672044108990001", "Siti Aminah", "1999-08-01", "ok"],
        ["3672041208990002", "Budi", "1999-08-12", ""],
    ],
    nik=0,
    text=1,
    date=2,
    required=1,
)


@pytest.fixture(scope="module")
def reader_cases():
    return {case.id: case for case in malformed_files(READER_LAYOUT)}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_the_corpus_is_broad(reader_cases):
    assert len(reader_cases) >= 60
    assert sum(case.rejected for case in reader_cases.values()) >= 50


#: Row errors the reader itself finds (the others are the importers' rules).
READER_ROW_ERRORS = ("NUL", "at most 32,767", "as a number", "more cells")


def test_every_malformed_file_is_a_clear_error_or_a_table_never_a_crash(reader_cases):
    for case in reader_cases.values():
        try:
            table = read_table(case.data, READER_COLUMNS, filename=case.filename)
        except TableError as error:
            assert case.rejected, f"{case.id}: refused ({error.message})"
            assert case.says in error.message, f"{case.id}: {error.message}"
            if case.status in (413, 415):
                assert error.status == case.status, f"{case.id}: {error.status}"
            continue
        assert isinstance(table, Table)
        assert case.status not in (413, 415), f"{case.id}: read"
        if case.says in READER_ROW_ERRORS:
            assert [e.row for e in table.errors] == [case.row or 2], (case.id, table.errors)
            assert case.says in table.errors[0].message, case.id
            assert len(table.errors[0].value) < 100, case.id
