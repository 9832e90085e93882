"""Training reads several places need: lists, a cohort's roster, outcomes and history.

Who may join a cohort and how well they fit is in ``trainees.selectors.candidates``;
the registries the upper apps contribute to (``started_work_since``,
``started_work_between``, ``occupations_asking_for``) stay here, in one place.

Visibility always starts from ``Model.objects.visible_to(user)``.
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass

from django.db.models import (
    Count,
    Prefetch,
    Q,
    QuerySet,
)

from trainees.models import (
    Cohort,
    CompetencyAssessment,
    Enrollment,
    FundingLine,
    Programme,
    TrainingResultChange,
)
from trainees.services.training import PLACE_HOLDING
from vokasi.contributions import Registry
from vokasi.models import User


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
        .prefetch_related(
            Prefetch(
                "funding_lines",
                queryset=FundingLine.objects.order_by("pk"),
                to_attr="prefetched_funding",
            )
        )
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


#: Contributions of the apps that record jobs (placements): ``provider(day) -> Q`` on
#: Enrollment, true when the trainee started work on or after ``day``.
started_work_since: Registry = Registry("started work since")
#: ``provider(first_day, last_day) -> Q`` on Enrollment, true when the trainee started
#: work between the two days, both included (placements).
started_work_between: Registry = Registry("started work between")
#: ``provider(skill_codes) -> KBJI codes`` of the occupations whose vacancies ask for
#: those skills (placements).
occupations_asking_for: Registry = Registry("occupations asking for skills")


def _pct(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def cohort_outcomes(cohort: Cohort) -> CohortOutcomes:
    """Completion, certification and placement of a cohort so far, in two queries."""
    status = Enrollment.Status
    counted = {
        "enrolled": Count("pk", filter=Q(status__in=PLACE_HOLDING)),
        "withdrawn": Count("pk", filter=Q(status=status.WITHDRAWN)),
        "completed": Count("pk", filter=Q(status=status.COMPLETED)),
        "failed": Count("pk", filter=Q(status=status.FAILED)),
        "dropped": Count("pk", filter=Q(status=status.DROPPED)),
    }
    # Placed: started a job (placements app, through ``started_work_since``) on or after
    # the cohort's start.
    started = [provider(cohort.start_date) for provider in started_work_since]
    if started:
        counted["placed"] = Count(
            "job_seeker",
            filter=Q(status__in=PLACE_HOLDING) & functools.reduce(operator.or_, started),
            distinct=True,
        )
    counts = {"placed": 0, **cohort.enrollments.aggregate(**counted)}
    assessments = CompetencyAssessment.objects.filter(
        enrollment__cohort=cohort, reported_in__isnull=False
    ).aggregate(
        assessed=Count("pk"),
        competent=Count("pk", filter=Q(result=CompetencyAssessment.Result.COMPETENT)),
        retest=Count("pk", filter=Q(needs_retest=True)),
    )
    return CohortOutcomes(**counts, **assessments)


def started_work_in(enrollments: QuerySet[Enrollment], first_day, last_day) -> set[int]:
    """The ids of ``enrollments`` whose trainee started work between the two days (both
    included), as the apps that record jobs tell (``started_work_between``)."""
    started = [provider(first_day, last_day) for provider in started_work_between]
    if not started:
        return set()
    return set(
        enrollments.filter(functools.reduce(operator.or_, started))
        .order_by()
        .values_list("pk", flat=True)
    )


def result_history(cohort: Cohort, limit: int = 200) -> QuerySet[TrainingResultChange]:
    return (
        TrainingResultChange.objects.filter(enrollment__cohort=cohort)
        .select_related("enrollment__job_seeker", "changed_by", "upload")
        .order_by("-changed_at", "-pk")[:limit]
    )
