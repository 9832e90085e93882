"""The web shell: the home page (tasks and recent background jobs), the health check, the
favicon."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import (
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.templatetags.static import static
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
