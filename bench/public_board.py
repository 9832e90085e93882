"""Time the public vacancy board's first page: the API's and the page's, and some searches.

    DATABASE_URL=postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_board_scale300 \\
        DEBUG=1 PYTHONPATH=. python -m bench.public_board --repeat 20

Runs on the demo data (``seed_demo --scale N``) as an anonymous visitor, through Django's
test client (the whole request: rate-limit count, filter form, queries, serializer or
template): ``GET /api/v1/public/vacancies/`` (50 rows, with the count), ``GET /lowongan/``
(20 cards), and the page searched by a word, by a kecamatan and by an education. The
baseline, in the same run, is the plain SQL of the same first page: the count and the 50
newest open vacancies with their company, sector, occupation, education and kecamatan,
and their skills. Reports the p95 and p50 (``bench.common.report``); the target is the
first page under 200 ms at the p95 on PostgreSQL. Writes only the rate-limit counts.
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
# Every request of the bench comes from one address: do not let the limit refuse them.
os.environ["VOKASI_PUBLIC_RATE"] = "100000000/minute"

from bench.common import Result, report, vendor

TARGET_MS = 200.0

COUNT_SQL = """
SELECT count(*) FROM placements_vacancy v
WHERE v.status = 'open' AND v.opens_on <= %s AND v.closes_on >= %s
"""

PAGE_SQL = """
SELECT v.id, v.title, c.name, s.code, s.name, o.code, o.name, v.openings, v.education_min_id,
       r.code, r.name, v.wage_min, v.wage_max, v.employment_type, v.closes_on, v.how_to_apply,
       v.region_id, c.office_id
FROM placements_vacancy v
JOIN vokasi_company c ON c.id = v.company_id
JOIN vokasi_sector s ON s.code = c.sector_id
JOIN vokasi_occupation o ON o.code = v.occupation_id
JOIN vokasi_region r ON r.code = v.region_id
WHERE v.status = 'open' AND v.opens_on <= %s AND v.closes_on >= %s
ORDER BY v.opens_on DESC, v.id DESC
LIMIT %s
"""

SKILLS_SQL = """
SELECT vs.vacancy_id, k.code, k.name, vs.required
FROM placements_vacancyskill vs JOIN vokasi_skill k ON k.code = vs.skill_id
WHERE vs.vacancy_id = ANY(%s)
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="requests per scenario")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from placements.selectors.public import public_vacancies

    setup_test_environment()
    today = timezone.localdate()
    on_board = public_vacancies().count()
    if not on_board:
        print("no open vacancy: run seed_demo first")
        return 1
    sample = public_vacancies().select_related("region", "education_min").first()
    word = max(sample.title.split(), key=len).lower()
    total = public_vacancies().model.objects.count()
    print(
        f"{connection.vendor}: {on_board:,} vacancies on the board of {total:,}; "
        f"searches: q={word!r}, region={sample.region_id}; {args.repeat} requests each",
        flush=True,
    )

    def plain_sql(limit: int) -> None:
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(COUNT_SQL, [today, today])
            cursor.fetchone()
            cursor.execute(PAGE_SQL, [today, today, limit])
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(SKILLS_SQL, [ids])
            cursor.fetchall()

    client = Client()
    scenarios = [
        ("public API, first page (50)", "/api/v1/public/vacancies/", {}, 50),
        ("public board page, first page (20)", "/lowongan/", {}, 20),
        ("public board page, a word", "/lowongan/", {"q": word}, 20),
        ("public board page, a kecamatan", "/lowongan/", {"region": sample.region_id}, 20),
        ("public board page, education SMA", "/lowongan/", {"education": "sma"}, 20),
    ]
    for scenario, url, query, limit in scenarios:
        client.get(url, query)  # warm the caches once
        ours, baseline, cpu = [], [], []
        for _ in range(args.repeat):
            started, used = time.perf_counter(), time.process_time()
            response = client.get(url, query)
            ours.append(time.perf_counter() - started)
            cpu.append(time.process_time() - used)
            assert response.status_code == 200, response.status_code
            started = time.perf_counter()
            plain_sql(limit)
            baseline.append(time.perf_counter() - started)
        first_page = not query
        _report_pair(scenario, f"plain SQL of the first page ({limit})", ours, baseline, cpu,
                     judged=first_page)  # fmt: skip
    return 0


def _report_pair(
    scenario: str, baseline_name: str, ours: list, baseline: list, cpu: list, *, judged: bool
) -> None:
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
            baseline=b95 if on_postgres else None,
            baseline_name=baseline_name,
            target=f"p95 < {TARGET_MS:.0f} ms" if judged else "",
            met=(p95 < TARGET_MS or not on_postgres) if judged else None,
            notes=notes,
        )
    )
    report(
        Result(
            scenario=f"{scenario} (p50)",
            database=database,
            ours=p50,
            unit="ms",
            baseline=b50 if on_postgres else None,
            baseline_name=baseline_name,
            notes=notes,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
