"""Benchmark: ``GET /api/v1/vacancies/?page_size=1000`` against a bare Django view.

    DATABASE_URL=postgres://… DEBUG=1 PYTHONPATH=. python -m bench.api_vacancies [--repeat 20]

Runs against a seeded database (``seed_demo --scale N``). Everything it writes (a user
and an API key) is rolled back at the end. Requests go through the real URL, middleware,
API-key authentication, throttling, filtering, pagination and serialization, with
Django's test Client. The baseline is a plain view, registered only in this process, that
authenticates the same key and answers the same rows (same visibility, same order, the
vacancy's columns and its company's name) as ``.values()`` + ``json.dumps``. Requests
alternate between the two so that a busy neighbour slows both alike. Also prints the
number of queries the API runs at page sizes 10 and 1000: they must be equal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vokasi.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
os.environ["VOKASI_API_RATE"] = "1000000/minute"  # the throttle still runs, never refuses

BARE_FIELDS = (
    "id", "company_id", "company__name", "external_ref", "kind", "title", "description",
    "occupation_id", "openings", "filled", "education_min_id", "region_id", "wage_min",
    "wage_max", "employment_type", "duration_months", "opens_on", "closes_on", "status",
    "close_reason", "closed_on", "created_at", "updated_at",
)  # fmt: skip


def bare_vacancies(request):
    """The floor: authenticate the key, the same rows as plain values, json.dumps."""
    from django.core.exceptions import PermissionDenied
    from django.core.serializers.json import DjangoJSONEncoder
    from django.http import HttpResponse

    from placements.models import Vacancy
    from vokasi.auth import api_key_authenticate

    header = request.headers.get("Authorization", "")
    key = api_key_authenticate(header.removeprefix("Token "))
    if key is None:
        raise PermissionDenied
    size = int(request.GET.get("page_size", 50))
    rows = list(
        Vacancy.objects.visible_to(key.user)
        .order_by("-opens_on", "-id")
        .values(*BARE_FIELDS)[:size]
    )
    body = json.dumps({"results": rows}, cls=DjangoJSONEncoder)
    return HttpResponse(body, content_type="application/json")


def urlpatterns_with_bare_view():
    from django.urls import include, path

    return [path("bench/bare-vacancies/", bare_vacancies), path("", include("vokasi.urls"))]


urlpatterns: list = []  # filled in main(), so importing this module changes nothing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--page-size", type=int, default=1000)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.common import Result, report
    from placements.models import Vacancy
    from vokasi.auth import api_key_issue
    from vokasi.models import Role, User

    urlpatterns[:] = urlpatterns_with_bare_view()
    settings.ROOT_URLCONF = __name__
    vacancies = Vacancy.objects.count()
    if not vacancies:
        print("no vacancies: seed the database first (seed_demo --scale N)", file=sys.stderr)
        return 1

    with transaction.atomic():
        office = User.objects.filter(role=Role.OFFICER).select_related("office").first()
        user = User.objects.create_user(
            username="bench-api", role=Role.OFFICER, office=office.office
        )
        _key, raw = api_key_issue(user=user, name="bench")
        client = Client(headers={"authorization": f"Token {raw}"})
        api_url = "/api/v1/vacancies/?page_size={}"
        bare_url = "/bench/bare-vacancies/?page_size={}"

        # Warm both (URLconf, serializers, the key's last_used_at write) and count queries.
        client.get(api_url.format(10))  # marks the key used: a write, once a minute
        counts = {}
        for size in (10, args.page_size):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(api_url.format(size))
            assert response.status_code == 200, response.content[:500]
            counts[size] = len(queries)
        api_rows = len(response.json()["results"])
        response = client.get(bare_url.format(args.page_size))
        assert response.status_code == 200
        assert [r["id"] for r in response.json()["results"]] == [
            r["id"] for r in client.get(api_url.format(args.page_size)).json()["results"]
        ], "the bare view must answer the same rows in the same order"

        times = {"api": [], "bare": []}
        for _ in range(args.repeat):
            for name, url in (("api", api_url), ("bare", bare_url)):
                started = time.perf_counter()
                response = client.get(url.format(args.page_size))
                times[name].append(time.perf_counter() - started)
                assert response.status_code == 200
        transaction.set_rollback(True)

    best = {name: sorted(values)[len(values) // 2] for name, values in times.items()}  # median
    ours, bare = 1 / best["api"], 1 / best["bare"]
    same = counts[10] == counts[args.page_size]
    report(
        Result(
            scenario=f"GET /api/v1/vacancies/?page_size={args.page_size}",
            database=connection.vendor,
            ours=ours,
            unit="req/s",
            baseline=bare,
            baseline_name=".values() + json bare view",
            target=">= 0.5x, same queries",
            met=ours >= 0.5 * bare and same,
            notes=f"{api_rows:,} rows a page ({vacancies:,} vacancies); median of "
            f"{args.repeat}: API {best['api'] * 1000:.0f} ms, bare {best['bare'] * 1000:.0f} ms; "
            f"queries at page_size 10: {counts[10]}, at {args.page_size}: "
            f"{counts[args.page_size]}",
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
