"""What every upload page with a dry-run box does with a POST (the job-seeker and the
company imports): run the upload, show its outcome or its errors with the downloads, and
answer 400 for a refused file, as the API does. The rules stay in the upload's service."""

from __future__ import annotations

import base64
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from vokasi.tabular import ImportResult, TableError
from vokasi.tabular.report import errors_to_csv, errors_to_xlsx
from vokasi.tabular.types import RowError

#: How many row errors an upload page lists; the downloads carry every one.
ERRORS_SHOWN = 1000


def upload_checked(
    request: HttpRequest, run: Callable[..., ImportResult]
) -> tuple[dict, int, ImportResult | None]:
    """Run ``run(file=…, filename=…, dry_run=…)`` on the posted file: the page's context
    (``result`` or ``file_error``, ``errors`` and their downloads), its status, and the
    result when the file was read."""
    upload = request.FILES.get("file")
    if upload is None:
        return {"file_error": _("Choose a .xlsx or .csv file.")}, 400, None
    try:
        result = run(file=upload, filename=upload.name, dry_run=bool(request.POST.get("dry_run")))
    except TableError as error:
        context = {"file_error": error.message, "errors": error.errors}
        return {**context, **error_downloads(error.errors)}, error.status, None
    context = {"result": result, "errors": result.errors, **error_downloads(result.errors)}
    return context, 200 if result.ok else 400, result


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
