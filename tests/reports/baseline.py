"""Link-and-match counted by hand: one GROUP BY per measure written in plain SQL, straight
over the tables, no ORM. ``tests/reports/test_link_and_match_baseline.py`` proves it gives
the report's numbers; the benchmark (``bench.reports``) times the report against it.
"""

from __future__ import annotations

import datetime


def compare(frame, expected: dict[str, dict[str, int]]) -> list[tuple]:
    """Where the report and the hand-written SQL disagree: (key, column, ours, theirs)."""
    columns = ["demand", "supply_certified", "supply_trained", "supply_declared", "supply"]
    columns += ["pipeline", "placed"]
    got = {row["key"]: row for row in frame.to_dict("records")}
    out = []
    for key in sorted(set(got) | set(expected)):
        for column in columns:
            ours = int(got.get(key, {}).get(column, 0))
            theirs = expected.get(key, {}).get(column, 0)
            if ours != theirs:
                out.append((key, column, ours, theirs))
    return out


# ------------------------------------------------------------------ hand-written SQL

# The link-and-match numbers as someone fluent in SQL would write them by hand: one
# GROUP BY per measure, straight over the tables, no ORM. ``{office_js}`` and
# ``{office_vacancy}`` are empty for all offices; ``{active}`` is the registration still
# open on the last day. Portable SQL (PostgreSQL and SQLite), parameters by name.
ACTIVE = "j.registered_on <= %(to)s AND (j.ended_on IS NULL OR j.ended_on > %(to)s)"
# Open from opens_on to the earlier of closes_on and closed_on.
OPEN = """v.opens_on <= %(to)s AND v.closes_on >= %(from)s
    AND (v.closed_on IS NULL OR (v.closed_on >= %(from)s AND v.closed_on >= v.opens_on))"""
# In training on the last day (today for a period not over), from the dates alone.
PIPELINE = """e.enrolled_on <= %(asof)s AND c.start_date <= %(asof)s AND c.end_date > %(asof)s
    AND (e.withdrawn_on > %(asof)s OR (e.withdrawn_on IS NULL AND e.status <> 'withdrawn'))"""
# The source of a skill row on the last day: each source counts from its own date.
SOURCE = """CASE WHEN s.certified_from <= %(to)s THEN 3 WHEN s.trained_from <= %(to)s THEN 2
    WHEN s.declared_from <= %(to)s THEN 1 END"""
BEST = """COUNT(*) FILTER (WHERE t.best = 3), COUNT(*) FILTER (WHERE t.best = 2),
       COUNT(*) FILTER (WHERE t.best = 1 OR t.best IS NULL)"""
NEEDED_BY_SECTOR = f"""
    SELECT DISTINCT sec.category, vs.skill_id
    FROM placements_vacancyskill vs
    JOIN placements_vacancy v ON v.id = vs.vacancy_id
    JOIN vokasi_company co ON co.id = v.company_id
    JOIN vokasi_sector sec ON sec.code = co.sector_id
    WHERE vs.required AND {OPEN}{{office_vacancy}}"""

BASELINE_SQL: dict[str, dict[str, str]] = {
    "skill": {
        "demand": f"""
            SELECT vs.skill_id, SUM(v.openings)
            FROM placements_vacancyskill vs JOIN placements_vacancy v ON v.id = vs.vacancy_id
            WHERE vs.required AND {OPEN}{{office_vacancy}}
            GROUP BY vs.skill_id""",
        "supply": f"""
            SELECT t.skill_id, COUNT(*) FILTER (WHERE t.src = 3),
                   COUNT(*) FILTER (WHERE t.src = 2), COUNT(*) FILTER (WHERE t.src = 1)
            FROM (SELECT s.skill_id, {SOURCE} AS src
                  FROM trainees_jobseekerskill s
                  JOIN trainees_jobseeker j ON j.id = s.job_seeker_id
                  WHERE {ACTIVE}{{office_js}}) t
            GROUP BY t.skill_id""",
        "pipeline": f"""
            SELECT ps.skill_id, COUNT(DISTINCT e.job_seeker_id)
            FROM trainees_enrollment e
            JOIN trainees_cohort c ON c.id = e.cohort_id
            JOIN trainees_programme_skills ps ON ps.programme_id = c.programme_id
            {{join_e}}
            WHERE {PIPELINE}{{office_js}}
            GROUP BY ps.skill_id""",
        "placed": """
            SELECT vs.skill_id, COUNT(*)
            FROM placements_placement p
            LEFT JOIN placements_apprenticeship ap ON ap.id = p.apprenticeship_id
            JOIN placements_vacancyskill vs ON vs.vacancy_id = COALESCE(p.vacancy_id, ap.vacancy_id)
            {join_p}
            WHERE vs.required AND p.start_date BETWEEN %(from)s AND %(to)s{office_js}
            GROUP BY vs.skill_id""",
    },
    "vocation": {
        "demand": f"""
            SELECT n.vocation_id, SUM(v.openings)
            FROM placements_vacancy v
            JOIN (SELECT DISTINCT vs.vacancy_id, sk.vocation_id
                  FROM placements_vacancyskill vs JOIN vokasi_skill sk ON sk.code = vs.skill_id
                  WHERE vs.required) n ON n.vacancy_id = v.id
            WHERE {OPEN}{{office_vacancy}}
            GROUP BY n.vocation_id""",
        "supply": f"""
            SELECT t.vocation_id, {BEST}
            FROM (SELECT sk.vocation_id, s.job_seeker_id, MAX({SOURCE}) AS best
                  FROM trainees_jobseekerskill s
                  JOIN vokasi_skill sk ON sk.code = s.skill_id
                  JOIN trainees_jobseeker j ON j.id = s.job_seeker_id
                  WHERE {ACTIVE}{{office_js}}
                  GROUP BY sk.vocation_id, s.job_seeker_id) t
            WHERE t.best IS NOT NULL
            GROUP BY t.vocation_id""",
        "pipeline": f"""
            SELECT sk.vocation_id, COUNT(DISTINCT e.job_seeker_id)
            FROM trainees_enrollment e
            JOIN trainees_cohort c ON c.id = e.cohort_id
            JOIN trainees_programme_skills ps ON ps.programme_id = c.programme_id
            JOIN vokasi_skill sk ON sk.code = ps.skill_id
            {{join_e}}
            WHERE {PIPELINE}{{office_js}}
            GROUP BY sk.vocation_id""",
        "placed": """
            SELECT sk.vocation_id, COUNT(DISTINCT p.id)
            FROM placements_placement p
            LEFT JOIN placements_apprenticeship ap ON ap.id = p.apprenticeship_id
            JOIN placements_vacancyskill vs ON vs.vacancy_id = COALESCE(p.vacancy_id, ap.vacancy_id)
            JOIN vokasi_skill sk ON sk.code = vs.skill_id
            {join_p}
            WHERE vs.required AND p.start_date BETWEEN %(from)s AND %(to)s{office_js}
            GROUP BY sk.vocation_id""",
    },
    "sector": {
        "demand": f"""
            SELECT sec.category, SUM(v.openings)
            FROM placements_vacancy v
            JOIN vokasi_company co ON co.id = v.company_id
            JOIN vokasi_sector sec ON sec.code = co.sector_id
            WHERE {OPEN}{{office_vacancy}}
            GROUP BY sec.category""",
        "supply": f"""
            SELECT t.category, {BEST}
            FROM (SELECT n.category, s.job_seeker_id, MAX({SOURCE}) AS best
                  FROM trainees_jobseekerskill s
                  JOIN ({NEEDED_BY_SECTOR}) n ON n.skill_id = s.skill_id
                  JOIN trainees_jobseeker j ON j.id = s.job_seeker_id
                  WHERE {ACTIVE}{{office_js}}
                  GROUP BY n.category, s.job_seeker_id) t
            WHERE t.best IS NOT NULL
            GROUP BY t.category""",
        "pipeline": f"""
            SELECT n.category, COUNT(DISTINCT e.job_seeker_id)
            FROM trainees_enrollment e
            JOIN trainees_cohort c ON c.id = e.cohort_id
            JOIN trainees_programme_skills ps ON ps.programme_id = c.programme_id
            JOIN ({NEEDED_BY_SECTOR}) n ON n.skill_id = ps.skill_id
            {{join_e}}
            WHERE {PIPELINE}{{office_js}}
            GROUP BY n.category""",
        "placed": """
            SELECT sec.category, COUNT(*)
            FROM placements_placement p
            JOIN vokasi_company co ON co.id = p.company_id
            JOIN vokasi_sector sec ON sec.code = co.sector_id
            {join_p}
            WHERE p.start_date BETWEEN %(from)s AND %(to)s{office_js}
            GROUP BY sec.category""",
    },
}
for _attribute, _vacancy_key in (
    ("occupation", "COALESCE(v.occupation_id, av.occupation_id)"),
    ("region", "COALESCE(v.region_id, av.region_id, co.region_id)"),
):
    BASELINE_SQL[_attribute] = {
        "demand": f"""
            SELECT v.{_attribute}_id, SUM(v.openings) FROM placements_vacancy v
            WHERE {OPEN}{{office_vacancy}}
            GROUP BY v.{_attribute}_id""",
        "supply": f"""
            SELECT t.k, {BEST}
            FROM (SELECT j.{_attribute}_id AS k, j.id, MAX({SOURCE}) AS best
                  FROM trainees_jobseeker j
                  LEFT JOIN trainees_jobseekerskill s ON s.job_seeker_id = j.id
                  WHERE {ACTIVE}{{office_js}}
                  GROUP BY j.{_attribute}_id, j.id) t
            GROUP BY t.k""",
        "pipeline": f"""
            SELECT j.{_attribute}_id, COUNT(DISTINCT e.job_seeker_id)
            FROM trainees_enrollment e
            JOIN trainees_cohort c ON c.id = e.cohort_id
            JOIN trainees_jobseeker j ON j.id = e.job_seeker_id
            WHERE {PIPELINE}{{office_js}}
            GROUP BY j.{_attribute}_id""",
        "placed": f"""
            SELECT {_vacancy_key}, COUNT(*)
            FROM placements_placement p
            LEFT JOIN placements_vacancy v ON v.id = p.vacancy_id
            LEFT JOIN placements_apprenticeship ap ON ap.id = p.apprenticeship_id
            LEFT JOIN placements_vacancy av ON av.id = ap.vacancy_id
            JOIN vokasi_company co ON co.id = p.company_id
            {{join_p}}
            WHERE p.start_date BETWEEN %(from)s AND %(to)s{{office_js}}
            GROUP BY {_vacancy_key}""",
    }

BASELINE_COLUMNS = {
    "demand": ["demand"],
    "supply": ["supply_certified", "supply_trained", "supply_declared"],
    "pipeline": ["pipeline"],
    "placed": ["placed"],
}


def baseline_link_and_match(
    by: str, date_from: datetime.date, date_to: datetime.date, office=None
) -> dict[str, dict[str, int]]:
    """The link-and-match counts from the hand-written SQL: ``{key: {column: n}}``."""
    from django.db import connection
    from django.utils import timezone

    params = {"from": date_from, "to": date_to, "asof": min(date_to, timezone.localdate())}
    fragments = dict.fromkeys(["office_js", "office_vacancy", "join_e", "join_p"], "")
    if office is not None:
        fragments = {
            "office_js": " AND j.office_id = %(office)s",
            "office_vacancy": " AND v.region_id LIKE %(city)s",
            "join_e": "JOIN trainees_jobseeker j ON j.id = e.job_seeker_id",
            "join_p": "JOIN trainees_jobseeker j ON j.id = p.job_seeker_id",
        }
        params |= {"office": office.pk, "city": office.region_id + ".%"}
    out: dict[str, dict[str, int]] = {}
    with connection.cursor() as cursor:
        for measure, sql in BASELINE_SQL[by].items():
            cursor.execute(sql.format(**fragments), params)
            for key, *values in cursor.fetchall():
                row = out.setdefault("-" if key is None else str(key), {})
                row.update(zip(BASELINE_COLUMNS[measure], map(int, values), strict=True))
    for row in out.values():
        row["supply"] = row.get("supply_certified", 0) + row.get("supply_trained", 0)
        row["supply"] += row.get("supply_declared", 0)
    return out
