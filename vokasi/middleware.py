"""Requests no view should see: NUL characters in the path, the query or a page's form.

PostgreSQL text cannot hold NUL (``\\x00``): a URL such as ``/api/v1/skills/%00/`` or a
filter ``?q=%00`` reaches a query and fails there (a 500). Django's form fields refuse NUL
in text, but a lookup (a ModelChoiceField's code, a URL's slug) does not. This middleware
answers 400 before any view runs; JSON bodies are checked by the API's parser
(``vokasi.api.parsers``), so the two together cover every way text comes in.
"""

from __future__ import annotations

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _holds_nul(query) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in query.lists())


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._holds_nul(request):
            message = _("The request contains a NUL character (\\0), which is never valid.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _holds_nul(request) -> bool:
        if NUL in request.path or _holds_nul(request.GET):
            return True
        # The API parses its own bodies (the JSON parser refuses NUL). A page's form is
        # parsed here, as CSRF checking would parse it anyway (Django keeps the result).
        return (
            request.method == "POST"
            and not request.path.startswith("/api/")
            and request.content_type in FORM_TYPES
            and _holds_nul(request.POST)
        )
