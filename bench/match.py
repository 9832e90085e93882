"""Time candidate matching for the busiest vacancies against a bare SQL GROUP BY.

    DATABASE_URL=postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_bench \\
        DEBUG=1 PYTHONPATH=. python -m bench.match --vacancies 5 --repeat 20

Picks the open vacancies whose skills the most job seekers hold (the hardest case), then
for each runs ``placements.matching.candidates_for`` (selection, scoring and explanation,
top 50) and, as the baseline, one hand-written GROUP BY over the skill table returning the
same 50 ids by summed credit, alternating the two. Before timing, it asserts that the
top 50 (ranked within the pool bounded by skill points, ``placements.matching._ranked``)
are exactly the top 50 of ranking every holder; the target is p95 <= 300 ms and at most
half the bare GROUP BY, which reads every holder. Prints one result line for the p95 and
one for the p50 (``bench.common.report``), and the same for the reverse match
(``vacancies_for``, for the job seekers holding the most common skills) against a bare
GROUP BY over the vacancy skill table. ``--concurrency N`` also runs N threads at once,
each with its own connection, and reports the p95 under that load. Writes nothing unless
``--generate`` is given.

``--generate N`` (PostgreSQL) first fills an empty database with ``bench.reports``'s
generator (N job seekers, three evenly spread skill rows each) and then tops it up for
matching, once: two more skill rows per person drawn from a skewed distribution (a few
skills, such as K3 dasar, held by hundreds of thousands), acquisition dates on trained and
certified skills, 20,000 vacancies open today that ask for those skills, running cohorts
with enrolled people, and referrals.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vokasi.settings")
os.environ.setdefault("DEBUG", "1")

from bench.common import Result, report, vendor

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

# The reverse: open vacancies sharing a skill with the person, by summed credit.
REVERSE_BASELINE_SQL = """
SELECT vs.vacancy_id,
       SUM(CASE WHEN vs.required THEN 1.0 ELSE 0.5 END) AS credit
FROM placements_vacancyskill vs
JOIN placements_vacancy v ON v.id = vs.vacancy_id
WHERE vs.skill_id IN ({codes}) AND v.status = 'open' AND v.closes_on >= %s
  AND v.opens_on <= %s
GROUP BY vs.vacancy_id
ORDER BY credit DESC, vs.vacancy_id
LIMIT 50
"""

SCENARIO = "candidate matches, one vacancy"
REVERSE = "vacancy matches, one job seeker"
TARGET_RATIO, TARGET_P95_MS = 2.0, 300.0
# Candidates: an exact top 50 bounded by skill points need not read every holder, so it
# must take at most half the bare GROUP BY that does.
CANDIDATE_RATIO = 0.5

# Skills many people hold, weighted by repetition (K3 dasar and office computing above
# all); the top-up draws two of these per person.
COMMON_SKILLS = (
    ["K3-UMUM"] * 6
    + ["TIK-OFFICE"] * 4
    + ["LAS-SMAW"] * 3
    + ["K3-P3K", "OTO-MOTOR", "LOG-GUDANG", "GAR-JAHIT"] * 2
    + ["LIS-PENERANGAN", "ABT-FORKLIFT", "PAR-WAITER", "LAS-GTAW", "OTO-MOBIL", "MAN-BUBUT"]
    + ["K3-KETINGGIAN", "REF-ACSPLIT", "TIK-TEKNISI", "BAN-BATU", "LOG-INVENTORI"]
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--people", type=int, default=20, help="job seekers for the reverse")
    parser.add_argument("--concurrency", type=int, default=0, help="threads at once (0: none)")
    parser.add_argument("--generate", type=int, default=None, help="N job seekers, topped up")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection

    if args.generate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        generate(args.generate)

    from placements.matching import candidates_for, vacancies_for
    from placements.models import Vacancy
    from trainees.models import JobSeeker, JobSeekerSkill

    people = JobSeeker.objects.count()
    skill_rows = JobSeekerSkill.objects.count()
    busiest = busiest_vacancies(args.vacancies)
    print(
        f"{connection.vendor}: {people:,} job seekers, {skill_rows:,} skill rows; "
        f"{len(busiest)} busiest open vacancies, {args.repeat} runs each",
        flush=True,
    )
    ours, baseline, checked = [], [], 0
    vacancies = Vacancy.objects.filter(pk__in=busiest).select_related("education_min")
    for vacancy in vacancies:
        codes = list(vacancy.skill_rows.values_list("skill_id", flat=True))
        sql = BASELINE_SQL.format(codes=", ".join(["%s"] * len(codes)))
        # The bounded ranking must give exactly the top 50 of ranking every holder.
        got = [match.job_seeker.pk for match in candidates_for(vacancy, limit=50)]
        every = exact_top(vacancy, 50)
        assert got == every, f"vacancy {vacancy.pk}: bounded top 50 differs from the exact one"
        checked += 1
        for _ in range(args.repeat):
            started = time.perf_counter()
            candidates_for(vacancy, limit=50)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, codes)
                cursor.fetchall()
            baseline.append(time.perf_counter() - started)
    _report_pair(
        SCENARIO,
        "bare SQL GROUP BY, skill table",
        ours,
        baseline,
        ratio=CANDIDATE_RATIO,
        notes=f"same top 50 as ranking every holder, asserted for {checked} vacancies",
    )

    today = datetime.date.today()  # noqa: DTZ011 - a bench, not domain logic
    seekers = busiest_job_seekers(args.people)
    ours, baseline = [], []
    for person in JobSeeker.objects.filter(pk__in=seekers).select_related("education"):
        codes = list(person.skill_rows.values_list("skill_id", flat=True))
        sql = REVERSE_BASELINE_SQL.format(codes=", ".join(["%s"] * len(codes)))
        vacancies_for(person)
        for _ in range(max(1, args.repeat // 4)):
            started = time.perf_counter()
            vacancies_for(person, limit=50)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, [*codes, today, today])
                cursor.fetchall()
            baseline.append(time.perf_counter() - started)
    if ours:
        _report_pair(REVERSE, "bare SQL GROUP BY, vacancy skills", ours, baseline)
    else:
        print(f"{REVERSE}: no vacancy open today (run with --generate to add some)")

    if args.concurrency:
        timings = concurrent(list(vacancies), args.concurrency, args.repeat)
        report(
            Result(
                scenario=f"{SCENARIO}, {args.concurrency} at once (p95)",
                database=vendor(),
                ours=percentile(timings, 0.95) * 1000,
                unit="ms",
                target=f"p95 < {TARGET_P95_MS:.0f} ms",
                met=percentile(timings, 0.95) * 1000 < TARGET_P95_MS,
                notes=f"{len(timings)} calls, {args.concurrency} threads",
            )
        )
    return 0


def exact_top(vacancy, limit: int) -> list[int]:
    """The ids of the top ``limit`` from ranking every holder of the vacancy's skills (the
    statement without the pool), for the assertion."""
    from django.utils import timezone

    from placements import matching

    today = timezone.localdate()
    needs = matching.VacancyNeeds.of(vacancy)
    weights = matching._applicable_weights(vacancy, needs)
    people = matching.eligible_for(vacancy, today=today)
    rows = matching._ranked(vacancy, needs, weights, people, limit, today, pooled=False)
    return [row[0] for row in rows]


def _report_pair(
    scenario: str,
    baseline_name: str,
    ours: list,
    baseline: list,
    *,
    ratio: float | None = None,
    notes: str = "",
) -> None:
    """The p95 line (judged against the target) and the p50 line."""
    ratio = ratio or TARGET_RATIO
    database = vendor()
    p95, b95 = percentile(ours, 0.95) * 1000, percentile(baseline, 0.95) * 1000
    p50, b50 = statistics.median(ours) * 1000, statistics.median(baseline) * 1000
    on_postgres = database == "postgresql"
    report(
        Result(
            scenario=f"{scenario} (p95)",
            database=database,
            ours=p95,
            unit="ms",
            baseline=b95,
            baseline_name=baseline_name,
            target=f"<= {ratio:g}x and p95 <= {TARGET_P95_MS:.0f} ms",
            met=p95 <= ratio * b95 and (p95 <= TARGET_P95_MS or not on_postgres),
            notes=f"{len(ours)} calls" + (f"; {notes}" if notes else ""),
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
            target=f"<= {ratio:g}x",
            met=p50 <= ratio * b50,
            notes=f"{len(ours)} calls",
        )
    )


def busiest_vacancies(count: int) -> list[int]:
    """The open vacancies whose skills the most job seekers hold."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH holders AS (
              SELECT skill_id, COUNT(*) AS n FROM trainees_jobseekerskill GROUP BY skill_id
            )
            SELECT vs.vacancy_id FROM placements_vacancyskill vs
            JOIN placements_vacancy v ON v.id = vs.vacancy_id
            JOIN holders h ON h.skill_id = vs.skill_id
            WHERE v.status = 'open'
            GROUP BY vs.vacancy_id ORDER BY SUM(h.n) DESC, vs.vacancy_id LIMIT %s
            """,
            [count],
        )
        return [row[0] for row in cursor.fetchall()]


def busiest_job_seekers(count: int) -> list[int]:
    """Active job seekers holding the most commonly asked-for skills."""
    from django.db import connection

    today = datetime.date.today()  # noqa: DTZ011 - a bench, not domain logic
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH demand AS (
              SELECT vs.skill_id, COUNT(*) AS n FROM placements_vacancyskill vs
              JOIN placements_vacancy v ON v.id = vs.vacancy_id
              WHERE v.status = 'open' AND v.closes_on >= %s GROUP BY vs.skill_id
              ORDER BY n DESC LIMIT 3
            )
            SELECT s.job_seeker_id FROM trainees_jobseekerskill s
            JOIN demand d ON d.skill_id = s.skill_id
            JOIN trainees_jobseeker j ON j.id = s.job_seeker_id AND j.status = 'active'
            GROUP BY s.job_seeker_id HAVING COUNT(*) >= 2
            ORDER BY s.job_seeker_id LIMIT %s
            """,
            [today, count],
        )
        return [row[0] for row in cursor.fetchall()]


def concurrent(vacancies: list, threads: int, repeat: int) -> list[float]:
    """Run ``candidates_for`` from ``threads`` threads at once; every call's time."""
    from django.db import connections

    from placements.matching import candidates_for

    timings: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(threads)

    def work(offset: int) -> None:
        try:
            start.wait()
            for i in range(repeat):
                vacancy = vacancies[(offset + i) % len(vacancies)]
                started = time.perf_counter()
                candidates_for(vacancy, limit=50)
                took = time.perf_counter() - started
                with lock:
                    timings.append(took)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return timings


def generate(n: int) -> None:
    """``bench.reports``'s data when the database is empty, then the matching top-up."""
    from django.db import connection, transaction

    from bench import reports
    from trainees.models import JobSeeker

    assert connection.vendor == "postgresql", "--generate writes PostgreSQL SQL"
    if not JobSeeker.objects.filter(registration_number__startswith="BENCH-").exists():
        started = time.perf_counter()
        reports.generate(n)
        print(f"generated {n:,} job seekers: {time.perf_counter() - started:.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM trainees_cohort WHERE name LIKE 'Match bench %%' LIMIT 1")
        if cursor.fetchone():
            print("matching top-up already done", flush=True)
            return
    today = datetime.date.today()  # noqa: DTZ011 - a bench, not domain logic
    common = "ARRAY[" + ",".join(f"'{code}'" for code in COMMON_SKILLS) + "]"
    pick = f"({common})[1 + floor(random() * {len(COMMON_SKILLS)})::int]"
    statements = [
        ("seed", "SELECT setseed(0.42)", []),
        (
            "two skewed skill rows per person",
            f"""
            INSERT INTO trainees_jobseekerskill (job_seeker_id, skill_id, source, acquired_on,
              certificate_no)
            SELECT id, skill, source,
              CASE WHEN source >= 2 THEN %s - floor(random() * 2200)::int END, ''
            FROM (SELECT js.id, {pick} AS skill, 1 + floor(random() * 3)::int AS source
                  FROM trainees_jobseeker js, generate_series(0, 1) k
                  WHERE js.registration_number LIKE 'BENCH-%%') s
            ON CONFLICT (job_seeker_id, skill_id) DO NOTHING
            """,
            [today],
        ),
        (
            "acquisition dates on trained and certified skills",
            """
            UPDATE trainees_jobseekerskill SET acquired_on = %s - floor(random() * 2200)::int
            WHERE source >= 2 AND acquired_on IS NULL
            """,
            [today],
        ),
        (
            "20,000 vacancies open today",
            """
            INSERT INTO placements_vacancy (company_id, external_ref, kind, title, description,
              occupation_id, openings, filled, education_min_id, region_id, employment_type,
              duration_months, experience_months, opens_on, closes_on, status,
              close_reason, created_at, updated_at)
            SELECT (SELECT min(id) FROM vokasi_company) + i %% 200, '',
              CASE WHEN r1 < 0.1 THEN 'apprenticeship' ELSE 'job' END, 'Lowongan Match ' || i,
              '', (ARRAY['7212','7411','3113','8344','4321','2512','8131','9329','5120'])
                [1 + floor(r2 * 9)::int], 1 + floor(r3 * 9)::int, 0,
              (ARRAY['sd','smp','sma','smk','smk','d3'])[1 + floor(r4 * 6)::int],
              (ARRAY['36.72.01','36.72.02','36.72.04','36.72.06','36.73.01'])
                [1 + floor(r5 * 5)::int],
              CASE WHEN r1 < 0.1 THEN 'magang' ELSE 'pkwt' END,
              CASE WHEN r1 < 0.1 THEN 6 END, 0, %s - floor(r3 * 30)::int,
              %s + 1 + floor(r4 * 60)::int, 'open', '', now(), now()
            FROM (SELECT i, random() r1, random() r2, random() r3, random() r4, random() r5
                  FROM generate_series(1, 20000) i) s
            """,
            [today, today],
        ),
        (
            "their skills: two required, one preferred",
            f"""
            INSERT INTO placements_vacancyskill (vacancy_id, skill_id, required)
            SELECT v.id, {pick}, k < 2
            FROM placements_vacancy v, generate_series(0, 2) k
            WHERE v.title LIKE 'Lowongan Match %%'
            ON CONFLICT (vacancy_id, skill_id) DO NOTHING
            """,
            [],
        ),
        (
            "200 running cohorts",
            """
            INSERT INTO trainees_cohort (programme_id, name, start_date, end_date, place,
              quota, instructor, status, created_at)
            SELECT (SELECT min(id) FROM trainees_programme), 'Match bench ' || i, %s - 20,
              %s + 25, 'Workshop', 16, '', 'running', now()
            FROM generate_series(1, 200) i
            """,
            [today, today],
        ),
        (
            "3,200 people in training",
            """
            INSERT INTO trainees_enrollment (cohort_id, job_seeker_id, status, enrolled_on,
              withdrawal_reason)
            SELECT c.id, js.id, 'enrolled', c.start_date - 7, ''
            FROM (SELECT id, start_date, row_number() OVER (ORDER BY id) AS n
                  FROM trainees_cohort WHERE name LIKE 'Match bench %%') c
            JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM trainees_jobseeker
                  WHERE status = 'active' AND id %% 97 = 0 LIMIT 3200) js
              ON (js.n - 1) / 16 + 1 = c.n
            """,
            [],
        ),
        (
            "30,000 referrals to the open vacancies",
            """
            INSERT INTO placements_referral (vacancy_id, job_seeker_id, status, match_score,
              referred_at)
            SELECT DISTINCT ON (v, j) v, j, 'referred', 60, now()
            FROM (SELECT (SELECT min(id) FROM placements_vacancy
                          WHERE title LIKE 'Lowongan Match %%') + floor(random() * 20000)::int v,
                         (SELECT min(id) FROM trainees_jobseeker)
                           + floor(random() * %s)::int j
                  FROM generate_series(1, 30000)) r
            ON CONFLICT DO NOTHING
            """,
            [n],
        ),
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for label, sql, params in statements:
            started = time.perf_counter()
            cursor.execute(sql, params)
            print(
                f"  {cursor.rowcount:>9,} rows in {time.perf_counter() - started:6.1f} s: {label}",
                flush=True,
            )
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute("VACUUM ANALYZE")
        print(f"  vacuum analyze: {time.perf_counter() - started:.1f} s", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
