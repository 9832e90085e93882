from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property

import pandas as pd


@dataclass(frozen=True)
class Column:
    """A column an importer expects.

    ``aliases`` are the other header names people write (Indonesian, English, with or
    without underscores; compared case- and punctuation-insensitively). ``text`` marks
    identifiers (NIK, phone) that must arrive as text: a number cell from Excel in such
    a column has already lost digits or leading zeros, so it is a row error. ``label``
    (a lazy translation) names the column on the upload pages.
    """

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True
    text: bool = False
    #: What the column is called on the upload page, in the reader's language.
    label: str = ""

    @property
    def title(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class RowError:
    """One problem with one cell: row number as the spreadsheet shows it, column as the
    header is written in the file."""

    row: int
    column: str
    value: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


class TableError(Exception):
    """The file as a whole cannot be read: wrong type, too large, empty, missing columns.

    ``status`` is the HTTP status an API answers with (400, 413 or 415); ``errors`` lists
    the cells concerned where there are any (e.g. one per missing column).
    """

    def __init__(self, message: str, *, status: int = 400, errors: list[RowError] | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.errors = errors or []


@dataclass
class Table:
    """A file read as text: one list of str per known Column (``cells``; missing optional
    columns are empty strings) in row order, and the spreadsheet row number of each row
    (``rows``). ``frame`` is the same as a DataFrame indexed by the row number, built on
    first use: an importer that checks the lists directly (the job-seeker import) never
    pays for it. Neither is changed once read."""

    cells: dict[str, list[str]]
    rows: list[int]
    headers: dict[str, str]
    errors: list[RowError] = field(default_factory=list)
    file_type: str = ""
    sheet: str = ""
    ignored_columns: list[str] = field(default_factory=list)

    @cached_property
    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.cells, index=pd.Index(self.rows, name="row"), dtype=object)

    def header(self, name: str) -> str:
        """The column's header as written in the file (for error messages)."""
        return self.headers.get(name, name)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass
class ImportResult:
    """What an import did, or in a dry run would do."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    changes: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [error.as_dict() for error in self.errors],
            "dry_run": self.dry_run,
        }
