"""Reading a CSV file: its encoding and separator guessed the way Excel writes them."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from django.utils.translation import gettext as _

from vokasi.tabular.types import TableError

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


def csv_rows(data: bytes) -> Iterator[list]:
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
