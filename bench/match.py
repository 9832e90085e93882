"""Time candidate matching for the busiest vacancies against a bare SQL GROUP BY.

    DATABASE_URL=postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_bench \\
        DEBUG=1 PYTHONPATH=. python -m bench.match --vacancies 5 --repeat 20

Picks the open vacancies whose skills the most job seekers hold (the hardest case), then
for each runs ``placements.matching.candidates_for`` (selection, scoring and explanation,
top 50) and, as the baseline, one hand-written GROUP BY over the skill table returning the
same 50 ids by summed credit. Prints p50 and p95 of both and the ratio. Writes nothing.
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

BASELINE_SQL = """
SELECT s.job_seeker_id,
       SUM(CASE s.source WHEN 3 THEN 1.0 WHEN 2 THEN 0.75 ELSE 0.4 END) AS credit
FROM trainees_jobseekerskill s
JOIN trainees_jobseeker j ON j.id = s.job_seeker_id
WHERE s.skill_id IN ({codes}) AND j.status = 'active'
GROUP BY s.job_seeker_id
ORDER BY credit DESC, s.job_seeker_id
LIMIT 50
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count

    from placements.matching import candidates_for
    from placements.models import Vacancy, VacancySkill
    from trainees.models import JobSeeker, JobSeekerSkill

    people = JobSeeker.objects.count()
    skill_rows = JobSeekerSkill.objects.count()
    holders = dict(
        JobSeekerSkill.objects.values_list("skill_id")
        .annotate(n=Count("id"))
        .values_list("skill_id", "n")
    )
    open_ids = Vacancy.objects.filter(status="open").values_list("pk", flat=True)
    load = {}
    for vacancy_id, skill_id in VacancySkill.objects.filter(vacancy_id__in=open_ids).values_list(
        "vacancy_id", "skill_id"
    ):
        load[vacancy_id] = load.get(vacancy_id, 0) + holders.get(skill_id, 0)
    busiest = sorted(load, key=load.get, reverse=True)[: args.vacancies]
    print(
        f"{connection.vendor}: {people:,} job seekers, {skill_rows:,} skill rows; "
        f"{len(busiest)} busiest open vacancies, {args.repeat} runs each"
    )
    ours, baseline = [], []
    for vacancy in Vacancy.objects.filter(pk__in=busiest).select_related("education_min"):
        codes = list(vacancy.skill_rows.values_list("skill_id", flat=True))
        sql = BASELINE_SQL.format(codes=", ".join(["%s"] * len(codes)))
        candidates_for(vacancy)  # warm the caches once
        for _ in range(args.repeat):
            started = time.perf_counter()
            candidates_for(vacancy, limit=50)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, codes)
                cursor.fetchall()
            baseline.append(time.perf_counter() - started)
    p50, p95 = statistics.median(ours), percentile(ours, 0.95)
    b50, b95 = statistics.median(baseline), percentile(baseline, 0.95)
    print(f"{'scenario':<28}{'p50 ms':>10}{'p95 ms':>10}")
    print(f"{'candidates_for (top 50)':<28}{p50 * 1000:>10.1f}{p95 * 1000:>10.1f}")
    print(f"{'bare SQL GROUP BY':<28}{b50 * 1000:>10.1f}{b95 * 1000:>10.1f}")
    print(f"ratio (p50): {p50 / b50:.2f}x  (target <= 2x; p95 under 300 ms on PostgreSQL)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
