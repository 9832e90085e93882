"""Explainable candidate matching between vacancies and job seekers.

Selection and scoring happen in one grouped query over the skill table (indexed by
skill, source, job seeker), so only the best candidates ever reach Python; there the
top rows get their explanation (matching and missing skills).

Hard requirements — a candidate who fails one is not listed: an active registration
(which also excludes placed, expired and removed people), not in training in a running
cohort, education at least the vacancy's minimum, for apprenticeships at least the
minimum apprentice age, not already referred to this vacancy, and holding at least one
of the vacancy's skills.

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
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    Case,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.models import Referral, Vacancy, VacancySkill
from trainees.models import Cohort, Enrollment, JobSeeker, JobSeekerSkill
from vokasi.models import Skill

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

    @classmethod
    def of(cls, vacancy: Vacancy) -> VacancyNeeds:
        rows = VacancySkill.objects.filter(vacancy=vacancy).values_list("skill_id", "required")
        return cls(
            required=frozenset(code for code, required in rows if required),
            preferred=frozenset(code for code, required in rows if not required),
        )


def _applicable_weights(vacancy: Vacancy, needs: VacancyNeeds) -> dict[str, float]:
    weights = dict(_config()["WEIGHTS"])
    if not needs.required:
        weights.pop("required_skills")
    if not needs.preferred:
        weights.pop("preferred_skills")
    return weights


def available_job_seekers(today: datetime.date | None = None) -> QuerySet:
    """Job seekers who can take a job now: active and not in a running cohort."""
    today = today or timezone.localdate()
    in_training = Enrollment.objects.filter(
        job_seeker=OuterRef("pk"),
        status=Enrollment.Status.ENROLLED,
        cohort__status=Cohort.Status.RUNNING,
    )
    return JobSeeker.objects.active().exclude(Exists(in_training))


def candidates_for(
    vacancy: Vacancy,
    *,
    user=None,
    limit: int = 50,
    today: datetime.date | None = None,
) -> list[Match]:
    """The best candidates for ``vacancy`` among the job seekers ``user`` may see."""
    today = today or timezone.localdate()
    config = _config()
    needs = VacancyNeeds.of(vacancy)
    codes = needs.required | needs.preferred
    if not codes:
        return []
    weights = _applicable_weights(vacancy, needs)
    limit = max(1, min(limit, config["MAX_RESULTS"]))

    people = available_job_seekers(today)
    if user is not None:
        people = people.filter(pk__in=JobSeeker.objects.visible_to(user).values("pk"))
    if vacancy.education_min_id:
        people = people.filter(education__level__gte=vacancy.education_min.level)
    if vacancy.kind == Vacancy.Kind.APPRENTICESHIP:
        youngest = _years_before(today, settings.VOKASI["APPRENTICESHIP_MIN_AGE"])
        people = people.filter(birth_date__lte=youngest)
    people = people.exclude(
        Exists(Referral.objects.filter(vacancy=vacancy, job_seeker=OuterRef("pk")))
    )

    credit = config["SOURCE_CREDIT"]
    source_credit = Case(
        When(source=Source.CERTIFIED, then=Value(credit["certified"])),
        When(source=Source.TRAINED, then=Value(credit["trained"])),
        default=Value(credit["declared"]),
        output_field=FloatField(),
    )
    recent_full, recent_half = config["RECENT_TRAINING_DAYS"]
    distance = config["DISTANCE_CREDIT"]
    rows = (
        JobSeekerSkill.objects.filter(skill_id__in=codes, job_seeker__in=people)
        .values("job_seeker_id")
        .annotate(
            required=_credit_sum(needs.required, source_credit),
            preferred=_credit_sum(needs.preferred, source_credit),
            last_trained=Max(Case(When(source__gte=Source.TRAINED, then=F("acquired_on")))),
        )
        .annotate(
            occupation=Case(
                When(job_seeker__occupation_id=vacancy.occupation_id, then=Value(1.0)),
                When(
                    job_seeker__occupation__code__startswith=vacancy.occupation_id[:1],
                    then=Value(0.5),
                ),
                default=Value(0.0),
                output_field=FloatField(),
            ),
            distance=Case(
                When(
                    job_seeker__region_id=vacancy.region_id, then=Value(distance["same_kecamatan"])
                ),
                When(
                    job_seeker__region__code__startswith=vacancy.region_id[:5],
                    then=Value(distance["same_city"]),
                ),
                default=Value(distance["elsewhere"]),
                output_field=FloatField(),
            ),
            recency=Case(
                When(
                    last_trained__gte=today - datetime.timedelta(days=recent_full),
                    then=Value(1.0),
                ),
                When(
                    last_trained__gte=today - datetime.timedelta(days=recent_half),
                    then=Value(0.5),
                ),
                default=Value(0.0),
                output_field=FloatField(),
            ),
        )
    )
    total = sum(weights.values())
    score_terms = []
    factor_fields = {
        "required_skills": ExpressionWrapper(
            F("required") / Value(float(len(needs.required) or 1)), output_field=FloatField()
        ),
        "preferred_skills": ExpressionWrapper(
            F("preferred") / Value(float(len(needs.preferred) or 1)), output_field=FloatField()
        ),
        "occupation": F("occupation"),
        "education": Value(1.0),
        "distance": F("distance"),
        "training_recency": F("recency"),
    }
    for name, weight in weights.items():
        score_terms.append(factor_fields[name] * Value(weight / total))
    score = score_terms[0]
    for term in score_terms[1:]:
        score = score + term
    top = list(
        rows.annotate(score=ExpressionWrapper(score, output_field=FloatField()))
        .order_by("-score", "job_seeker_id")[:limit]
        .values_list("job_seeker_id", "required", "preferred", "occupation", "distance", "recency")
    )
    return _explain(vacancy, needs, weights, top)


def _credit_sum(codes: frozenset[str], source_credit):
    """The summed credit of the held skills among ``codes`` (0 when there are none: an
    empty IN list would leave PostgreSQL a SUM(NULL) of unknown type)."""
    if not codes:
        return Value(0.0, output_field=FloatField())
    return Coalesce(
        Sum(Case(When(skill_id__in=codes, then=source_credit), output_field=FloatField())),
        Value(0.0),
        output_field=FloatField(),
    )


def _explain(vacancy, needs: VacancyNeeds, weights, top) -> list[Match]:
    if not top:
        return []
    ids = [row[0] for row in top]
    people = JobSeeker.objects.select_related("education", "region").in_bulk(ids)
    held: dict[int, list[SkillHeld]] = {pk: [] for pk in ids}
    codes = needs.required | needs.preferred
    for job_seeker_id, code, name, source in (
        JobSeekerSkill.objects.filter(job_seeker_id__in=ids, skill_id__in=codes)
        .order_by("skill_id")
        .values_list("job_seeker_id", "skill_id", "skill__name", "source")
    ):
        held[job_seeker_id].append(SkillHeld(code, name, SOURCE_KEYS[source]))
    names = dict(Skill.objects.filter(code__in=codes).values_list("code", "name"))
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
                    {"code": code, "name": names.get(code, code)}
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
    """The open vacancies that fit ``job_seeker``, best first, explained the same way."""
    today = today or timezone.localdate()
    held = {
        code: (source, acquired_on)
        for code, source, acquired_on in job_seeker.skill_rows.values_list(
            "skill_id", "source", "acquired_on"
        )
    }
    if not held:
        return []
    vacancies = (
        Vacancy.objects.filter(
            status=Vacancy.Status.OPEN,
            closes_on__gte=today,
            opens_on__lte=today,
            skill_rows__skill_id__in=held,
        )
        .filter(
            Q(education_min__isnull=True) | Q(education_min__level__lte=job_seeker.education.level)
        )
        .exclude(referrals__job_seeker=job_seeker)
        .distinct()
        .select_related("company", "occupation", "region", "education_min")
        .prefetch_related("skill_rows__skill")
    )
    if job_seeker.age_on(today) < settings.VOKASI["APPRENTICESHIP_MIN_AGE"]:
        vacancies = vacancies.exclude(kind=Vacancy.Kind.APPRENTICESHIP)
    matches = [
        _match_pair(job_seeker, held, vacancy, list(vacancy.skill_rows.all()), today)
        for vacancy in vacancies[:2000]
    ]
    matches.sort(key=lambda m: (-m.score, m.vacancy.closes_on, m.vacancy.pk))
    return matches[:limit]


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
    config = _config()
    credit = config["SOURCE_CREDIT"]
    distance = config["DISTANCE_CREDIT"]
    recent_full, recent_half = config["RECENT_TRAINING_DAYS"]
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
    occupation = job_seeker.occupation_id or ""
    if occupation == vacancy.occupation_id:
        occupation_fit = 1.0
    elif occupation[:1] and occupation[:1] == vacancy.occupation_id[:1]:
        occupation_fit = 0.5
    else:
        occupation_fit = 0.0
    if job_seeker.region_id == vacancy.region_id:
        nearness = distance["same_kecamatan"]
    elif job_seeker.region_id[:5] == vacancy.region_id[:5]:
        nearness = distance["same_city"]
    else:
        nearness = distance["elsewhere"]
    if last is not None and last >= today - datetime.timedelta(days=recent_full):
        recency = 1.0
    elif last is not None and last >= today - datetime.timedelta(days=recent_half):
        recency = 0.5
    else:
        recency = 0.0
    raw = {
        "required_skills": credit_for(needs.required) / (len(needs.required) or 1),
        "preferred_skills": credit_for(needs.preferred) / (len(needs.preferred) or 1),
        "occupation": occupation_fit,
        "education": 1.0,
        "distance": nearness,
        "training_recency": recency,
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


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


__all__ = [
    "Match",
    "available_job_seekers",
    "candidates_for",
    "explain_pair",
    "vacancies_for",
]
