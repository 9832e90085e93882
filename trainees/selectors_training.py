"""Training reads several places need: lists, a cohort's roster and outcomes, candidates.

Visibility always starts from ``Model.objects.visible_to(user)``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from trainees.models import (
    Cohort,
    CompetencyAssessment,
    Enrollment,
    JobSeeker,
    JobSeekerSkill,
    Programme,
    TrainingResultChange,
)
from trainees.services.training import BUSY, PLACE_HOLDING
from vokasi.models import Role, User


def programme_list(user: User) -> QuerySet[Programme]:
    return (
        Programme.objects.visible_to(user)
        .select_related("provider", "vocation", "education_min")
        .annotate(cohort_count=Count("cohorts", distinct=True))
        .order_by("provider__name", "name", "pk")
    )


def cohort_list(user: User) -> QuerySet[Cohort]:
    return (
        Cohort.objects.visible_to(user)
        .select_related("programme__provider", "programme__vocation")
        .annotate(enrolled=Count("enrollments", filter=Q(enrollments__status__in=PLACE_HOLDING)))
        .order_by("-start_date", "name", "pk")
    )


def cohort_roster(cohort: Cohort) -> QuerySet[Enrollment]:
    """The cohort's trainees with their result and reported assessment, in name order."""
    return (
        cohort.enrollments.select_related(
            "job_seeker__education", "job_seeker__region", "result__assessment"
        )
        .order_by("job_seeker__name", "pk")
        .all()
    )


@dataclass(frozen=True)
class CohortOutcomes:
    enrolled: int
    withdrawn: int
    completed: int
    failed: int
    dropped: int
    assessed: int
    competent: int
    retest: int
    placed: int

    @property
    def finished(self) -> int:
        return self.completed + self.failed + self.dropped

    @property
    def completion_pct(self) -> int | None:
        """Completed among those who finished (completed, failed or dropped out)."""
        return _pct(self.completed, self.finished)

    @property
    def certification_pct(self) -> int | None:
        """Kompeten among those assessed."""
        return _pct(self.competent, self.assessed)

    @property
    def placement_pct(self) -> int | None:
        """Placed among those who completed."""
        return _pct(self.placed, self.completed)


def _pct(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def cohort_outcomes(cohort: Cohort) -> CohortOutcomes:
    """Completion, certification and placement of a cohort so far, in two queries."""
    status = Enrollment.Status
    # Placed: started a job (placements app) on or after the cohort's start. The lookup
    # goes through the ORM relation, so trainees does not import placements.
    counts = cohort.enrollments.aggregate(
        enrolled=Count("pk", filter=Q(status__in=PLACE_HOLDING)),
        withdrawn=Count("pk", filter=Q(status=status.WITHDRAWN)),
        completed=Count("pk", filter=Q(status=status.COMPLETED)),
        failed=Count("pk", filter=Q(status=status.FAILED)),
        dropped=Count("pk", filter=Q(status=status.DROPPED)),
        placed=Count(
            "job_seeker",
            filter=Q(
                status__in=PLACE_HOLDING,
                job_seeker__placements__start_date__gte=cohort.start_date,
            ),
            distinct=True,
        ),
    )
    assessments = CompetencyAssessment.objects.filter(
        enrollment__cohort=cohort, reported_in__isnull=False
    ).aggregate(
        assessed=Count("pk"),
        competent=Count("pk", filter=Q(result=CompetencyAssessment.Result.COMPETENT)),
        retest=Count("pk", filter=Q(needs_retest=True)),
    )
    return CohortOutcomes(**counts, **assessments)


def result_history(cohort: Cohort, limit: int = 200) -> QuerySet[TrainingResultChange]:
    return (
        TrainingResultChange.objects.filter(enrollment__cohort=cohort)
        .select_related("enrollment__job_seeker", "changed_by", "upload")
        .order_by("-changed_at", "-pk")[:limit]
    )


# ------------------------------------------------------------------------- candidates


def enrollable_job_seekers(user: User) -> QuerySet[JobSeeker]:
    """Whom this user may put into a cohort.

    Officers choose among their own office's active registrations. A provider recruits
    from every labour office's active registrations (that is what registration is for),
    but sees them only through the candidate list's few fields until they enroll.
    """
    active = JobSeeker.objects.filter(status=JobSeeker.Status.ACTIVE)
    role = Role.ADMIN if user.is_superuser else user.role
    if role == Role.OFFICER:
        return JobSeeker.objects.visible_to(user).filter(status=JobSeeker.Status.ACTIVE)
    if role in (Role.TRAINER, Role.ADMIN):
        return active
    return JobSeeker.objects.none()


def _birth_bounds(start: datetime.date, age_min: int | None, age_max: int | None):
    """Birth dates that make someone aged within [age_min, age_max] on ``start``."""
    latest = earliest = None
    if age_min is not None:
        latest = _years_before(start, age_min)  # born on or before this date
    if age_max is not None:
        earliest = _years_before(start, age_max + 1) + datetime.timedelta(days=1)
    return earliest, latest


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


#: Points of each fit factor (sum 100); the candidate list shows them per person.
FIT_POINTS = {"not_trained": 40, "kecamatan": 30, "education": 20, "age": 10}


def cohort_candidates(cohort: Cohort, user: User) -> QuerySet[JobSeeker]:
    """Eligible job seekers for a cohort, best fit first, each scored and explained.

    Hard requirements (active, education, age at the start, not already in this or an
    overlapping cohort) filter; fit factors score: not yet trained in this vocation,
    living in the provider's kecamatan (or at least its city), education close to the
    requirement rather than far above it, and age well inside the limits.
    """
    programme = cohort.programme
    people = enrollable_job_seekers(user).select_related("education", "region")
    if programme.education_min_id:
        people = people.filter(education__level__gte=programme.education_min.level)
    earliest, latest = _birth_bounds(cohort.start_date, programme.age_min, programme.age_max)
    if earliest:
        people = people.filter(birth_date__gte=earliest)
    if latest:
        people = people.filter(birth_date__lte=latest)
    in_this = Enrollment.objects.filter(cohort=cohort, job_seeker=OuterRef("pk")).exclude(
        status=Enrollment.Status.WITHDRAWN
    )
    overlapping = Enrollment.objects.filter(
        job_seeker=OuterRef("pk"),
        status__in=BUSY,
        cohort__start_date__lte=cohort.end_date,
        cohort__end_date__gte=cohort.start_date,
    )
    trained_enrollment = Enrollment.objects.filter(
        job_seeker=OuterRef("pk"),
        status=Enrollment.Status.COMPLETED,
        cohort__programme__vocation_id=programme.vocation_id,
    )
    trained_skill = JobSeekerSkill.objects.filter(
        job_seeker=OuterRef("pk"),
        skill__vocation_id=programme.vocation_id,
        source__gte=JobSeekerSkill.Source.TRAINED,
    )
    provider_region = cohort.programme.provider.region_id
    min_level = programme.education_min.level if programme.education_min_id else None
    if min_level is None:
        education_fit = Value(FIT_POINTS["education"])
    else:
        education_fit = Case(
            When(education__level__lte=min_level + 1, then=Value(FIT_POINTS["education"])),
            When(education__level__lte=min_level + 3, then=Value(FIT_POINTS["education"] // 2)),
            default=Value(0),
            output_field=IntegerField(),
        )
    if earliest and latest:
        # Well inside the age band: not within a year of either limit.
        age_fit = Case(
            When(
                birth_date__gt=earliest + datetime.timedelta(days=365),
                birth_date__lt=latest - datetime.timedelta(days=365),
                then=Value(FIT_POINTS["age"]),
            ),
            default=Value(FIT_POINTS["age"] // 2),
            output_field=IntegerField(),
        )
    else:
        age_fit = Value(FIT_POINTS["age"])
    return (
        people.exclude(Exists(in_this))
        .exclude(Exists(overlapping))
        .annotate(
            trained_in_vocation=Exists(trained_enrollment) | Exists(trained_skill),
        )
        .annotate(
            fit_not_trained=Case(
                When(trained_in_vocation=True, then=Value(0)),
                default=Value(FIT_POINTS["not_trained"]),
                output_field=IntegerField(),
            ),
            fit_kecamatan=Case(
                When(region_id=provider_region, then=Value(FIT_POINTS["kecamatan"])),
                When(
                    region__code__startswith=provider_region[:5],
                    then=Value(FIT_POINTS["kecamatan"] // 2),
                ),
                default=Value(0),
                output_field=IntegerField(),
            ),
            fit_education=education_fit,
            fit_age=age_fit,
        )
        .annotate(fit=_sum("fit_not_trained", "fit_kecamatan", "fit_education", "fit_age"))
        .order_by("-fit", "registered_on", "pk")
    )


def _sum(*names: str):
    total = F(names[0])
    for name in names[1:]:
        total = total + F(name)
    return total
