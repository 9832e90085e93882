"""The error pages (403, 404, 500, a refused CSRF token): a page for people, JSON for the
API."""

from __future__ import annotations

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _back_url(request: HttpRequest) -> str:
    """The page the person came from, when it is one of ours (else the error page
    offers only the way home)."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except Exception:  # a bad Host header: no way back to offer
        return ""
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return referer
    return ""


def _error_page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return render(request, template, {"back_url": _back_url(request)}, status=status)


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """API clients get JSON for an unknown URL too; people get the page in the layout."""
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return _error_page(request, "404.html", 404)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    """A role that may never do this: say so in the layout, with the way back. The
    exception's own text is not shown (it is for the log, and in English)."""
    if _is_api(request):
        return JsonResponse(
            {"detail": "You do not have permission to perform this action."}, status=403
        )
    return _error_page(request, "403.html", 403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from a page that was open too long, or after logging out and in
    again elsewhere: explain, and send the person back to fill it again."""
    if _is_api(request):
        return JsonResponse({"detail": f"CSRF Failed: {reason}"}, status=403)
    return _error_page(request, "403_csrf.html", 403)


def server_error(request: HttpRequest) -> HttpResponse:
    """Anything may be broken here, the database included: the page is a static template
    rendered without the request, so no context processor runs and nothing is queried."""
    if _is_api(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    return HttpResponseServerError(loader.get_template("500.html").render())
