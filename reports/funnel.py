"""The pipeline funnel: how far the people registered in a period got, and how fast.

Definitions (written on the page too):
- the people are those whose registration began in the period (``registered_on`` in
  [from, to]), narrowed by the filters: office, kecamatan, sex, and for programme and
  vocation, people enrolled in such a programme;
- a person reached a stage when its first date exists **by the period's last day** (so a
  period that has ended keeps its numbers): enrolled (an enrollment, unless withdrawn by
  then or withdrawn with no date), completed (an enrollment completed; the date is the
  cohort's end), certified (a Kompeten assessment), referred (a referral), apprenticed (an
  apprenticeship approved and started), placed (a placement's start, whatever brought it:
  a referral, an apprenticeship turned hire or work found by the person), retained (a
  follow-up at least ``VOKASI["OUTCOME_RETENTION_DAYS"]`` days (180) after the start of a
  placement finding them still employed: the outcomes report's setting and meaning),
  self-employed (the first tracer status *self-employed*, by the day it was checked: the
  branch of graduates who started their own business instead of taking a job);
- days: the median number of days from registration to first reaching the stage, over
  the people who reached it.
Counted in one query with a subquery per stage; only one narrow row per person (ids and
dates) reaches pandas.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd
from django.db.models import (
    DateField,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from placements.models import Apprenticeship, FollowUp, Placement, Referral
from reports.db import report_query
from reports.outcomes import horizons
from trainees.models import CompetencyAssessment, Enrollment, GraduateStatus

STAGES = [
    ("registered", _("registered")),
    ("enrolled", _("enrolled in training")),
    ("completed", _("completed training")),
    ("certified", _("certified competent")),
    ("referred", _("referred to a vacancy")),
    ("apprenticed", _("apprenticed")),
    ("placed", _("placed in work")),
    ("retained", _("still employed after about 6 months")),
    ("self_employed", _("self-employed (tracer study)")),
]


@dataclass(frozen=True)
class Filters:
    date_from: datetime.date
    date_to: datetime.date
    office_id: int | None = None
    region_id: str | None = None
    sex: str | None = None
    programme_id: int | None = None
    vocation_id: str | None = None


@dataclass
class Stage:
    key: str
    label: str
    people: int
    share: float | None  # of those registered
    median_days: float | None


def _first(queryset: QuerySet, field: str):
    """The earliest ``field`` of the person's rows in ``queryset``, as a subquery."""
    return Subquery(
        queryset.filter(job_seeker=OuterRef("pk"))
        .order_by()
        .values("job_seeker")
        .annotate(first=Min(field))
        .values("first")[:1],
        output_field=DateField(),
    )


def people_in(people: QuerySet, filters: Filters) -> QuerySet:
    people = people.filter(registered_on__range=(filters.date_from, filters.date_to))
    if filters.office_id:
        people = people.filter(office_id=filters.office_id)
    if filters.region_id:
        people = people.filter(region_id=filters.region_id)
    if filters.sex:
        people = people.filter(sex=filters.sex)
    if filters.programme_id:
        people = people.filter(
            Exists(
                Enrollment.objects.filter(
                    job_seeker=OuterRef("pk"), cohort__programme_id=filters.programme_id
                )
            )
        )
    if filters.vocation_id:
        people = people.filter(
            Exists(
                Enrollment.objects.filter(
                    job_seeker=OuterRef("pk"), cohort__programme__vocation_id=filters.vocation_id
                )
            )
        )
    return people


def retention_days() -> int:
    """The one retention setting: the outcomes' "retained at 6 months" means the same."""
    return horizons()[2]


def stage_dates(people: QuerySet, day: datetime.date | None = None) -> pd.DataFrame:
    """One row per person: registration date and the first date of each stage by ``day``."""
    day = day or datetime.date.max
    rows = people.annotate(**_training_firsts(day), **_work_firsts(day)).values_list(
        "pk",
        "registered_on",
        "enrolled",
        "completed",
        "certified",
        "referred",
        "apprenticed",
        "placed",
        "retained",
        "self_employed",
    )
    columns = ["id", "registered", *[key for key, _label in STAGES[1:]]]
    frame = pd.DataFrame.from_records(list(rows), columns=columns)
    return frame


def _first_through_enrollment(model, field: str, **conditions):
    """The earliest ``field`` of the person's ``model`` rows matching ``conditions``,
    reached through their enrollments, as a subquery."""
    return Subquery(
        model.objects.filter(enrollment__job_seeker=OuterRef("pk"), **conditions)
        .order_by()
        .values("enrollment__job_seeker")
        .annotate(first=Min(field))
        .values("first")[:1],
        output_field=DateField(),
    )


def _training_firsts(day: datetime.date) -> dict:
    """The first day by ``day`` each person was enrolled (not withdrawn by then),
    completed a cohort and was found competent."""
    enrolled = Enrollment.objects.filter(enrolled_on__lte=day).exclude(
        Q(withdrawn_on__lte=day) | Q(status=Enrollment.Status.WITHDRAWN, withdrawn_on__isnull=True)
    )
    return {
        "enrolled": _first(enrolled, "enrolled_on"),
        "completed": _first(
            Enrollment.objects.filter(
                status=Enrollment.Status.COMPLETED, cohort__end_date__lte=day
            ),
            "cohort__end_date",
        ),
        "certified": _first_through_enrollment(
            CompetencyAssessment,
            "assessed_on",
            result=CompetencyAssessment.Result.COMPETENT,
            assessed_on__lte=day,
        ),
    }


def _work_firsts(day: datetime.date) -> dict:
    """The first day by ``day`` each person was referred, started an apprenticeship, was
    placed and found self-employed; and whether a placement was retained by then."""
    retained = FollowUp.objects.filter(
        placement__job_seeker=OuterRef("pk"),
        employed=True,
        checked_on__lte=day,
        checked_on__gte=F("placement__start_date") + datetime.timedelta(days=retention_days()),
    )
    return {
        "referred": _first(
            Referral.objects.annotate(on=TruncDate("referred_at")).filter(on__lte=day), "on"
        ),
        "apprenticed": _first(
            Apprenticeship.objects.filter(approved_on__lte=day, start_date__lte=day),
            "start_date",
        ),
        "placed": _first(Placement.objects.filter(start_date__lte=day), "start_date"),
        "retained": Exists(retained),
        "self_employed": _first_through_enrollment(
            GraduateStatus,
            "checked_on",
            status=GraduateStatus.Status.SELF_EMPLOYED,
            checked_on__lte=day,
        ),
    }


@report_query
def funnel(people: QuerySet, filters: Filters) -> tuple[list[Stage], pd.DataFrame]:
    frame = stage_dates(people_in(people, filters), filters.date_to)
    registered = len(frame)
    stages = []
    for key, label in STAGES:
        if key == "registered":
            reached = frame
        elif key == "retained":
            reached = frame[frame["retained"].astype(bool)]
        else:
            reached = frame[frame[key].notna()]
        if key in ("registered", "retained") or reached.empty:
            median = None
        else:
            days = pd.to_datetime(reached[key]) - pd.to_datetime(reached["registered"])
            median = float(days.dt.days.median())
        stages.append(
            Stage(
                key=key,
                label=str(label),
                people=len(reached),
                share=(len(reached) / registered) if registered else None,
                median_days=median,
            )
        )
    return stages, frame


def people_at(frame: pd.DataFrame, stage: str) -> list[int]:
    """The ids of the people who reached ``stage`` (for the drill-down)."""
    if stage == "registered":
        return frame["id"].tolist()
    if stage == "retained":
        return frame.loc[frame["retained"].astype(bool), "id"].tolist()
    if stage in frame.columns:
        return frame.loc[frame[stage].notna(), "id"].tolist()
    return []


# The contract's stages (API v1.1), each the funnel stage it reads.
API_STAGES = [
    ("registered", "registered"),
    ("trained", "completed"),
    ("certified", "certified"),
    ("referred", "referred"),
    ("hired", "placed"),
    ("retained", "retained"),
    ("self_employed", "self_employed"),
]


def api_stages(stages: list[Stage]) -> list[dict]:
    by_key = {stage.key: stage for stage in stages}
    return [
        {
            "stage": name,
            "people": by_key[key].people,
            "median_days": by_key[key].median_days,
        }
        for name, key in API_STAGES
    ]


__all__ = ["STAGES", "Filters", "Stage", "funnel", "people_at", "people_in"]
