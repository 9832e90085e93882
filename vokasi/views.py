from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from vokasi.home import sections_for, tasks_for
from vokasi.jobs.views import recent_jobs


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The role's own home page: what this person should do next."""
    return render(
        request,
        "vokasi/home.html",
        {
            "tasks": tasks_for(request.user),
            "sections": sections_for(request.user),
            "jobs": recent_jobs(request.user),
        },
    )


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For the load balancer: the app answers and the database does too."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links: send them to the SVG."""
    return redirect(static("vokasi/favicon.svg"), permanent=True)


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
