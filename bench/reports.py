"""Time every report against a demo data set, ideally on PostgreSQL.

    DATABASE_URL=postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_bench \\
        DEBUG=1 PYTHONPATH=. python bench/reports.py --seed 300

``--seed SCALE`` first migrates and builds the data with ``seed_demo --scale SCALE``
(scale 300 is about a million job seekers); without it the database is used as it is.
Each report runs ``--repeat`` times (the first run warms the caches); the best and the
worst time are printed, with the size of the data and the number of rows each report
returned. Nothing is written by the reports themselves.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vokasi.settings")
os.environ.setdefault("DEBUG", "1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=None, help="seed_demo --scale first")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated report names to run")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if args.seed is not None:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("seed_demo", scale=args.seed, reset=True)
        print(f"seed_demo --scale {args.seed}: {time.perf_counter() - started:.1f} s")

    from placements.models import Placement, Vacancy
    from reports import ipk, outcomes, recommendation
    from reports import link_and_match as lm
    from reports.periods import Period, add_months, month_end
    from reports.scope import Scope
    from trainees.models import Enrollment, JobSeeker
    from vokasi.models import LabourOffice, Role, User

    admin = User(username="bench", role=Role.ADMIN, is_superuser=True, is_active=True)
    office = LabourOffice.objects.order_by("pk").first()
    everyone = Scope(user=admin, office=None, provider=None)
    one_office = Scope(user=admin, office=office, provider=None)

    last = Vacancy.objects.order_by("-opens_on").values_list("opens_on", flat=True).first()
    last = last or datetime.date.today()  # noqa: DTZ011 - a bench, not domain logic
    start = add_months(last.replace(day=1), -11)
    end = month_end(last.year, last.month)
    month = Period("month", last.year, last.month)
    year = Period("year", last.year)

    print(
        f"database: {connection.vendor}; job seekers {JobSeeker.objects.count():,}, "
        f"vacancies {Vacancy.objects.count():,}, enrollments {Enrollment.objects.count():,}, "
        f"placements {Placement.objects.count():,}; period {start} – {end}"
    )

    def link(by: str, scope: Scope) -> Callable[[], int]:
        return lambda: len(lm.link_and_match(lm.Params(start, end, by), scope))

    reports: dict[str, Callable[[], int]] = {}
    for by in lm.GROUPINGS:
        reports[f"link-and-match by {by} (all offices)"] = link(by, everyone)
    reports["link-and-match by skill (one office)"] = link("skill", one_office)
    reports["training recommendation by skill"] = lambda: len(
        recommendation.recommendation(lm.Params(start, end, "skill"), everyone)
    )
    for by in ("programme", "provider", "funding", "sex"):
        reports[f"outcomes by {by}"] = lambda by=by: len(
            outcomes.outcomes(outcomes.Params(add_months(start, -12), end, by), everyone)
        )
    reports["IPK III/1-III/8, one month (all offices)"] = lambda: len(
        ipk.ipk_tables(month, everyone)
    )
    reports["IPK III/1-III/8, one month (one office)"] = lambda: len(
        ipk.ipk_tables(month, one_office)
    )
    reports["IPK III/1-III/8, one year (all offices)"] = lambda: len(ipk.ipk_tables(year, everyone))

    only = [name.strip() for name in args.only.split(",") if name.strip()]
    print(f"{'report':48} {'rows':>6} {'best s':>8} {'worst s':>8}")
    for name, run in reports.items():
        if only and not any(part in name for part in only):
            continue
        timings = []
        rows = 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            rows = run()
            timings.append(time.perf_counter() - started)
        print(f"{name:48} {rows:>6} {min(timings):>8.2f} {max(timings):>8.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
