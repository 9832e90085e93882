"""Time an agreement's page and the M&E report (pages and API) on a large demo database.

    createdb -T vokasi_scale300 vokasi_agreements   # a copy: this script writes to it
    DATABASE_URL=postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_agreements \\
        DEBUG=1 python -m bench.agreements --add-demo --scale 300 --repeat 5

``--add-demo`` migrates and adds the demo agreements (``demo.agreements.seed_agreements``,
dated to the demo's last vacancy) when the database has none: a database seeded before
agreements existed gets the same agreements and links a fresh ``seed_demo`` writes. Each
request goes through the whole stack (URL, session, view, template) with Django's test
client as the demo ``officer``; each runs ``--repeat`` times (at least twice, the first
warms the caches) and one line per scenario is printed through ``bench.common.report``:
the best time, the worst in the notes, the target (< 1 s) and whether it is met.
``--redo-demo`` deletes the demo agreements first and adds them again (after a change to
the demo); ``--scale`` names the scale the database was seeded at, which sets how many
cohorts the tripartite PKS covers.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vokasi.settings")
os.environ.setdefault("DEBUG", "1")

TARGET_SECONDS = 1.0


def _fund_linked_cohorts() -> None:
    """A database seeded before funding existed: one APBN line for each cohort an
    agreement counts (about Rp 7.5 million a seat), so the "amount" target reads money."""
    from django.db.models import Q

    from trainees.models import Cohort, FundingLine

    linked = Cohort.objects.filter(
        Q(agreement__isnull=False) | Q(programme__agreement__isnull=False),
        funding_lines__isnull=True,
    )
    FundingLine.objects.bulk_create(
        FundingLine(
            cohort_id=pk, source="apbn", budgeted=quota * 7_500_000, spent=quota * 7_000_000
        )
        for pk, quota in linked.values_list("pk", "quota")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--add-demo", action="store_true", help="migrate, add the agreements")
    parser.add_argument(
        "--redo-demo",
        action="store_true",
        help="delete the demo agreements and add them again (after a change to the demo)",
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="the scale the database was seeded at"
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import override_settings

    from bench.common import Result, report, vendor
    from placements.models import Internship, Vacancy
    from trainees.models import Cohort, Enrollment, JobSeeker
    from vokasi.models import Agreement, User

    if args.add_demo or args.redo_demo:
        call_command("migrate", verbosity=0)
        if args.redo_demo:
            from demo.agreements import delete_agreements

            with transaction.atomic():
                delete_agreements()
        if not Agreement.objects.exists():
            from demo.agreements import seed_agreements

            last = Vacancy.objects.order_by("-opens_on").values_list("opens_on", flat=True)[0]
            started = time.perf_counter()
            with transaction.atomic():
                made = seed_agreements(today=last, scale=args.scale)
                _fund_linked_cohorts()
            print(
                f"demo agreements added in {time.perf_counter() - started:.1f} s: "
                f"{made['cohorts']} cohorts, {made['vacancies']} vacancies, "
                f"{made['apprenticeships']} apprenticeships linked, "
                f"{made['internships']} internships, {made['scholarships']} scholarships"
            )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")

    officer = User.objects.get(username="officer")
    tripartite = (
        Agreement.objects.visible_to(officer).filter(kind="pks").order_by("-valid_from").first()
    )
    linked = Cohort.objects.filter(agreement=tripartite)
    print(
        f"database: {connection.vendor}; job seekers {JobSeeker.objects.count():,}, "
        f"enrollments {Enrollment.objects.count():,}, agreements {Agreement.objects.count()}; "
        f"{tripartite.number}: {linked.count()} cohorts "
        f"({Enrollment.objects.filter(cohort__in=linked).count():,} trainees), "
        f"{Vacancy.objects.filter(agreement=tripartite).count():,} vacancies; "
        f"internships {Internship.objects.count()}"
    )
    client = Client()
    client.force_login(officer)
    scenarios = [
        ("agreement page (tripartite PKS)", f"/agreements/{tripartite.pk}/"),
        ("agreement list", "/agreements/"),
        ("M&E report page (a year)", "/reports/agreements/"),
        ("M&E report .xlsx", "/reports/agreements/?format=xlsx"),
        ("GET /api/v1/reports/agreements/", "/api/v1/reports/agreements/"),
        ("GET /api/v1/agreements/{id}/", f"/api/v1/agreements/{tripartite.pk}/"),
        ("home page (agreement tasks included)", "/"),
    ]
    # No per-query logging in connection.queries; the test client calls itself "testserver".
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        for name, url in scenarios:
            timings = []
            for _ in range(max(args.repeat, 2)):
                started = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - started)
                assert response.status_code == 200, (url, response.status_code)
            best = min(timings)
            report(
                Result(
                    scenario=name,
                    database=vendor(),
                    ours=best * 1000,
                    unit="ms",
                    target=f"< {TARGET_SECONDS * 1000:.0f} ms",
                    met=best < TARGET_SECONDS,
                    notes=f"worst {max(timings) * 1000:.0f} ms over {len(timings)} runs",
                )
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
