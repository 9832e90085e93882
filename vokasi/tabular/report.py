"""Row errors as a file people can download, fix and upload again."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from vokasi.exports import rows_to_csv, rows_to_xlsx
from vokasi.tabular.types import RowError


def _columns():
    return [
        ("row", _("Row")),
        ("column", _("Column")),
        ("value", _("Value")),
        ("message", _("Problem")),
    ]


def errors_to_csv(errors: Iterable[RowError]) -> bytes:
    return rows_to_csv((error.as_dict() for error in errors), _columns())


def errors_to_xlsx(errors: Iterable[RowError]) -> bytes:
    return rows_to_xlsx((error.as_dict() for error in errors), _columns(), _("Errors"))
