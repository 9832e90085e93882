"""Time the officer's job-seeker search by a last name and the likely-duplicates page.

    DATABASE_URL=postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_bench \\
        DEBUG=1 PYTHONPATH=. python -m bench.desk_search --names 10 --repeat 5

Runs on the demo data (``seed_demo --scale N``) as the demo ``officer``: for the last
names of ``--names`` people of the officer's office (the commonest first, then rare ones),
requests the job-seeker list page ``?q=<last name>`` through Django's test client, which
is the whole page (filter, query, table, template) the officer waits for, and as the
baseline runs the bare SQL a hand-written search would send (``LIKE '%NAME%'`` on the
normalised name, the office, 51 rows). Then the likely-duplicates page against its bare
SQL (the EXISTS over name and birth date, 500 rows). Reports the p95 and the p50 of each
(``bench.common.report``); the target is the page under 300 ms at the p95 on PostgreSQL.
Writes nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vokasi.settings")
os.environ.setdefault("DEBUG", "1")

from bench.common import Result, report, vendor

TARGET_MS = 300.0

SEARCH_SQL = """
SELECT j.id FROM trainees_jobseeker j
WHERE j.office_id = %s AND j.name_normalised LIKE %s
ORDER BY j.registered_on DESC, j.id DESC
LIMIT 51
"""

DUPLICATES_SQL = """
SELECT j.id FROM trainees_jobseeker j
WHERE j.office_id = %s AND j.status = 'active' AND EXISTS (
  SELECT 1 FROM trainees_jobseeker t
  WHERE t.office_id = j.office_id AND t.status = 'active'
    AND t.name_normalised = j.name_normalised AND t.birth_date = j.birth_date
    AND t.id <> j.id)
ORDER BY j.name_normalised, j.birth_date, j.registered_on, j.id
LIMIT 500
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=10, help="last names to search for")
    parser.add_argument("--repeat", type=int, default=5, help="requests per name")
    parser.add_argument("--username", default="officer")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from trainees.models import JobSeeker
    from vokasi.models import User

    setup_test_environment()  # the test client's host, without a test database
    officer = User.objects.filter(username=args.username).first()
    if officer is None or officer.office_id is None:
        print(f"no officer {args.username!r}: run seed_demo first")
        return 1
    people = JobSeeker.objects.filter(office_id=officer.office_id)
    total = people.count()
    last_names = _last_names(people, args.names)
    client = Client()
    client.force_login(officer)
    print(
        f"{connection.vendor}: {total:,} job seekers at {officer.office}; "
        f"last names {', '.join(last_names)}; {args.repeat} requests each",
        flush=True,
    )

    url = reverse("trainees:job-seeker-list")
    ours, baseline, cpu = [], [], []
    for name in last_names:
        client.get(url, {"q": name.lower()})  # warm the caches once
        for _ in range(args.repeat):
            started, used = time.perf_counter(), time.process_time()
            response = client.get(url, {"q": name.lower()})
            ours.append(time.perf_counter() - started)
            cpu.append(time.process_time() - used)
            assert response.status_code == 200, response.status_code
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(SEARCH_SQL, [officer.office_id, f"%{name}%"])
                cursor.fetchall()
            baseline.append(time.perf_counter() - started)
    _report_pair(
        "job-seeker search by last name, page", "bare SQL LIKE, 51 rows", ours, baseline, cpu
    )

    url = reverse("trainees:job-seeker-duplicates")
    ours, baseline, cpu = [], [], []
    client.get(url)
    for _ in range(max(args.repeat, 5)):
        started, used = time.perf_counter(), time.process_time()
        response = client.get(url)
        ours.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
        assert response.status_code == 200, response.status_code
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(DUPLICATES_SQL, [officer.office_id])
            cursor.fetchall()
        baseline.append(time.perf_counter() - started)
    _report_pair("likely duplicates, page", "bare SQL EXISTS, 500 rows", ours, baseline, cpu)
    return 0


def _last_names(people, count: int) -> list[str]:
    """The commonest last names first, then rare ones: both ends of the trigram index."""
    sample = list(people.order_by("-id").values_list("name_normalised", flat=True)[:5000])
    tally: dict[str, int] = {}
    for name in sample:
        words = name.split()
        if len(words) > 1 and len(words[-1]) >= 3:
            tally[words[-1]] = tally.get(words[-1], 0) + 1
    ranked = sorted(tally, key=lambda word: (-tally[word], word))
    common = ranked[: (count + 1) // 2]
    rare = [word for word in reversed(ranked) if word not in common][: count - len(common)]
    return common + rare


def _report_pair(scenario: str, baseline_name: str, ours: list, baseline: list, cpu: list) -> None:
    """The p95 line (judged) and the p50 line; the notes give the page's own CPU time
    (Python, without the database's), which a busy shared machine does not inflate."""
    database = vendor()
    notes = f"{len(ours)} requests; page CPU p50 {statistics.median(cpu) * 1000:.0f} ms"
    on_postgres = database == "postgresql"
    p95, b95 = percentile(ours, 0.95) * 1000, percentile(baseline, 0.95) * 1000
    p50, b50 = statistics.median(ours) * 1000, statistics.median(baseline) * 1000
    report(
        Result(
            scenario=f"{scenario} (p95)",
            database=database,
            ours=p95,
            unit="ms",
            baseline=b95,
            baseline_name=baseline_name,
            target=f"p95 < {TARGET_MS:.0f} ms",
            met=p95 < TARGET_MS or not on_postgres,
            notes=notes,
        )
    )
    report(
        Result(
            scenario=f"{scenario} (p50)",
            database=database,
            ours=p50,
            unit="ms",
            baseline=b50,
            baseline_name=baseline_name,
            notes=notes,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
