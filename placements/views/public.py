"""``/lowongan/``: the public vacancy board, for anyone, no login (Perpres 57/2023 Pasal 9).

What is shown, the search and the order are ``placements.selectors.public``'s, the same
as the public API's. Rate limited per client address with the API's counter
(``vokasi.auth.PublicRateThrottle``): too many requests answer 429 with a page saying
when to come back. Nothing here writes to the session, so an anonymous visitor gets no
session; the pages carry the language switch's CSRF token, so a browser may keep them a
minute (``private``) but a shared cache may not.
"""

from __future__ import annotations

from functools import wraps

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from placements.selectors.public import (
    PublicVacancyFilterForm,
    how_to_apply_parts,
    offices_by_city,
    public_vacancies,
)
from vokasi.auth import PublicRateThrottle

PAGE_SIZE = 20
#: Seconds the visitor's browser may keep a page.
PAGE_MAX_AGE = 60


def public_page(view):
    """Rate limit a public page per address, and let the browser keep it briefly."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        throttle = PublicRateThrottle()
        if not throttle.allow_request(request):
            response = render(
                request,
                "placements/public_rate_limited.html",
                {"retry_after": throttle.wait()},
                status=429,
            )
            response["Retry-After"] = str(throttle.wait())
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, private=True, max_age=PAGE_MAX_AGE)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return wrapper


@require_safe
@public_page
def board(request: HttpRequest) -> HttpResponse:
    """The open vacancies, newest first, with the search form."""
    form = PublicVacancyFilterForm(request.GET or None)
    searched = bool(request.GET.keys() - {"page"})
    if form.is_bound and not form.is_valid():
        return render(
            request, "placements/public_board.html", {"form": form, "page": None}, status=400
        )
    vacancies = public_vacancies()
    if form.is_bound:
        vacancies = form.filter(vacancies)
    page = Paginator(vacancies, PAGE_SIZE).get_page(request.GET.get("page"))
    offices = offices_by_city()
    for vacancy in page.object_list:
        vacancy.apply_parts = how_to_apply_parts(vacancy, offices)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "placements/public_board.html",
        {"form": form, "page": page, "searched": searched, "query": query.urlencode()},
    )


@require_safe
@public_page
def board_vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    """One vacancy on the board and how to apply; anything not on the board is 404."""
    vacancy = public_vacancies().filter(pk=pk).first()
    if vacancy is None:
        raise Http404("No such vacancy on the board.")
    return render(
        request,
        "placements/public_vacancy.html",
        {"vacancy": vacancy, "apply_parts": how_to_apply_parts(vacancy, offices_by_city())},
    )
