"""Turning the rows of a file into a Table: find the header, map the columns, keep every
value as text, and note the cells that reading can already refuse."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Sequence

from django.utils.translation import gettext as _

from vokasi.tabular.limits import (
    HEADER_SEARCH_ROWS,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    too_many_columns,
)
from vokasi.tabular.types import Column, RowError, Table, TableError

_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_HEADER_JUNK = re.compile(r"[^0-9a-z]+")


def normalise_header(text: str) -> str:
    """ "Nomor_Induk Kependudukan (NIK)" -> "nomor induk kependudukan nik"."""
    return _HEADER_JUNK.sub(" ", str(text).lower()).strip()


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


def to_table(
    rows: Iterable[list],
    columns: Sequence[Column],
    *,
    raw: bool,
    max_rows: int,
    file_type: str,
    sheet: str,
    check_nul: bool = False,
) -> Table:
    """The rows of a file as a Table of text, one column per ``columns``."""
    lookup: dict[str, Column] = {}
    for column in columns:
        for alias in (column.name, *column.aliases):
            lookup[normalise_header(alias)] = column
    rows = iter(rows)
    header_index, header, last_read = _find_header(
        rows, lookup, {c.name for c in columns if c.required}
    )
    header_row_number = header_index + 1
    positions, headers, ignored = _positions(header, lookup, columns, header_row_number)
    numbers, data, errors = _data_rows(
        rows,
        positions,
        width=len(header),
        first_number=header_row_number + last_read - header_index + 1,
        raw=raw,
        max_rows=max_rows,
    )
    # Column by column in plain lists (the Table builds its frame only when asked): a
    # few pandas calls per column cost more than the whole conversion for the small
    # files most people send.
    cells = dict(zip(positions, zip(*data, strict=True), strict=True))
    texts: dict[str, list[str]] = {}
    for column in columns:
        raw_values = cells.get(column.name)
        if raw_values is None:
            texts[column.name] = [""] * len(numbers)
            continue
        text = [_to_text(value) for value in raw_values]
        if column.text:
            errors.extend(
                _numbers_in_text_column(numbers, raw_values, text, column, headers, raw=raw)
            )
        errors.extend(_unreadable_cells(numbers, text, column, headers, check_nul=check_nul))
        texts[column.name] = text
    return Table(
        cells=texts,
        rows=numbers,
        headers=headers,
        errors=errors,
        file_type=file_type,
        sheet=sheet,
        ignored_columns=ignored,
    )


def _find_header(
    rows: Iterator[list], lookup: dict[str, Column], required: set[str]
) -> tuple[int, list[str], int]:
    """The header is the first row naming every required column, looked for in the first
    non-empty rows (a title or a note often sits above it); failing that, the row that
    names the most, to say what is missing. Answers its index, its titles, and the index
    of the last row read."""
    best: tuple[int, int, list[str]] | None = None
    seen = 0
    index = -1
    for index, row in enumerate(rows):
        if len(row) > MAX_COLUMNS:
            if any(_to_text(cell) for cell in filter(None, row[MAX_COLUMNS:])):
                raise too_many_columns(len(row))
            row = row[:MAX_COLUMNS]
        header = [_to_text(cell) for cell in row]
        if not any(header):
            continue
        while header and not header[-1]:
            header.pop()
        if len(header) > MAX_COLUMNS:
            raise too_many_columns(len(header))
        found = _match_header(header, lookup)
        if required <= found:
            return index, header, index
        if best is None or len(found) > best[0]:
            best = (len(found), index, header)
        seen += 1
        if seen >= HEADER_SEARCH_ROWS:
            break
    if best is None:
        raise TableError(_("The sheet is empty: there is no header row."))
    _count, header_index, header = best
    return header_index, header, index


def _positions(
    header: list[str],
    lookup: dict[str, Column],
    columns: Sequence[Column],
    header_row_number: int,
) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """Where each column is (by name), its title as written, and the titles not used."""
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
    return positions, headers, ignored


def _data_rows(
    rows: Iterator[list],
    positions: dict[str, int],
    *,
    width: int,
    first_number: int,
    raw: bool,
    max_rows: int,
) -> tuple[list[int], list[list], list[RowError]]:
    """The non-empty rows below the header: their row numbers as the spreadsheet shows
    them, their cells in ``positions`` order, and the rows wider than the header."""
    numbers, data, errors = [], [], []
    for number, row in enumerate(rows, start=first_number):
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
                RowError(number, "", "", _("This row has more cells than the header has columns."))
            )
        numbers.append(number)
        data.append(
            [row[positions[name]] if positions[name] < len(row) else None for name in positions]
        )
    if not data:
        raise TableError(_("The file has a header but no data rows."))
    return numbers, data, errors


def _unreadable_cells(
    numbers: list[int], values: list[str], column: Column, headers, *, check_nul: bool
):
    """Cells no one typed: longer than Excel allows, or with NUL characters (which
    PostgreSQL cannot store). Each is a row error; ``values`` keeps a short stand-in so
    later messages (and the answer) stay small."""
    too_long = max(map(len, values), default=0) > MAX_CELL_CHARS
    if not (too_long or check_nul):
        return
    header = headers.get(column.name, column.name)
    for index, (row, value) in enumerate(zip(numbers, values, strict=True)):
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
        values[index] = shown
        yield RowError(int(row), header, shown, message)


def _numbers_in_text_column(
    numbers: list[int], values: Sequence, text: list[str], column: Column, headers, *, raw: bool
):
    header = headers.get(column.name, column.name)
    message = _(
        "Excel stored this %(column)s as a number (%(shown)s), which loses digits and "
        "leading zeros. Format the column as Text and type the value again."
    )
    for row, value, written in zip(numbers, values, text, strict=True):
        if raw:
            if not isinstance(value, int | float) or isinstance(value, bool):
                continue
            shown = _excel_number(float(value))
        elif _SCIENTIFIC.match(written):
            shown = written
        else:
            continue
        yield RowError(int(row), header, shown, message % {"column": header, "shown": shown})
