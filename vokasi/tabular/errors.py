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

from collections.abc import Callable

import pandas as pd

from vokasi.tabular.types import RowError, Table

Message = str | Callable[[str], str]


def _aligned(mask: pd.Series, index: pd.Index) -> pd.Series:
    """``mask`` as booleans on ``index`` (a row it does not name holds no error)."""
    if mask.dtype == bool and mask.index.equals(index):
        return mask
    return mask.reindex(index).fillna(False).astype(bool)


class RowErrors:
    """The row errors of one table, in the order the checks found them.

    ``one_per_cell``: keep only the first problem of a cell (the results file, where a
    later rule would only repeat an earlier one); otherwise every rule a cell breaks is
    listed (the job-seeker import, where a NIK can disagree with both the birth date and
    the sex).
    """

    def __init__(self, table: Table, *, one_per_cell: bool = False) -> None:
        self.table = table
        self.errors: list[RowError] = list(table.errors)
        self.read_refused = {(e.row, e.column) for e in table.errors}
        self.flagged = set(self.read_refused)
        self.one_per_cell = one_per_cell
        self.bad = pd.Series(False, index=table.frame.index)
        self.bad[self.bad.index.isin([e.row for e in table.errors])] = True

    def _skip(self, row, header: str) -> bool:
        return (row, header) in (self.flagged if self.one_per_cell else self.read_refused)

    def _add(self, row, header: str, value, message: str) -> None:
        self.flagged.add((row, header))
        self.errors.append(RowError(int(row), header, value, str(message)))

    def flag(self, mask: pd.Series, column: str, message: Message) -> None:
        """Every row where ``mask`` holds breaks the rule ``message`` states (a text, or
        a function of the cell's value)."""
        mask = _aligned(mask, self.table.frame.index)
        if not mask.any():
            return
        header = self.table.header(column)
        for row, value in self.table.frame.loc[mask, column].items():
            if not self._skip(row, header):
                self._add(row, header, value, message(value) if callable(message) else message)
        self.bad |= mask

    def flag_each(self, messages: pd.Series, column: str) -> None:
        """Row-specific messages (a Series of text or None by row) for one column."""
        messages = messages.dropna()
        header = self.table.header(column)
        raw = self.table.frame[column]
        for row, message in messages.items():
            if not self._skip(row, header):
                self._add(row, header, raw[row], message)
        self.bad[self.bad.index.isin(messages.index)] = True

    def flag_repeated(self, keys: pd.Series, column: str, message: str) -> pd.Series:
        """A key (a NIK) given again further down the file: each later row is an error
        naming the first (``message`` takes ``%(row)d``). Empty keys are not compared.
        Answers the mask of the repeated rows."""
        given = keys[keys != ""]
        repeated = given.duplicated(keep="first")
        first_row = pd.Series(given.index, index=given.index).groupby(given).transform("min")
        self.flag_each(
            pd.Series(
                [message % {"row": int(first_row[row])} for row in given.index[repeated]],
                index=given.index[repeated],
                dtype=object,
            ),
            column,
        )
        return repeated.reindex(keys.index, fill_value=False)

    def in_column(self, column: str) -> pd.Series:
        """The rows with an error in ``column`` so far."""
        header = self.table.header(column)
        rows = [row for row, written in self.flagged if written == header]
        index = self.table.frame.index
        return pd.Series(index.isin(rows), index=index)

    def sort(self, order: Callable[[RowError], object] | None = None) -> list[RowError]:
        """The errors by row, then by ``order`` (default: the column's header)."""
        self.errors.sort(key=lambda e: (e.row, order(e) if order else e.column))
        return self.errors


class FieldErrors:
    """The same checks on one person (a one-row frame): messages by field, as a form or
    the API shows them, for ``ValidationError(errors.by_field)``."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.by_field: dict[str, list[str]] = {}

    def _add(self, column: str, message: str) -> None:
        self.by_field.setdefault(column, []).append(str(message))

    def flag(self, mask: pd.Series, column: str, message: Message) -> None:
        mask = _aligned(mask, self.frame.index)
        if not mask.any():
            return
        for value in self.frame.loc[mask, column]:
            self._add(column, message(value) if callable(message) else message)

    def flag_each(self, messages: pd.Series, column: str) -> None:
        for message in messages.dropna():
            self._add(column, message)

    def __bool__(self) -> bool:
        return bool(self.by_field)
