"""The signed agreement's scan: checked as every upload is (``vokasi.tabular``).

The size limit is ``VOKASI_UPLOAD_MAX_BYTES`` (413 above it); the type comes from the
content, never the name: only a PDF (``%PDF-``) is kept (415 otherwise, naming what the
file is when it is recognised). The stored name is ours, not the sender's.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from vokasi.tabular.limits import BINARY_SIGNATURES, ZIP_MAGIC
from vokasi.tabular.reading import read_bytes
from vokasi.tabular.types import TableError

PDF_MAGIC = b"%PDF-"


def checked_document(upload, *, must_be_pdf: str | None = None) -> ContentFile:
    """The upload as a file to store, or TableError (``status`` 400, 413 or 415).
    ``must_be_pdf``: the refusal naming the document (another document than an
    agreement's, e.g. a written warning's letter)."""
    data, _name = read_bytes(
        upload, getattr(upload, "name", None), settings.VOKASI_UPLOAD_MAX_BYTES
    )
    if not data:
        raise TableError(_("The file is empty."))
    if not data.startswith(PDF_MAGIC):
        kind = next((str(k) for magic, k in BINARY_SIGNATURES if data.startswith(magic)), None)
        if kind is None and data.startswith(ZIP_MAGIC):
            kind = _("zip archive or Office document")
        if must_be_pdf:
            message = f"{must_be_pdf} ({kind})" if kind else must_be_pdf
        else:
            message = (
                _("The file is a %(kind)s; the agreement's document must be a PDF.")
                % {"kind": kind}
                if kind
                else _("The agreement's document must be a PDF.")
            )
        raise TableError(message, status=415)
    return ContentFile(data, name=f"{secrets.token_hex(8)}.pdf")


def document_response(agreement) -> FileResponse:
    """The signed copy as a download (its page and the API answer alike); 404 when none
    is on file."""
    if not agreement.document:
        raise Http404
    return FileResponse(
        agreement.document.open("rb"),
        as_attachment=True,
        filename=f"{agreement.number.replace('/', '-')}.pdf",
        content_type="application/pdf",
    )
