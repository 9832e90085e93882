"""Collecting what is wrong: every check of an upload reports through one collector.

A check states its rule over a whole column at once (a boolean mask, or a Series of
row-specific messages) and the collector turns the rows it names into ``RowError``s:
row number as the spreadsheet shows it, the column's header as written in the file, the
cell's text as read, and the reason. A cell the reader already refused (an Excel number
in a NIK column, a NUL byte) is not reported again. ``bad`` marks every row with an error.

The same checks run on one person typed into a form or sent to the API: ``FieldErrors``
collects them by field instead, so both give the same message for the same fault.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

from vokasi.tabular.types import RowError, Table

Message = str | Callable[[str], str]


def _aligned(mask: pd.Series, index: pd.Index) -> pd.Series:
    """``mask`` as booleans on ``index`` (a row it does not name holds no error)."""
    if mask.dtype == bool and mask.index.equals(index):
        return mask
    return mask.reindex(index).fillna(False).astype(bool)


def _true_positions(mask) -> list[int]:
    """Where a sequence of booleans (a list, or a numpy array) holds."""
    if isinstance(mask, np.ndarray):
        return np.flatnonzero(mask).tolist()
    return [at for at, holds in enumerate(mask) if holds]


def _messages_in_order(messages) -> Iterator[tuple[int, str]]:
    """(position, message) for a sequence in row order of None, a message, or a list of
    messages (a cell can break several rules)."""
    for at, found in enumerate(messages):
        if found is None:
            continue
        if isinstance(found, list):
            for message in found:
                yield at, message
        else:
            yield at, found


class RowErrors:
    """The row errors of one table, in the order the checks found them.

    ``one_per_cell``: keep only the first problem of a cell (the results file, where a
    later rule would only repeat an earlier one); otherwise every rule a cell breaks is
    listed (the job-seeker import, where a NIK can disagree with both the birth date and
    the sex).

    A check names its rows either as pandas does (a Series by row number) or in the
    table's row order (a list or array, one entry a row). The second costs no pandas
    operation at all: for a file of a few rows, the dozens of Series a check would build
    cost far more than the rows themselves, and for a large file a list comprehension
    over a column is as fast as the Series method that loops over it.
    """

    def __init__(self, table: Table, *, one_per_cell: bool = False) -> None:
        self.table = table
        self.errors: list[RowError] = list(table.errors)
        self.read_refused = {(e.row, e.column) for e in table.errors}
        self.flagged = set(self.read_refused)
        self.one_per_cell = one_per_cell
        # An importer that has built the table's frame may have renumbered its rows (JSON
        # rows count from 1): the frame is then the table, else the plain lists are.
        self._from_frame = "frame" in vars(table)
        self._rows = table.frame.index.tolist() if self._from_frame else table.rows
        self._columns: dict[str, list] = {}
        self._bad = np.zeros(len(self._rows), dtype=bool)
        refused_rows = {e.row for e in table.errors}
        if refused_rows:
            self._bad[[at for at, row in enumerate(self._rows) if row in refused_rows]] = True
        self._bad_series: pd.Series | None = None
        self._position: dict[int, int] | None = None

    @property
    def bad(self) -> pd.Series:
        """Every row with an error, as booleans by row number."""
        if self._bad_series is None:
            self._bad_series = pd.Series(self._bad.copy(), index=self.table.frame.index)
        return self._bad_series

    def _mark_bad(self, positions) -> None:
        self._bad[positions] = True
        self._bad_series = None

    def _cells(self, column: str) -> list:
        """The column's cells as read, in row order."""
        if not self._from_frame:
            return self.table.cells[column]
        if column not in self._columns:
            self._columns[column] = self.table.frame[column].tolist()
        return self._columns[column]

    def _position_of(self, row) -> int:
        if self._position is None:
            self._position = {number: at for at, number in enumerate(self._rows)}
        return self._position[row]

    def _skip(self, row, header: str) -> bool:
        return (row, header) in (self.flagged if self.one_per_cell else self.read_refused)

    def _add(self, row, header: str, value, message: str) -> None:
        self.flagged.add((row, header))
        self.errors.append(RowError(int(row), header, value, str(message)))

    def flag(self, mask, column: str, message: Message) -> None:
        """Every row where ``mask`` holds breaks the rule ``message`` states (a text, or
        a function of the cell's value). ``mask``: a boolean Series by row number, or
        booleans in the table's row order."""
        if isinstance(mask, pd.Series):
            aligned = _aligned(mask, self.table.frame.index)
            if not aligned.any():
                return
            positions = np.flatnonzero(aligned.to_numpy()).tolist()
        else:
            positions = _true_positions(mask)
            if not positions:
                return
        header = self.table.header(column)
        cells = self._cells(column)
        rows = self._rows
        for at in positions:
            row, value = rows[at], cells[at]
            if not self._skip(row, header):
                self._add(row, header, value, message(value) if callable(message) else message)
        self._mark_bad(positions)

    def flag_each(self, messages, column: str) -> None:
        """Row-specific messages for one column: a Series of text or None by row number,
        or, in the table's row order, None, a message or a list of messages a row."""
        if isinstance(messages, pd.Series):
            found = [(self._position_of(row), text) for row, text in messages.dropna().items()]
        else:
            found = list(_messages_in_order(messages))
        self._flag_found(found, column)

    def _flag_found(self, found: list[tuple[int, str]], column: str) -> None:
        if not found:
            return
        header = self.table.header(column)
        cells = self._cells(column)
        rows = self._rows
        for at, message in found:
            row = rows[at]
            if not self._skip(row, header):
                self._add(row, header, cells[at], message)
        self._mark_bad([at for at, _message in found])

    def flag_repeated(self, keys, column: str, message: str):
        """A key (a NIK) given again further down the file: each later row is an error
        naming the first (``message`` takes ``%(row)d``). Empty keys are not compared.
        ``keys``: a Series by row number (answers the repeated rows as a boolean Series)
        or the keys in the table's row order (answers a list of booleans)."""
        as_series = isinstance(keys, pd.Series)
        if as_series:
            rows, values = keys.index.tolist(), keys.tolist()
            positions = [self._position_of(row) for row in rows]
        else:
            rows, values = self._rows, keys
            positions = range(len(rows))
        first_row: dict = {}
        for row, key in zip(rows, values, strict=True):
            if key != "" and (key not in first_row or row < first_row[key]):
                first_row[key] = row
        seen: set = set()
        repeated = [False] * len(values)
        found = []
        for index, (at, key) in enumerate(zip(positions, values, strict=True)):
            if key == "":
                continue
            if key in seen:
                repeated[index] = True
                found.append((at, message % {"row": int(first_row[key])}))
            else:
                seen.add(key)
        self._flag_found(found, column)
        return pd.Series(repeated, index=keys.index) if as_series else repeated

    def rows_in_column(self, column: str) -> set:
        """The row numbers with an error in ``column`` so far."""
        header = self.table.header(column)
        return {row for row, written in self.flagged if written == header}

    def in_column(self, column: str) -> pd.Series:
        """The rows with an error in ``column`` so far."""
        index = self.table.frame.index
        return pd.Series(index.isin(list(self.rows_in_column(column))), index=index)

    def sort(self, order: Callable[[RowError], object] | None = None) -> list[RowError]:
        """The errors by row, then by ``order`` (default: the column's header)."""
        self.errors.sort(key=lambda e: (e.row, order(e) if order else e.column))
        return self.errors


class FieldErrors:
    """The same checks on one person (a table of one row, column by column: a mapping of
    column to its values, as the registration rules read people): messages by field, as
    a form or the API shows them, for ``ValidationError(errors.by_field)``."""

    def __init__(self, people: Mapping[str, Sequence]) -> None:
        self.people = people
        self.by_field: dict[str, list[str]] = {}

    def _add(self, column: str, message: str) -> None:
        self.by_field.setdefault(column, []).append(str(message))

    def flag(self, mask: Sequence[bool], column: str, message: Message) -> None:
        """As ``RowErrors.flag``, with ``mask`` in row order."""
        values = self.people[column]
        for at in _true_positions(mask):
            value = values[at]
            self._add(column, message(value) if callable(message) else message)

    def flag_each(self, messages: Sequence, column: str) -> None:
        """As ``RowErrors.flag_each``, with ``messages`` in row order."""
        for _at, message in _messages_in_order(messages):
            self._add(column, message)

    def __bool__(self) -> bool:
        return bool(self.by_field)
