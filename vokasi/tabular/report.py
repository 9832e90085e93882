"""Row errors as a file people can download, fix and upload again."""

from __future__ import annotations

import base64
from collections.abc import Iterable

from django.http import HttpResponse
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


#: How many row errors an upload page lists; the downloads carry every one.
ERRORS_SHOWN = 1000


def error_downloads(errors: list[RowError]) -> dict:
    """What an upload page shows of its row errors: the first ``ERRORS_SHOWN``, and every
    one as a .csv and an .xlsx the page offers to download (no second request needed)."""
    if not errors:
        return {}
    return {
        "errors_shown": errors[:ERRORS_SHOWN],
        "errors_csv": base64.b64encode(errors_to_csv(errors)).decode(),
        "errors_xlsx": base64.b64encode(errors_to_xlsx(errors)).decode(),
    }


def template_response(headers: list[str], filename: str) -> HttpResponse:
    """An empty sheet with an upload's expected headers (CSV, ``;``, a BOM for Excel)."""
    response = HttpResponse(
        "\ufeff" + ";".join(headers) + "\r\n", content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
