"""Explainable candidate matching between vacancies and job seekers.

Selection and scoring happen in one statement (``placements.match_sql``): the skill table
is grouped per job seeker over the vacancy's skills only (an index-only scan of
``jss_skill_match``), then joined to the people who meet the hard requirements (the
``visible_to`` queryset, read from the ``js_active_match`` index), scored, sorted and cut
to the limit in the database. Only the best rows reach Python, where they get their
explanation (matching and missing skills) from two more queries for all of them.

The ranking first looks only at the pool of people holding one of the vacancy's skills
trained or certified (``_ranked``): anyone else holds the skills declared only and can
score at most ``match_sql.pool_bound``, so when the pool's last listed score is above that
bound the pool's ranking is the exact one, found without grouping the hundreds of
thousands who only declared a skill; otherwise every holder is ranked.

Hard requirements — a candidate who fails one is not listed: an active registration
(which also excludes placed, expired and removed people), not in training in a running
cohort, education at least the vacancy's minimum, the vacancy's sex and age limits
where it has them (a limit is recorded only with the reason the job needs it), for
apprenticeships at least the minimum apprentice age, not already referred to this
vacancy, and holding at least one of the vacancy's skills.

Score (0-100) = the weighted mean of the factor scores (each 0-1), over the factors that
apply to this vacancy (``settings.VOKASI_MATCHING``):
- required_skills: the share of required skills held, a skill counting by source
  (certified > trained > declared);
- preferred_skills: the same for preferred skills (only when the vacancy has any);
- occupation: 1 for the occupation sought, 0.5 for the same KBJI major group;
- education: 1 when the minimum is met (it always is for listed candidates; shown so
  the explanation is complete);
- distance: same kecamatan, same city, or elsewhere;
- training_recency: certified or trained in one of the vacancy's skills within a year
  (1) or three years (0.5).

This module is long (about 540 lines) because both directions of matching, candidates
for a vacancy and vacancies for a person, score with the same factors, weights and
explanation, kept in one module so the two rankings cannot drift apart; the SQL of the
first direction is already its own module (``match_sql``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements import match_sql
from placements.models import Referral, Vacancy, VacancySkill
from trainees.models import Cohort, Enrollment, JobSeeker, JobSeekerSkill
from vokasi.dates import add_years
from vokasi.db import planner_settings
from vokasi.models import EducationLevel

Source = JobSeekerSkill.Source
FACTOR_LABELS = {
    "required_skills": _("required skills"),
    "preferred_skills": _("preferred skills"),
    "occupation": _("occupation"),
    "education": _("education"),
    "distance": _("distance"),
    "training_recency": _("recent training"),
}
SOURCE_KEYS = {
    Source.CERTIFIED: "certified",
    Source.TRAINED: "trained",
    Source.DECLARED: "declared",
}


def _config() -> dict:
    return settings.VOKASI_MATCHING


@dataclass
class SkillHeld:
    code: str
    name: str
    source: str


@dataclass
class Match:
    job_seeker: JobSeeker
    score: int
    factors: dict[str, float]
    matching_skills: list[SkillHeld] = field(default_factory=list)
    missing_skills: list[dict] = field(default_factory=list)
    vacancy: Vacancy | None = None

    @property
    def factor_rows(self) -> list[tuple[str, float]]:
        return [(FACTOR_LABELS[name], points) for name, points in self.factors.items()]


@dataclass(frozen=True)
class VacancyNeeds:
    required: frozenset[str]
    preferred: frozenset[str]
    names: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(cls, vacancy: Vacancy) -> VacancyNeeds:
        rows = VacancySkill.objects.filter(vacancy=vacancy).values_list(
            "skill_id", "required", "skill__name"
        )
        return cls(
            required=frozenset(code for code, required, _ in rows if required),
            preferred=frozenset(code for code, required, _ in rows if not required),
            names={code: name for code, _, name in rows},
        )


def _applicable_weights(vacancy: Vacancy, needs: VacancyNeeds) -> dict[str, float]:
    weights = dict(_config()["WEIGHTS"])
    if not needs.required:
        weights.pop("required_skills")
    if not needs.preferred:
        weights.pop("preferred_skills")
    return weights


def available_job_seekers(
    today: datetime.date | None = None, *, among: QuerySet | None = None
) -> QuerySet:
    """Job seekers who can take a job now: active and not in a running cohort (of
    ``among``, a queryset of job seekers, when given)."""
    in_training = Enrollment.objects.filter(
        job_seeker=OuterRef("pk"),
        status=Enrollment.Status.ENROLLED,
        cohort__status=Cohort.Status.RUNNING,
    )
    people = JobSeeker.objects.all() if among is None else among
    return people.active().exclude(Exists(in_training))


def eligible_for(vacancy: Vacancy, *, user=None, today: datetime.date | None = None) -> QuerySet:
    """The people ``user`` may see who meet every hard requirement of ``vacancy``
    (whatever skills they hold)."""
    today = today or timezone.localdate()
    # The requirements narrow the people ``user`` may see, rather than a second queryset
    # combined with ``&`` (which renames every alias of both: a sixth of the time of
    # building this query).
    scope = None if user is None else JobSeeker.objects.visible_to(user)
    people = available_job_seekers(today, among=scope)
    if vacancy.education_min_id:
        minimum = EducationLevel.objects.filter(pk=vacancy.education_min_id).values("level")
        people = people.filter(education__level__gte=Subquery(minimum))
    if vacancy.sex != Vacancy.Sex.ANY:
        people = people.filter(sex=vacancy.sex)
    youngest = vacancy.age_min or 0
    if vacancy.kind == Vacancy.Kind.APPRENTICESHIP:
        youngest = max(youngest, settings.VOKASI["APPRENTICESHIP_MIN_AGE"])
    if youngest:
        people = people.filter(birth_date__lte=add_years(today, -youngest))
    if vacancy.age_max is not None:
        # Still ``age_max`` until the day before the next birthday.
        people = people.filter(birth_date__gt=add_years(today, -(vacancy.age_max + 1)))
    return people.exclude(
        Exists(Referral.objects.filter(vacancy_id=vacancy.pk, job_seeker=OuterRef("pk")))
    )


def candidates_for(
    vacancy: Vacancy,
    *,
    user=None,
    limit: int = 50,
    today: datetime.date | None = None,
    job_seekers: QuerySet | None = None,
) -> list[Match]:
    """The best candidates for ``vacancy`` among the job seekers ``user`` may see.

    Four queries whatever the limit (five when the pool cannot decide, ``_ranked``): the
    vacancy's skills, the ranking (selection and score in one statement, see
    ``placements.match_sql``), and for the top rows only their people and their skill rows.
    ``job_seekers`` is the queryset the listed people are read from: by default with
    their education and region, whose names the match page shows; a caller that shows
    fewer columns reads only those (``only()``).
    """
    if not vacancy.is_matchable:
        # Submitted (awaiting the office), rejected or closed: no one is matched to it.
        return []
    today = today or timezone.localdate()
    config = _config()
    needs = VacancyNeeds.of(vacancy)
    if not needs.required and not needs.preferred:
        return []
    weights = _applicable_weights(vacancy, needs)
    limit = max(1, min(limit, config["MAX_RESULTS"]))

    people = eligible_for(vacancy, user=user, today=today)
    if people.query.is_empty():
        return []
    top = _ranked(vacancy, needs, weights, people, limit, today)
    if job_seekers is None:
        job_seekers = JobSeeker.objects.select_related("education", "region")
    return _explain(vacancy, needs, weights, top, job_seekers)


def _ranked(vacancy, needs, weights, people, limit, today, *, pooled=None) -> list[tuple]:
    """The best ``limit`` rows ``(id, required, preferred, occupation, distance, recency)``.

    First within the pool (the people holding one of the vacancy's skills trained or
    certified, ``match_sql.pool_bound``): when its ``limit``-th score is above the best
    anyone outside could reach, that is the exact answer without grouping the holders who
    only declared a skill; otherwise (a small pool, a close call) every holder is ranked.
    ``pooled`` forces one way (True: the pool's answer, False: every holder), for tests
    and the benchmark.
    """
    config = _config()
    people_sql, people_params = (
        people.order_by().values("id", "occupation_id", "region_id").query.sql_with_params()
    )
    required, preferred = sorted(needs.required), sorted(needs.preferred)
    recent_full, recent_half = config["RECENT_TRAINING_DAYS"]
    dates = [
        connection.ops.adapt_datefield_value(today - datetime.timedelta(days=days))
        for days in (recent_full, recent_half)
    ]
    shape = {
        "n_required": len(required),
        "n_preferred": len(preferred),
        "weights": weights,
        "credit": config["SOURCE_CREDIT"],
        "distance": config["DISTANCE_CREDIT"],
    }
    bound = match_sql.pool_bound(
        weights=weights, credit=config["SOURCE_CREDIT"], distance=config["DISTANCE_CREDIT"]
    )
    with (
        planner_settings(config.get("WORK_MEM_MB", 64), parallel=False),
        connection.cursor() as cursor,
    ):
        for pool in (True, False) if pooled is None else (pooled,):
            head, tail = match_sql.candidate_sql(**shape, pooled=pool)
            params = [
                *match_sql.candidate_params_head(required, preferred, vacancy, dates, pooled=pool),
                *people_params,
                limit,
            ]
            cursor.execute(head + people_sql + tail, params)
            top = cursor.fetchall()
            if (
                not pool
                or pooled
                or (len(top) == limit and _raw_score(top[-1], needs, weights) > bound + 1e-6)
            ):
                return top
    return top


def _raw_score(row, needs: VacancyNeeds, weights) -> float:
    """The unrounded 0-100 score of a ranked row."""
    _id, required, preferred, occupation, distance, recency = row
    raw = {
        "required_skills": required / (len(needs.required) or 1),
        "preferred_skills": preferred / (len(needs.preferred) or 1),
        "occupation": occupation,
        "education": 1.0,
        "distance": distance,
        "training_recency": recency,
    }
    total = sum(weights.values())
    return sum(100 * weight / total * raw[name] for name, weight in weights.items())


def _explain(vacancy, needs: VacancyNeeds, weights, top, job_seekers: QuerySet) -> list[Match]:
    """Matches for the ranked rows: two queries for all of them, none per candidate."""
    if not top:
        return []
    ids = [row[0] for row in top]
    people = job_seekers.in_bulk(ids)
    held: dict[int, list[SkillHeld]] = {pk: [] for pk in ids}
    for job_seeker_id, code, source in (
        JobSeekerSkill.objects.filter(
            job_seeker_id__in=ids, skill_id__in=needs.required | needs.preferred
        )
        .order_by("skill_id")
        .values_list("job_seeker_id", "skill_id", "source")
    ):
        held[job_seeker_id].append(SkillHeld(code, needs.names[code], SOURCE_KEYS[source]))
    matches = []
    for job_seeker_id, required, preferred, occupation, distance, recency in top:
        raw = {
            "required_skills": required / (len(needs.required) or 1),
            "preferred_skills": preferred / (len(needs.preferred) or 1),
            "occupation": occupation,
            "education": 1.0,
            "distance": distance,
            "training_recency": recency,
        }
        score, factors = _score(raw, weights)
        have = {skill.code for skill in held[job_seeker_id]}
        matches.append(
            Match(
                job_seeker=people[job_seeker_id],
                score=score,
                factors=factors,
                matching_skills=held[job_seeker_id],
                missing_skills=[
                    {"code": code, "name": needs.names[code]}
                    for code in sorted(needs.required - have)
                ],
                vacancy=vacancy,
            )
        )
    return matches


def _score(raw: dict[str, float], weights: dict[str, float]) -> tuple[int, dict[str, float]]:
    """The 0-100 score and each factor's points (which add up to it)."""
    total = sum(weights.values())
    points = {name: 100 * weight / total * raw[name] for name, weight in weights.items()}
    return round(sum(points.values())), {name: round(p, 1) for name, p in points.items()}


def vacancies_for(
    job_seeker: JobSeeker, *, limit: int = 50, today: datetime.date | None = None
) -> list[Match]:
    """The open vacancies that fit ``job_seeker``, best first, explained the same way.

    Every open vacancy sharing a skill with the person is scored from one grouped row
    (its skill counts and the person's credit for them, computed in the database); only
    the best ``limit`` are then loaded and explained. Four queries whatever the limit.
    """
    today = today or timezone.localdate()
    held = {
        code: (source, acquired_on)
        for code, source, acquired_on in job_seeker.skill_rows.values_list(
            "skill_id", "source", "acquired_on"
        )
    }
    if not held:
        return []
    rows = _vacancy_rows(job_seeker, held, _open_vacancies_for(job_seeker, today), today)
    ranked = _best_vacancy_rows(job_seeker, rows, max(1, limit))
    if not ranked:
        return []
    chosen = (
        Vacancy.objects.filter(pk__in=[pk for _, _, pk in ranked])
        .select_related("company", "occupation", "region", "education_min")
        .prefetch_related(
            Prefetch("skill_rows", queryset=VacancySkill.objects.select_related("skill"))
        )
        .in_bulk()
    )
    return [
        _match_pair(job_seeker, held, chosen[pk], list(chosen[pk].skill_rows.all()), today)
        for _, _, pk in ranked
    ]


def _open_vacancies_for(job_seeker: JobSeeker, today: datetime.date):
    """The open vacancies ``job_seeker`` may be matched to: not yet referred to them,
    asking no more education than they have, open to their sex and age, apprenticeships
    only from the minimum age."""
    vacancies = (
        Vacancy.objects.matchable()
        .filter(closes_on__gte=today, opens_on__lte=today)
        .exclude(Exists(Referral.objects.filter(vacancy=OuterRef("pk"), job_seeker=job_seeker)))
    )
    if job_seeker.education_id:
        level = EducationLevel.objects.filter(pk=job_seeker.education_id).values("level")
        vacancies = vacancies.filter(
            Q(education_min__isnull=True) | Q(education_min__level__lte=Subquery(level))
        )
    age = job_seeker.age_on(today)
    vacancies = vacancies.filter(
        Q(sex=Vacancy.Sex.ANY) | Q(sex=job_seeker.sex),
        Q(age_min__isnull=True) | Q(age_min__lte=age),
        Q(age_max__isnull=True) | Q(age_max__gte=age),
    )
    if age < settings.VOKASI["APPRENTICESHIP_MIN_AGE"]:
        vacancies = vacancies.exclude(kind=Vacancy.Kind.APPRENTICESHIP)
    return vacancies


def _vacancy_rows(job_seeker: JobSeeker, held: dict, vacancies, today: datetime.date) -> list:
    """One grouped row per vacancy of ``vacancies`` sharing a skill with the person, scored
    in the database, best first (the score last)."""
    open_sql, open_params = (
        vacancies.order_by()
        .values("id", "occupation_id", "region_id", "closes_on")
        .query.sql_with_params()
    )
    recency = {
        code: _recency(acquired_on, today)
        for code, (source, acquired_on) in held.items()
        if source >= Source.TRAINED
    }
    recency = {code: points for code, points in recency.items() if points}
    codes = sorted(held)
    config = _config()
    head, tail = match_sql.vacancy_sql(
        n_held=len(codes),
        n_recent=len(recency),
        weights=config["WEIGHTS"],
        credit=config["SOURCE_CREDIT"],
        distance=config["DISTANCE_CREDIT"],
    )
    occupation = job_seeker.occupation_id or ""
    params = [
        occupation,
        occupation[:1],
        job_seeker.region_id,
        job_seeker.region_id[:5],
        *(value for code in codes for value in (code, int(held[code][0]))),
        *(value for code in sorted(recency) for value in (code, recency[code])),
        *open_params,
        *codes,
    ]
    with (
        planner_settings(config.get("WORK_MEM_MB", 64), parallel=False),
        connection.cursor() as cursor,
    ):
        cursor.execute(head + open_sql + tail, params)
        return cursor.fetchall()


def _best_vacancy_rows(job_seeker: JobSeeker, rows: list, limit: int) -> list:
    """The best ``limit`` rows scored in Python, as (score, closes_on, pk), best first."""
    # Rows come best first by the database's score; any row more than a point below the
    # limit-th cannot round into the best ``limit``, so only the leading rows are scored.
    leading = [
        row[:-1] for i, row in enumerate(rows) if i < limit or row[-1] >= rows[limit - 1][-1] - 1
    ]
    return sorted(
        (_score_vacancy_row(job_seeker, row) for row in leading),
        key=lambda scored: (-scored[0], _as_date(scored[1]), scored[2]),
    )[:limit]


def _recency(acquired_on: datetime.date | None, today: datetime.date) -> int:
    """2 within the first recency window, 1 within the second, else 0."""
    full, half = _config()["RECENT_TRAINING_DAYS"]
    if acquired_on is None:
        return 0
    if acquired_on >= today - datetime.timedelta(days=full):
        return 2
    if acquired_on >= today - datetime.timedelta(days=half):
        return 1
    return 0


def _as_date(value) -> datetime.date:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _score_vacancy_row(job_seeker: JobSeeker, row) -> tuple[int, datetime.date, int]:
    """The score of one grouped vacancy row (``match_sql.vacancy_sql``), exactly as
    ``_match_pair`` would compute it."""
    (pk, occupation_id, region_id, closes_on, n_req, n_pref, *held, recency) = row
    config = _config()
    credit = config["SOURCE_CREDIT"]
    by_source = (credit["certified"], credit["trained"], credit["declared"])
    required = sum(count * points for count, points in zip(held[:3], by_source, strict=True))
    preferred = sum(count * points for count, points in zip(held[3:], by_source, strict=True))
    weights = dict(config["WEIGHTS"])
    if not n_req:
        weights.pop("required_skills")
    if not n_pref:
        weights.pop("preferred_skills")
    raw = {
        "required_skills": required / (n_req or 1),
        "preferred_skills": preferred / (n_pref or 1),
        "occupation": _occupation_fit(job_seeker.occupation_id, occupation_id),
        "education": 1.0,
        "distance": _nearness(job_seeker.region_id, region_id),
        "training_recency": match_sql.RECENCY_POINTS[recency or 0],
    }
    score, _ = _score(raw, weights)
    return score, closes_on, pk


def _occupation_fit(held: str | None, sought: str) -> float:
    held = held or ""
    if held == sought:
        return 1.0
    if held[:1] and held[:1] == sought[:1]:
        return 0.5
    return 0.0


def _nearness(lives: str, works: str) -> float:
    distance = _config()["DISTANCE_CREDIT"]
    if lives == works:
        return distance["same_kecamatan"]
    if lives[:5] == works[:5]:
        return distance["same_city"]
    return distance["elsewhere"]


def explain_pair(
    job_seeker: JobSeeker, vacancy: Vacancy, today: datetime.date | None = None
) -> Match:
    """How well one person fits one vacancy (for a referral's recorded score)."""
    held = {
        code: (source, acquired_on)
        for code, source, acquired_on in job_seeker.skill_rows.values_list(
            "skill_id", "source", "acquired_on"
        )
    }
    rows = list(vacancy.skill_rows.select_related("skill"))
    return _match_pair(job_seeker, held, vacancy, rows, today or timezone.localdate())


def _match_pair(job_seeker, held, vacancy, rows, today) -> Match:
    """The same factors as the database computes in ``candidates_for``, for one pair."""
    credit = _config()["SOURCE_CREDIT"]
    needs = VacancyNeeds(
        required=frozenset(r.skill_id for r in rows if r.required),
        preferred=frozenset(r.skill_id for r in rows if not r.required),
    )
    names = {r.skill_id: r.skill.name for r in rows}

    def credit_for(codes):
        return sum(credit[SOURCE_KEYS[held[c][0]]] for c in codes if c in held)

    trained_on = [
        held[c][1]
        for c in needs.required | needs.preferred
        if c in held and held[c][0] >= Source.TRAINED and held[c][1]
    ]
    last = max(trained_on, default=None)
    raw = {
        "required_skills": credit_for(needs.required) / (len(needs.required) or 1),
        "preferred_skills": credit_for(needs.preferred) / (len(needs.preferred) or 1),
        "occupation": _occupation_fit(job_seeker.occupation_id, vacancy.occupation_id),
        "education": 1.0,
        "distance": _nearness(job_seeker.region_id, vacancy.region_id),
        "training_recency": match_sql.RECENCY_POINTS[_recency(last, today)],
    }
    score, factors = _score(raw, _applicable_weights(vacancy, needs))
    return Match(
        job_seeker=job_seeker,
        score=score,
        factors=factors,
        matching_skills=[
            SkillHeld(c, names[c], SOURCE_KEYS[held[c][0]])
            for c in sorted(needs.required | needs.preferred)
            if c in held
        ],
        missing_skills=[
            {"code": c, "name": names[c]} for c in sorted(needs.required - held.keys())
        ],
        vacancy=vacancy,
    )


__all__ = [
    "Match",
    "available_job_seekers",
    "candidates_for",
    "eligible_for",
    "explain_pair",
    "vacancies_for",
]
