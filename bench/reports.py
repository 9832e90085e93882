"""Time every report against a large data set on PostgreSQL; link-and-match against SQL.

    DATABASE_URL=postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_bench \\
        DEBUG=1 PYTHONPATH=. python -m bench.reports --generate 1000000

``--seed SCALE`` first migrates and builds the data with ``seed_demo --scale SCALE``
(scale 300 is about a million job seekers). ``--generate N`` instead fills an empty
PostgreSQL database with N job seekers straight in SQL (``generate_series``), N/10
vacancies, N enrollments and N/5 placements, for when seed_demo at full scale would take
too long. Without either, the database is used as it is.

Each report runs ``--repeat`` times (at least twice: the first run warms the caches) and
prints one line through ``bench.common.report``: the best time, the target (< 5 s; for
link-and-match < 3 s and at most twice the baseline) and whether it is met. The baseline
for link-and-match is ``tests.reports.baseline``: the same numbers (demand, supply by
source, pipeline, placed) for the same period and grouping from one hand-written SQL
GROUP BY per measure, timed in the same run; the script also checks that both give the
same numbers and says so in the notes (``tests/reports/test_link_and_match_baseline.py``
proves it on generated data). Nothing is written by the reports themselves.
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
    parser.add_argument("--generate", type=int, default=None, help="N job seekers in SQL")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated report names to run")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.common import Result, report, vendor
    from tests.reports.baseline import baseline_link_and_match, compare

    if args.seed is not None:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("seed_demo", scale=args.seed, reset=True)
        print(f"seed_demo --scale {args.seed}: {time.perf_counter() - started:.1f} s")

    if args.generate:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        generate(args.generate)
        print(f"generated {args.generate:,} job seekers: {time.perf_counter() - started:.1f} s")

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
    baselines: dict[str, tuple[str, Scope]] = {}
    for by in lm.GROUPINGS:
        reports[f"link-and-match by {by} (all offices)"] = link(by, everyone)
        baselines[f"link-and-match by {by} (all offices)"] = (by, everyone)
    reports["link-and-match by skill (one office)"] = link("skill", one_office)
    baselines["link-and-match by skill (one office)"] = ("skill", one_office)
    reports["training recommendation by skill"] = lambda: len(
        recommendation.recommendation(lm.Params(start, end, "skill"), everyone)
    )

    def outcome(by: str) -> Callable[[], int]:
        def run() -> int:  # the page needs the totals row (its medians) as well
            params = outcomes.Params(add_months(start, -12), end, by)
            frame = outcomes.outcomes(params, everyone)
            outcomes.totals(frame, params, everyone)
            return len(frame)

        return run

    for by in ("programme", "provider", "funding", "sex"):
        reports[f"outcomes by {by}"] = outcome(by)
    reports["IPK III/1-III/8, one month (all offices)"] = lambda: len(
        ipk.ipk_tables(month, everyone)
    )
    reports["IPK III/1-III/8, one month (one office)"] = lambda: len(
        ipk.ipk_tables(month, one_office)
    )
    reports["IPK III/1-III/8, one year (all offices)"] = lambda: len(ipk.ipk_tables(year, everyone))

    only = [name.strip() for name in args.only.split(",") if name.strip()]
    for name, run in reports.items():
        if only and not any(part in name for part in only):
            continue
        best, worst, rows = timed(run, args.repeat)
        if name not in baselines:
            report(
                Result(
                    scenario=name,
                    database=vendor(),
                    ours=best,
                    unit="s",
                    target="< 5 s",
                    met=best < 5,
                    notes=f"{rows} rows; worst {worst:.2f} s",
                )
            )
            continue
        by, scope = baselines[name]
        office = scope.office
        base, _worst, _rows = timed(
            lambda by=by, office=office: len(baseline_link_and_match(by, start, end, office)),
            args.repeat,
        )
        frame = lm.link_and_match(lm.Params(start, end, by), scope)
        differences = compare(frame, baseline_link_and_match(by, start, end, office))
        report(
            Result(
                scenario=name,
                database=vendor(),
                ours=best,
                unit="s",
                baseline=base,
                baseline_name="hand-written SQL GROUP BY",
                target="< 3 s and <= 2x",
                met=best < 3 and best <= 2 * base,
                notes=f"{rows} rows; worst {worst:.2f} s; "
                + ("same numbers" if not differences else f"DIFFERENT: {differences[:3]}"),
            )
        )
    return 0


def timed(run: Callable[[], int], repeat: int) -> tuple[float, float, int]:
    """Best and worst of ``repeat`` runs (at least two: the first warms the caches)."""
    timings, rows = [], 0
    for _ in range(max(repeat, 2)):
        started = time.perf_counter()
        rows = run()
        timings.append(time.perf_counter() - started)
    return min(timings), max(timings), rows


def generate(n: int) -> None:
    """Bulk data for timing, written with INSERT ... SELECT FROM generate_series."""
    from django.db import connection, transaction

    from trainees.models import Programme
    from vokasi.models import Company, LabourOffice, Sector, Skill, TrainingProvider, Vocation

    assert connection.vendor == "postgresql", "--generate writes PostgreSQL SQL"
    with transaction.atomic():
        cilegon, _ = LabourOffice.objects.get_or_create(
            code="3672", defaults={"name": "Disnaker Kota Cilegon", "region_id": "36.72"}
        )
        serang, _ = LabourOffice.objects.get_or_create(
            code="3673", defaults={"name": "Disnaker Kota Serang", "region_id": "36.73"}
        )
        sectors = ["10", "20", "24", "35", "52", "62", "71", "F", "H", "C"]
        companies = [
            Company.objects.get_or_create(
                nib=f"{8120000000000 + i}",
                defaults={
                    "name": f"PT Bench {i}",
                    "sector": Sector.objects.get(code=sectors[i % len(sectors)]),
                    "workforce": 1000,
                    "region_id": "36.72.04",
                },
            )[0].pk
            for i in range(200)
        ]
        providers = [
            TrainingProvider.objects.get_or_create(
                code=f"BENCH-{i}",
                defaults={"name": f"Balai Bench {i}", "kind": "bbpvp", "region_id": "36.73.01"},
            )[0]
            for i in range(5)
        ]
        programmes = []
        for i, vocation in enumerate(Vocation.objects.all()):
            for j in range(3):
                prog, created = Programme.objects.get_or_create(
                    provider=providers[(i + j) % len(providers)],
                    code=f"BENCH-{vocation.code}-{j}",
                    defaults={
                        "name": f"{vocation.name} {j}",
                        "vocation": vocation,
                        "jp_hours": 240,
                        "funding": ["apbn", "apbd", "csr"][j],
                    },
                )
                if created:
                    prog.skills.set(Skill.objects.filter(vocation=vocation)[j : j + 3])
                programmes.append(prog.pk)
    skills = list(Skill.objects.values_list("code", flat=True))
    regions = [
        "36.72.01",
        "36.72.02",
        "36.72.03",
        "36.72.04",
        "36.72.05",
        "36.72.06",
        "36.72.07",
        "36.72.08",
        "36.73.01",
        "36.73.02",
    ]
    education = ["sd", "smp", "sma", "smk", "smk", "d3", "s1"]
    occupations = ["7212", "7411", "3113", "8344", "4321", "2512", "8131", "9329", "5120"]

    def arr(values) -> str:
        return "ARRAY[" + ",".join(f"'{v}'" for v in values) + "]"

    def pick(values, seed: str) -> str:
        return f"({arr(values)})[1 + floor({seed} * {len(values)})::int]"

    ints = lambda values: "ARRAY[" + ",".join(str(v) for v in values) + "]"  # noqa: E731
    v, e, p = n // 10, n, n // 5
    statements = [
        f"""
        INSERT INTO trainees_jobseeker (office_id, registration_number, nik, name,
          name_normalised, birth_place, birth_date, sex, marital_status, religion, address,
          region_id, phone, email, education_id, major, courses, experience, experience_years,
          occupation_id, disability, consent_share_contact, registered_on, expires_on, status,
          ended_on, end_reason, created_at, updated_at)
        SELECT CASE WHEN r0 < 0.8 THEN {cilegon.pk} ELSE {serang.pk} END,
          'BENCH-' || i, '8' || lpad(i::text, 15, '0'), 'Pencari Kerja ' || i,
          'PENCARI KERJA ' || i, 'Cilegon', reg - (6000 + floor(r1 * 9000))::int,
          CASE WHEN r2 < 0.45 THEN 'P' ELSE 'L' END, '', '', 'Jl. Bench',
          {pick(regions, "r3")}, '', '', {pick(education, "r4")}, '', '', '', 0,
          CASE WHEN r5 < 0.1 THEN NULL ELSE {pick(occupations, "r5")} END, '', false,
          reg, reg + 730,
          CASE WHEN r6 >= 0.5 OR reg + e > date '2026-06-30' THEN 'active'
               WHEN r7 < 0.4 THEN 'placed' WHEN r7 < 0.8 THEN 'expired' ELSE 'removed' END,
          CASE WHEN r6 >= 0.5 OR reg + e > date '2026-06-30' THEN NULL ELSE reg + e END,
          CASE WHEN r6 >= 0.5 OR reg + e > date '2026-06-30' THEN ''
               WHEN r7 < 0.4 THEN 'placed' WHEN r7 < 0.8 THEN 'expired' ELSE 'withdrawn' END,
          now(), now()
        FROM (SELECT i, date '2023-01-01' + floor(random() * 1277)::int AS reg,
                     floor(random() * 730)::int AS e, random() r0, random() r1, random() r2,
                     random() r3, random() r4, random() r5, random() r6, random() r7
              FROM generate_series(1, {n}) i) s
        """,
        f"""
        INSERT INTO trainees_jobseekerskill (job_seeker_id, skill_id, source, certificate_no,
          declared_from, trained_from, certified_from)
        SELECT id, skill, src, '', CASE WHEN src = 1 THEN reg END,
               CASE WHEN src = 2 THEN reg + 90 END, CASE WHEN src = 3 THEN reg + 120 END
        FROM (SELECT js.id, js.registered_on AS reg, 1 + floor(random() * 3)::int AS src,
                     ({arr(skills)})[1 + (js.id * 7 + k * 13) % {len(skills)}] AS skill
              FROM trainees_jobseeker js, generate_series(0, 2) k
              WHERE js.registration_number LIKE 'BENCH-%%') s
        """,
        f"""
        INSERT INTO placements_vacancy (company_id, external_ref, kind, title, description,
          occupation_id, openings, filled, education_min_id, region_id, employment_type,
          duration_months, experience_months, opens_on, closes_on, status, close_reason,
          closed_on, created_at, updated_at)
        SELECT ({ints(companies)})[1 + floor(r0 * {len(companies)})::int], '',
          CASE WHEN r1 < 0.1 THEN 'apprenticeship' ELSE 'job' END, 'Lowongan ' || i, '',
          {pick(occupations, "r2")}, 1 + floor(r3 * 9)::int, 0, {pick(education, "r4")},
          {pick(regions, "r5")}, CASE WHEN r1 < 0.1 THEN 'magang' ELSE 'pkwt' END,
          CASE WHEN r1 < 0.1 THEN 6 END, 0, opens, opens + d,
          CASE WHEN opens + d < date '2026-01-01' THEN 'closed' ELSE 'open' END,
          CASE WHEN opens + d < date '2026-01-01' THEN 'expired' ELSE '' END,
          CASE WHEN opens + d < date '2026-01-01' THEN opens + d END, now(), now()
        FROM (SELECT i, date '2023-01-01' + floor(random() * 1277)::int AS opens,
                     10 + floor(random() * 80)::int AS d, random() r0, random() r1,
                     random() r2, random() r3, random() r4, random() r5
              FROM generate_series(1, {v}) i) s
        """,
        f"""
        INSERT INTO placements_vacancyskill (vacancy_id, skill_id, required)
        SELECT v.id, ({arr(skills)})[1 + (v.id * 11 + k * 17) % {len(skills)}], k < 2
        FROM placements_vacancy v, generate_series(0, 2) k WHERE v.title LIKE 'Lowongan %%'
        """,
        f"""
        INSERT INTO trainees_cohort (programme_id, name, start_date, end_date, place, quota,
          instructor, status, created_at)
        SELECT ({ints(programmes)})[1 + floor(random() * {len(programmes)})::int],
          'Bench ' || i, s, s + 45, 'Workshop', 16, '', 'finished', now()
        FROM (SELECT i, date '2023-01-01' + floor(random() * 1277)::int AS s
              FROM generate_series(1, {e // 16 + 1}) i) c
        """,
        """
        INSERT INTO trainees_enrollment (cohort_id, job_seeker_id, status, enrolled_on,
          withdrawal_reason)
        SELECT c.id, js.id,
          (ARRAY['enrolled','completed','completed','completed','failed','dropped'])
            [1 + floor(random() * 6)::int], c.start_date - 7, ''
        FROM (SELECT id, start_date, row_number() OVER (ORDER BY id) AS n
              FROM trainees_cohort WHERE name LIKE 'Bench %%') c
        JOIN (SELECT id, row_number() OVER (ORDER BY random()) AS n FROM trainees_jobseeker
              WHERE registration_number LIKE 'BENCH-%%') js
          ON (js.n - 1) / 16 + 1 = c.n
        """,
        """
        INSERT INTO trainees_trainingresult (enrollment_id, attendance_pct, score, outcome,
          updated_at)
        SELECT id, 90, 80, CASE WHEN status = 'completed' THEN 'completed'
                               WHEN status = 'dropped' THEN 'dropped' ELSE 'failed' END, now()
        FROM trainees_enrollment WHERE status <> 'enrolled'
        """,
        """
        INSERT INTO trainees_competencyassessment (enrollment_id, result, assessed_on,
          certificate_no, needs_retest)
        SELECT e.id, CASE WHEN random() < 0.8 THEN 'K' ELSE 'BK' END, c.end_date,
               'LSP/' || e.id, false
        FROM trainees_enrollment e JOIN trainees_cohort c ON c.id = e.cohort_id
        WHERE e.status = 'completed'
        """,
        f"""
        INSERT INTO placements_placement (job_seeker_id, company_id, vacancy_id, start_date,
          contract_type, wage, channel, source, created_at)
        SELECT js.id, ({ints(companies)})[1 + floor(random() * {len(companies)})::int],
          CASE WHEN random() < 0.7 THEN
            (SELECT min(id) FROM placements_vacancy) + floor(random() * {v})::int END,
          date '2023-02-01' + floor(random() * 1250)::int, 'pkwt',
          4500000 + floor(random() * 30)::int * 100000,
          (ARRAY['akl','akl','akl','akad','akan'])[1 + floor(random() * 5)::int],
          'referral', now()
        FROM (SELECT id FROM trainees_jobseeker WHERE registration_number LIKE 'BENCH-%%'
              ORDER BY random() LIMIT {p}) js
        """,
        """
        INSERT INTO placements_followup (placement_id, checked_on, employed, created_at)
        SELECT id, start_date + 182, random() < 0.75, now() FROM placements_placement
        WHERE random() < 0.5
        """,
        f"""
        INSERT INTO placements_apprenticeship (company_id, job_seeker_id, agreement_no,
          programme_description, start_date, duration_months, allowance, status, approved_on,
          finished_on, hired, created_at)
        SELECT ({ints(companies)})[1 + floor(random() * {len(companies)})::int], js.id, '', '',
          s, 6, 2000000, 'completed', s, s + 180, random() < 0.5, now()
        FROM (SELECT id, date '2023-01-01' + floor(random() * 1000)::int AS s
              FROM trainees_jobseeker WHERE registration_number LIKE 'BENCH-%%'
              ORDER BY random() LIMIT {n // 50}) js
        """,
    ]
    from vokasi.progress import console_progress

    progress = console_progress(label="generate", stream=sys.stdout, verbose=True)
    with connection.cursor() as cursor, progress as bar:
        for done, sql in enumerate(statements):
            bar.update(done, len(statements), sql.split()[2])
            started = time.perf_counter()
            cursor.execute(sql)
            bar.log(
                f"  {cursor.rowcount:>9,} rows in {time.perf_counter() - started:6.1f} s: "
                f"{sql.split()[2]}"
            )
            bar.update(done + 1, len(statements))
        cursor.execute("ANALYZE")


if __name__ == "__main__":
    raise SystemExit(main())
