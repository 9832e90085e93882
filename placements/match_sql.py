"""The SQL behind matching, written for the planner (PostgreSQL in production, SQLite in
development); ``placements.matching`` explains the rows it returns.

Candidates for a vacancy: the skill table is aggregated first, per job seeker, over the
vacancy's skills only (an index-only scan of ``jss_skill_js_match`` on PostgreSQL), and
only then joined to the people who may take the job (the ORM's ``visible_to`` queryset with
the hard requirements, flattened into the join by the planner). The score is computed in
the database, so the sort keeps just the best ``limit`` rows.

The text of each statement depends only on the shape of the request (how many required and
preferred skills, the configured weights and credits), never on the vacancy, so it is
built once and cached; the vacancy's values travel as parameters.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from trainees.models import JobSeekerSkill

Source = JobSeekerSkill.Source

# Recency as a small integer per row, so the best of several rows is a MAX():
# 2 = within the first window (counts 1.0), 1 = within the second (0.5), 0 = neither.
RECENCY_POINTS = {2: 1.0, 1: 0.5, 0: 0.0}


def _real(value: float) -> str:
    """A float constant both PostgreSQL (double precision, not numeric) and SQLite read."""
    return f"CAST({float(value)!r} AS DOUBLE PRECISION)"


def _frozen(mapping: Mapping) -> tuple:
    return tuple(sorted((key, float(value)) for key, value in mapping.items()))


def _placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)


def _credit(credit: tuple, source: str) -> str:
    """The credit of one skill row by its source (certified > trained > declared)."""
    points = dict(credit)
    return (
        f"CASE {source} WHEN {int(Source.CERTIFIED)} THEN {_real(points['certified'])}"
        f" WHEN {int(Source.TRAINED)} THEN {_real(points['trained'])}"
        f" WHEN {int(Source.DECLARED)} THEN {_real(points['declared'])}"
        f" ELSE {_real(0)} END"
    )


def candidate_sql(
    *,
    n_required: int,
    n_preferred: int,
    weights: Mapping[str, float],
    credit: Mapping[str, float],
    distance: Mapping[str, float],
    pooled: bool = False,
) -> tuple[str, str]:
    """The statement that ranks candidates, in two parts around the people subquery.

    ``pooled`` ranks only the pool: the people holding one of the vacancy's skills trained
    or certified (their declared rows of those skills count too). The pool is read from
    the ``(skill, source, …)`` index; the bulk of the holders, who only declared a skill,
    are never grouped. ``pool_bound`` says when its ranking is the exact one.

    Parameters, in order: occupation, its major group, region, its city prefix, the two
    recency dates, the required codes, the preferred codes, all codes (the aggregate;
    three times when pooled); then the people subquery's own; then the limit.
    """
    return _candidate_sql(
        n_required, n_preferred, _frozen(weights), _frozen(credit), _frozen(distance), pooled
    )


def pool_bound(
    *,
    weights: Mapping[str, float],
    credit: Mapping[str, float],
    distance: Mapping[str, float],
) -> float:
    """The best score (0-100, unrounded) anyone outside the pool can reach.

    Outside the pool a person holds the vacancy's skills declared only: each skill counts
    the declared credit, and no training is recent (recency reads trained and certified
    rows only); occupation, education and distance may be at their best. When the pool's
    ``limit``-th score is above this, nobody outside can reach it (ties are broken by id,
    so it must be strictly above), and the pool's ranking is the exact one.
    """
    best = {
        "required_skills": float(credit["declared"]),
        "preferred_skills": float(credit["declared"]),
        "occupation": 1.0,
        "education": 1.0,
        "distance": max(float(value) for value in distance.values()),
        "training_recency": 0.0,
    }
    total = sum(weights.values())
    return sum(100 * weight / total * best[name] for name, weight in weights.items())


@functools.lru_cache(maxsize=256)
def _candidate_sql(
    n_required: int,
    n_preferred: int,
    weights: tuple,
    credit: tuple,
    distance: tuple,
    pooled: bool = False,
) -> tuple[str, str]:
    row_credit = _credit(credit, "s.source")

    def summed(count: int) -> str:
        if not count:
            return _real(0)
        return (
            f"SUM(CASE WHEN s.skill_id IN ({_placeholders(count)})"
            f" THEN {row_credit} ELSE {_real(0)} END)"
        )

    weight = dict(weights)
    total = sum(weight.values())
    near = dict(distance)
    terms = {
        "required_skills": f"m.req / {_real(max(n_required, 1))}",
        "preferred_skills": f"m.pref / {_real(max(n_preferred, 1))}",
        "occupation": "m.occ",
        "education": _real(1),
        "distance": "m.dist",
        "training_recency": "m.rec",
    }
    score = " + ".join(
        f"({terms[name]}) * {_real(points / total)}" for name, points in weight.items()
    )
    recency = " ".join(
        f"WHEN h.last_trained >= %s THEN {_real(RECENCY_POINTS[points])}" for points in (2, 1)
    )
    head = f"""
SELECT m.job_seeker_id, m.req, m.pref, m.occ, m.dist, m.rec FROM (
  SELECT h.job_seeker_id AS job_seeker_id, h.req AS req, h.pref AS pref,
    CASE WHEN j.occupation_id = %s THEN {_real(1)}
         WHEN SUBSTR(j.occupation_id, 1, 1) = %s THEN {_real(0.5)}
         ELSE {_real(0)} END AS occ,
    CASE WHEN j.region_id = %s THEN {_real(near["same_kecamatan"])}
         WHEN SUBSTR(j.region_id, 1, 5) = %s THEN {_real(near["same_city"])}
         ELSE {_real(near["elsewhere"])} END AS dist,
    CASE {recency} ELSE {_real(0)} END AS rec
  FROM (
    SELECT s.job_seeker_id AS job_seeker_id,
      {summed(n_required)} AS req,
      {summed(n_preferred)} AS pref,
      MAX(CASE WHEN s.source >= {int(Source.TRAINED)} THEN s.acquired_on END) AS last_trained
    FROM {_pool_rows(n_required + n_preferred) if pooled else _all_rows(n_required + n_preferred)}
    GROUP BY s.job_seeker_id
  ) h
  INNER JOIN ("""
    tail = f""") j ON j.id = h.job_seeker_id
) m
ORDER BY {score} DESC, m.job_seeker_id
LIMIT %s"""
    return head, tail


def _all_rows(count: int) -> str:
    return f"trainees_jobseekerskill s WHERE s.skill_id IN ({_placeholders(count)})"


def _pool_rows(count: int) -> str:
    """The pool's rows of the vacancy's skills: the trained and certified rows (an
    index-only range of ``jss_skill_match``, with their dates), then the declared rows of
    the same people (probes of ``jss_js_skill_dated``; a declared row has no date that
    counts for recency)."""
    codes = _placeholders(count)
    trained = int(Source.TRAINED)
    return f"""(
      SELECT t.job_seeker_id AS job_seeker_id, t.skill_id AS skill_id, t.source AS source,
        t.acquired_on AS acquired_on
      FROM trainees_jobseekerskill t
      WHERE t.skill_id IN ({codes}) AND t.source >= {trained}
      UNION ALL
      SELECT d.job_seeker_id, d.skill_id, d.source, NULL
      FROM trainees_jobseekerskill d
      WHERE d.skill_id IN ({codes}) AND d.source < {trained} AND d.job_seeker_id IN (
        SELECT p.job_seeker_id FROM trainees_jobseekerskill p
        WHERE p.skill_id IN ({codes}) AND p.source >= {trained})
    ) s"""


def candidate_params_head(
    required: list[str], preferred: list[str], vacancy, dates, *, pooled: bool = False
) -> list:
    """The parameters before the people subquery (see ``candidate_sql``)."""
    near_recent, far_recent = dates
    return [
        vacancy.occupation_id,
        vacancy.occupation_id[:1],
        vacancy.region_id,
        vacancy.region_id[:5],
        near_recent,
        far_recent,
        *required,
        *preferred,
        *(required + preferred) * (3 if pooled else 1),
    ]


def vacancy_sql(
    *,
    n_held: int,
    n_recent: int,
    weights: Mapping[str, float],
    credit: Mapping[str, float],
    distance: Mapping[str, float],
) -> tuple[str, str]:
    """The statement that finds the open vacancies sharing a skill with one person and
    returns, per vacancy, what its score needs: how many required and preferred skills it
    names, how many of each the person holds by source, and the best recency (2, 1, 0);
    last, the score as the database computes it, by which the rows come, best first.
    Python scores the leading rows again exactly (``round`` of the same sum), so the
    database's floating point never decides the order, only how many rows to look at.

    Parameters, in order: the person's occupation, its major group, region and city
    prefix; the held (code, source) pairs, the (code, recency) pairs of the person's
    trained or certified skills; then the open-vacancy subquery's own; then the held
    codes again (which vacancies to look at).

    The vacancies to look at are joined as a set (the distinct vacancies naming a held
    skill, hashed once) rather than tested row by row: the planner then meets the open
    vacancies with that set before reading any vacancy's skill rows, and probes the skill
    rows of the few thousand that qualify instead of checking every skill row of every
    open vacancy (at scale 300: 284 ms to 189 ms for a person holding the commonest
    skills, the same rows).
    """
    return _vacancy_sql(n_held, n_recent, _frozen(weights), _frozen(credit), _frozen(distance))


#: The sources a held skill is counted by, in the order of the held columns.
HELD_SOURCES = (int(Source.CERTIFIED), int(Source.TRAINED), int(Source.DECLARED))


@functools.lru_cache(maxsize=256)
def _vacancy_sql(
    n_held: int, n_recent: int, weights: tuple, credit: tuple, distance: tuple
) -> tuple[str, str]:
    weight = dict(weights)
    score = " + ".join(
        f"({term}) * {_real(100 * weight.get(name, 0))}"
        for name, term in _vacancy_terms(dict(credit), dict(distance)).items()
    )
    held_names = ", ".join(f"g.{_held_name(r, by)}" for r in (True, False) for by in HELD_SOURCES)
    held_columns = ",\n    ".join(
        _held_column(required, by) for required in (True, False) for by in HELD_SOURCES
    )
    source, recency = _skill_case(n_held), _skill_case(n_recent)
    head = f"""
SELECT g.id, g.occupation_id, g.region_id, g.closes_on, g.n_req, g.n_pref, {held_names},
  g.rec, ({score}) / {_vacancy_weight_total(weight)} AS raw_score
FROM (
  SELECT x.id AS id, x.occupation_id AS occupation_id, x.region_id AS region_id,
    x.closes_on AS closes_on,
    SUM(CASE WHEN x.required THEN 1 ELSE 0 END) AS n_req,
    SUM(CASE WHEN x.required THEN 0 ELSE 1 END) AS n_pref,
    {held_columns},
    MAX(x.rec) AS rec
  FROM (
    SELECT v.id AS id, v.occupation_id AS occupation_id, v.region_id AS region_id,
      v.closes_on AS closes_on, vs.required AS required, {source} AS src, {recency} AS rec
    FROM placements_vacancyskill vs
    INNER JOIN ("""
    tail = f""") v ON v.id = vs.vacancy_id
    INNER JOIN (
      SELECT DISTINCT hs.vacancy_id AS vacancy_id FROM placements_vacancyskill hs
      WHERE hs.skill_id IN ({_placeholders(n_held)})
    ) c ON c.vacancy_id = v.id
  ) x
  GROUP BY x.id, x.occupation_id, x.region_id, x.closes_on
) g
ORDER BY raw_score DESC, g.closes_on, g.id"""
    return head, tail


def _skill_case(count: int) -> str:
    """A value per vacancy skill from ``count`` (code, value) parameter pairs, else 0."""
    if not count:
        return "0"
    return "CASE vs.skill_id " + " ".join(["WHEN %s THEN %s"] * count) + " ELSE 0 END"


def _held_column(required: bool, by: int) -> str:
    kind = "x.required" if required else "NOT x.required"
    name = _held_name(required, by)
    return f"SUM(CASE WHEN {kind} AND x.src = {by} THEN 1 ELSE 0 END) AS {name}"


def _vacancy_weight_total(weight: dict) -> str:
    """The weights a vacancy can score on: a vacancy naming no required (preferred) skill
    is not marked down for them."""
    return (
        f"({_real(sum(weight.values()))}"
        f" - CASE WHEN g.n_req = 0 THEN {_real(weight.get('required_skills', 0))}"
        f" ELSE {_real(0)} END"
        f" - CASE WHEN g.n_pref = 0 THEN {_real(weight.get('preferred_skills', 0))}"
        f" ELSE {_real(0)} END)"
    )


def _vacancy_terms(points: dict, near: dict) -> dict[str, str]:
    """Every term of a vacancy's score, in this fixed order whatever the settings list: the
    placeholders of the occupation and distance terms must come where the parameters
    expect them."""
    by_source = {
        int(Source.CERTIFIED): points["certified"],
        int(Source.TRAINED): points["trained"],
        int(Source.DECLARED): points["declared"],
    }

    def credit_of(required: bool, count: str) -> str:
        summed = " + ".join(
            f"g.{_held_name(required, by)} * {_real(by_source[by])}" for by in HELD_SOURCES
        )
        return f"CASE WHEN {count} > 0 THEN ({summed}) / {count} ELSE {_real(0)} END"

    return {
        "required_skills": credit_of(True, "g.n_req"),
        "preferred_skills": credit_of(False, "g.n_pref"),
        "occupation": (
            f"CASE WHEN g.occupation_id = %s THEN {_real(1)}"
            f" WHEN SUBSTR(g.occupation_id, 1, 1) = %s THEN {_real(0.5)} ELSE {_real(0)} END"
        ),
        "education": _real(1),
        "distance": (
            f"CASE WHEN g.region_id = %s THEN {_real(near['same_kecamatan'])}"
            f" WHEN SUBSTR(g.region_id, 1, 5) = %s THEN {_real(near['same_city'])}"
            f" ELSE {_real(near['elsewhere'])} END"
        ),
        "training_recency": (
            f"CASE g.rec WHEN 2 THEN {_real(RECENCY_POINTS[2])}"
            f" WHEN 1 THEN {_real(RECENCY_POINTS[1])} ELSE {_real(0)} END"
        ),
    }


def _held_name(required: bool, by: int) -> str:
    return f"{'req' if required else 'pref'}_{by}"
