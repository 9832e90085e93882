"""Time the compliance report (the reporting ledger) on PostgreSQL against plain SQL.

    createdb -T vokasi_scale300 vokasi_ledger_scale300   # a copy: never the original
    DATABASE_URL=postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_ledger_scale300 \\
        DEBUG=1 python manage.py migrate
    DATABASE_URL=... DEBUG=1 python -m bench.compliance --add-hires

``--add-hires`` first fills ``placements_hire`` of a database seeded before hire reports
existed, straight in SQL: one reported hire per placement at a registered company (the
person's kecamatan, or outside the city for about 4 in 10) and as many again of people not
registered (about 4 in 10 outside the city), started on the placements' dates. It refuses
to run when hires are already there.

Each grouping (company, sector, kecamatan) runs ``--repeat`` times (at least twice: the
first warms the caches) for the office with the largest register, and prints one line
through ``bench.common.report``: the best time, the target (< 2 s, issue #17) and the
baseline: the same counts per company from one hand-written SQL GROUP BY per measure
(vacancies, fills, hires, overdue), timed in the same run; the script checks that both
give the same numbers and says so in the notes. Nothing is written by the report.
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

ADD_HIRES = """
INSERT INTO placements_hire (company_id, vacancy_id, external_ref, name, sex, birth_year,
    education_id, domicile_id, nik, occupation_id, start_date, employment_type, wage,
    job_seeker_id, placement_id, reported_by_id, created_at)
SELECT p.company_id, p.vacancy_id, 'bench-' || p.id || '-' || k.k, 'Pekerja ' || p.id,
    j.sex, extract(year FROM j.birth_date)::int, j.education_id,
    CASE WHEN (p.id + k.k) % 10 < 4 THEN NULL ELSE j.region_id END, '',
    coalesce(p.occupation_id, v.occupation_id, '7212'), p.start_date, p.contract_type,
    p.wage,
    CASE WHEN k.k = 0 THEN p.job_seeker_id END, CASE WHEN k.k = 0 THEN p.id END, NULL,
    (p.start_date + 3)::timestamp AT TIME ZONE 'Asia/Jakarta'
FROM placements_placement p
JOIN trainees_jobseeker j ON j.id = p.job_seeker_id
LEFT JOIN placements_vacancy v ON v.id = p.vacancy_id
CROSS JOIN (VALUES (0), (1)) AS k(k)
WHERE p.company_id IS NOT NULL
"""

# The baseline: per company of one office's register, one GROUP BY per measure.
FIRST_FILL = """
    LEAST(coalesce(hf.first, DATE '9999-12-31'), coalesce(pf.first, DATE '9999-12-31'),
          CASE WHEN v.close_reason = 'filled' THEN coalesce(v.closed_on, v.closes_on)
               ELSE DATE '9999-12-31' END)
"""
FILLS_JOIN = """
    LEFT JOIN (SELECT vacancy_id, min(start_date) AS first FROM placements_hire
               WHERE vacancy_id IS NOT NULL GROUP BY vacancy_id) hf ON hf.vacancy_id = v.id
    LEFT JOIN (SELECT vacancy_id, min(start_date) AS first FROM placements_placement
               WHERE vacancy_id IS NOT NULL AND source IN ('referral', 'apprenticeship')
               GROUP BY vacancy_id) pf ON pf.vacancy_id = v.id
"""
BASELINE = {
    "vacancies": """
        SELECT v.company_id, count(*), sum(v.openings)
        FROM placements_vacancy v JOIN vokasi_company c ON c.id = v.company_id
        WHERE c.office_id = %(office)s
          AND (v.created_at AT TIME ZONE 'Asia/Jakarta')::date BETWEEN %(start)s AND %(end)s
        GROUP BY v.company_id
    """,
    "fills_reported": f"""
        SELECT v.company_id, count(*)
        FROM placements_vacancy v JOIN vokasi_company c ON c.id = v.company_id {FILLS_JOIN}
        WHERE c.office_id = %(office)s AND {FIRST_FILL} BETWEEN %(start)s AND %(end)s
        GROUP BY v.company_id
    """,
    "hires": """
        SELECT h.company_id, count(*),
            count(*) FILTER (WHERE h.domicile_id LIKE o.region_id || '.%%'),
            count(*) FILTER (WHERE p.source = 'referral'),
            count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM trainees_enrollment e JOIN trainees_cohort co ON co.id = e.cohort_id
                WHERE e.job_seeker_id = h.job_seeker_id AND e.status = 'completed'
                  AND co.end_date < h.start_date))
        FROM placements_hire h JOIN vokasi_company c ON c.id = h.company_id
        JOIN vokasi_labouroffice o ON o.id = c.office_id
        LEFT JOIN placements_placement p ON p.id = h.placement_id
        WHERE c.office_id = %(office)s AND h.start_date BETWEEN %(start)s AND %(end)s
        GROUP BY h.company_id
    """,
    "overdue": f"""
        SELECT v.company_id, count(*)
        FROM placements_vacancy v JOIN vokasi_company c ON c.id = v.company_id {FILLS_JOIN}
        WHERE c.office_id = %(office)s AND v.closes_on < %(due)s AND v.status <> 'rejected'
          AND NOT (v.close_reason IN ('cancelled', 'taken_down')
                   AND (v.closed_on IS NULL OR v.closed_on <= %(day)s))
          AND {FIRST_FILL} > %(day)s
        GROUP BY v.company_id
    """,
}
COLUMNS = {
    "vacancies": ["vacancies", "openings"],
    "fills_reported": ["fills_reported"],
    "hires": ["hires", "hires_local", "hires_referred", "hires_trained"],
    "overdue": ["overdue"],
}


def baseline(office_id: int, start, end, day, grace: int) -> dict[int, dict[str, int]]:
    from django.db import connection

    params = {
        "office": office_id,
        "start": start,
        "end": end,
        "day": day,
        "due": day - datetime.timedelta(days=grace),
    }
    counts: dict[int, dict[str, int]] = {}
    with connection.cursor() as cursor:
        for measure, sql in BASELINE.items():
            cursor.execute(sql, params)
            for company_id, *values in cursor.fetchall():
                row = counts.setdefault(company_id, {})
                row.update(zip(COLUMNS[measure], (int(v or 0) for v in values), strict=True))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--add-hires", action="store_true", help="fill placements_hire first")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count

    from bench.common import Result, report, vendor
    from placements.models import Hire, Vacancy
    from reports import compliance
    from reports.periods import add_months, month_end
    from vokasi.models import Company

    if connection.vendor != "postgresql":
        sys.exit("bench.compliance runs on PostgreSQL (the baseline is PostgreSQL SQL)")
    if args.add_hires:
        if Hire.objects.exists():
            sys.exit("hires are already there: --add-hires is for a database without them")
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(ADD_HIRES)
            cursor.execute("ANALYZE placements_hire")
        print(f"added {Hire.objects.count():,} hires: {time.perf_counter() - started:.1f} s")

    office_id = (
        Company.objects.exclude(office=None)
        .values("office")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("office", flat=True)
        .first()
    )
    register = Company.objects.filter(office_id=office_id)
    last = Vacancy.objects.order_by("-opens_on").values_list("opens_on", flat=True).first()
    last = last or datetime.date.today()  # noqa: DTZ011 - a bench, not domain logic
    start = add_months(last.replace(day=1), -11)
    end = month_end(last.year, last.month)
    day = compliance.as_of(end)
    print(
        f"database: {connection.vendor}; register {register.count():,} companies, "
        f"vacancies {Vacancy.objects.count():,}, hires {Hire.objects.count():,}; "
        f"period {start} – {end}, statuses at {day}"
    )

    base, _worst, _n = timed(
        lambda: len(baseline(office_id, start, end, day, compliance.grace_days())), args.repeat
    )
    expected = baseline(office_id, start, end, day, compliance.grace_days())
    for by in compliance.BY:
        filters = compliance.Filters(start, end, by)

        def run(filters=filters) -> int:
            rows = compliance.report(register, filters)
            compliance.totals(rows)
            return len(rows)

        best, worst, rows = timed(run, args.repeat)
        notes = f"{rows} rows; worst {worst:.2f} s"
        if by == "company":
            frame = compliance.report(register, filters)
            differences = []
            for row in compliance.records(frame):
                want = expected.get(row["key"], {})
                for measure in [c for cols in COLUMNS.values() for c in cols]:
                    if row[measure] != want.get(measure, 0):
                        differences.append((row["key"], measure, row[measure], want.get(measure)))
            notes += "; " + (
                "same numbers as the SQL" if not differences else f"DIFFERENT: {differences[:3]}"
            )
        report(
            Result(
                scenario=f"compliance report by {by}",
                database=vendor(),
                ours=best,
                unit="s",
                baseline=base,
                baseline_name="hand-written SQL GROUP BY",
                target="< 2 s",
                met=best < 2,
                notes=notes,
            )
        )
    return 0


def timed(run: Callable[[], int], repeat: int) -> tuple[float, float, int]:
    """Best and worst of ``repeat`` runs (at least two: the first warms the caches)."""
    timings, rows = [], 0
    for _ in range(max(2, repeat)):
        started = time.perf_counter()
        rows = run()
        timings.append(time.perf_counter() - started)
    return min(timings[1:]), max(timings[1:]), rows


if __name__ == "__main__":
    sys.exit(main())
