"""Training outcomes, after the US WIOA performance indicators adapted to BBPVP cohorts.

The trainees counted are the enrollments (not withdrawn before the start) of cohorts that
**ended in the period**, in cohorts the reader may see (``Cohort.objects.visible_to``:
a trainer sees its own provider's). A cohort whose last day is still to come (a period
not yet over) is **running**: its trainees are shown as ``in_training`` with the
``running_cohorts``, never as enrolled trainees who did not complete, so every rate is
over cohorts that have ended. Per row:

- **enrolled**: those enrollments; **completed**: training result *completed* (lulus);
- **assessed** / **certified**: took a competency test / were found *Kompeten* (K) at least
  once within the far placement window (180 days) after the cohort's end; the
  certification rate is certified ÷ assessed;
- **placed within 90 / 180 days**: a placement starting between the cohort's last day and
  90 (180) days after it (the windows are ``VOKASI["OUTCOME_PLACED_DAYS"]``); rates are
  over enrolled; every kind of placement counts alike (a referral, an apprenticeship
  turned hire, work found by the person);
- **median days to placement** and **median starting wage**: of the first placement
  within 180 days;
- **retained at 6 months**: among those placed within 180 days whose placement had a
  follow-up between ``VOKASI["OUTCOME_RETENTION_DAYS"]`` (180) days after it started and
  ``VOKASI["OUTCOME_FOLLOW_UP_GRACE_DAYS"]`` (90) days later, the share still employed
  then (the funnel's *retained* uses the same setting);
- **apprenticeship to hire**: among apprenticeships the trainee started after the cohort
  began and that finished within the far window and a year (the longest apprenticeship)
  after its end, the share that ended in a hire.

Every measure is a window of dates after the cohort's end, so a period's outcomes never
change once its windows have passed (at the latest 180 + 365 days after the period):
a follow-up, an assessment or a placement recorded years later does not rewrite them.

Rows can be programmes, cohorts, providers, funding sources, or the trainees' sex,
education, IPK age group (on the cohort's first day) or kecamatan.

This module is long (about 440 lines) and stays one module: each indicator and its horizon
are one definition, written beside the others it is compared with.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd
from django.conf import settings
from django.db.models import (
    Count,
    DateField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.models import Apprenticeship
from reports import costs, headers
from reports.db import report_query
from reports.scope import Scope
from trainees.models import Cohort, Enrollment, FundingSource, Programme
from vokasi.age_groups import AGE_GROUPS, age_group_case
from vokasi.models import EducationLevel, Region, TrainingProvider

GROUPINGS = {
    "programme": ("cohort__programme_id", "cohort__programme__name"),
    "cohort": ("cohort_id", None),
    "provider": ("cohort__programme__provider_id", "cohort__programme__provider__name"),
    "funding": ("cohort__programme__funding", None),
    "sex": ("job_seeker__sex", None),
    "education": ("job_seeker__education_id", "job_seeker__education__name"),
    "age_group": (None, None),
    "region": ("job_seeker__region_id", "job_seeker__region__name"),
    "sponsor": (None, None),  # the cohort's main sponsor (reports/costs.py)
}
COUNTS = [
    "enrolled",
    "completed",
    "assessed",
    "certified",
    "placed_90d",
    "placed_180d",
    "followed_6m",
    "retained_6m",
    "apprenticeships_finished",
    "apprenticeships_hired",
]
RATES = {
    "completion_rate": ("completed", "enrolled"),
    "certification_rate": ("certified", "assessed"),
    "placement_rate_90d": ("placed_90d", "enrolled"),
    "placement_rate_180d": ("placed_180d", "enrolled"),
    "retention_rate_6m": ("retained_6m", "followed_6m"),
    "apprenticeship_hire_rate": ("apprenticeships_hired", "apprenticeships_finished"),
}
MEDIANS = ["median_days_to_placement", "median_starting_wage"]
RUNNING = ["running_cohorts", "in_training"]
NOT_STATED = "-"
APPRENTICESHIP_DAYS = 365  # an apprenticeship lasts at most a year (Permenaker 6/2020)
COLUMNS = ["key", "name", *COUNTS, *RATES, *MEDIANS, *RUNNING, *costs.OUTCOME_COLUMNS]


@dataclass(frozen=True)
class Params:
    date_from: datetime.date
    date_to: datetime.date
    by: str = "programme"
    provider: int | None = None
    funding: str | None = None
    vocation: str | None = None


def horizons() -> tuple[int, int, int]:
    near, far = settings.VOKASI.get("OUTCOME_PLACED_DAYS", (90, 180))
    return int(near), int(far), int(settings.VOKASI.get("OUTCOME_RETENTION_DAYS", 180))


def follow_up_grace() -> int:
    return int(settings.VOKASI.get("OUTCOME_FOLLOW_UP_GRACE_DAYS", 90))


def ended_by(params: Params) -> datetime.date:
    """Cohorts ending after this day are still running: the period's last day, or today."""
    return min(params.date_to, timezone.localdate())


def cohorts(params: Params, scope: Scope) -> QuerySet:
    """The cohorts counted: ended in the period, visible to the reader, filtered."""
    qs = Cohort.objects.visible_to(scope.user).filter(
        end_date__gte=params.date_from, end_date__lte=params.date_to
    )
    if params.provider:
        qs = qs.filter(programme__provider_id=params.provider)
    if params.funding:
        qs = qs.filter(programme__funding=params.funding)
    if params.vocation:
        qs = qs.filter(programme__vocation_id=params.vocation)
    return qs


def enrollments(params: Params, scope: Scope, *, running: bool = False) -> QuerySet:
    """Trainees of the cohorts counted that have ended (``running``: still running)."""
    # The period repeated on the joined cohort lets the planner drop the other cohorts'
    # enrollments before any join, not after (the visibility rule stays the IN).
    day = ended_by(params)
    end = Q(cohort__end_date__gt=day) if running else Q(cohort__end_date__lte=day)
    return (
        Enrollment.objects.filter(
            end, cohort__end_date__gte=params.date_from, cohort__end_date__lte=params.date_to
        )
        .filter(cohort__in=cohorts(params, scope))
        .exclude(status=Enrollment.Status.WITHDRAWN)
    )


def _age_group():
    def yyyymmdd(name):
        return ExtractYear(name) * 10000 + ExtractMonth(name) * 100 + ExtractDay(name)

    age = yyyymmdd("cohort__start_date") - yyyymmdd("job_seeker__birth_date")
    return age, age_group_case(lambda years: Q(start_age__gte=years * 10000))


def _keyed(qs: QuerySet, by: str) -> QuerySet:
    if by == "age_group":
        age, case = _age_group()
        return qs.annotate(start_age=age).annotate(k=case)
    if by == "sponsor":
        return qs.annotate(k=costs.principal_sponsor())
    key, _name = GROUPINGS[by]
    return qs.annotate(k=F(key))


def _names(params: Params, scope: Scope, keys: list) -> dict:
    """Row names from the reference tables, never from the enrollment rows themselves."""
    by = params.by
    counted = cohorts(params, scope)
    if by == "cohort":
        rows = counted.values_list("pk", "programme__name", "name")
        return {k: f"{p} — {c}" for k, p, c in rows}
    if by == "funding":
        return dict(FundingSource.choices)
    if by == "sponsor":
        return costs.sponsor_names([key for key in keys if key != NOT_STATED])
    if by == "sex":
        return {"L": str(_("men (L)")), "P": str(_("women (P)"))}
    if by == "age_group":
        return {group.key: group.label for group in AGE_GROUPS}
    if by == "programme":
        return dict(
            Programme.objects.filter(pk__in=counted.values("programme_id")).values_list(
                "pk", "name"
            )
        )
    if by == "provider":
        return dict(
            TrainingProvider.objects.filter(
                pk__in=counted.values("programme__provider_id")
            ).values_list("pk", "name")
        )
    model = EducationLevel if by == "education" else Region
    wanted = [key for key in keys if key is not None and not pd.isna(key)]
    names = {}
    for i in range(0, len(wanted), 500):
        names.update(model.objects.filter(pk__in=wanted[i : i + 500]).values_list("pk", "name"))
    return names


@report_query
def outcomes(params: Params, scope: Scope) -> pd.DataFrame:
    if params.by not in GROUPINGS:
        raise ValueError(f"unknown grouping {params.by!r}")
    near, far, retention = horizons()
    base = enrollments(params, scope)
    keyed = _keyed(base, params.by)
    frame, firsts = row_counts(keyed, near, far, retention)
    frame = frame.join(costs.outcome_extras(keyed, frame, far))
    running = _counted(
        _keyed(enrollments(params, scope, running=True), params.by),
        running_cohorts=Count("cohort", distinct=True),
        in_training=Count("id"),
    )
    frame = frame.join(running, how="outer").fillna(
        {column: 0 for column in [*COUNTS, *RUNNING, "employed_or_self_employed", *costs.PARTS]}
    )
    frame[[*COUNTS, *RUNNING]] = frame[[*COUNTS, *RUNNING]].astype("int64")
    # Trainees without the grouping's attribute: a "not stated" row, never dropped.
    frame = frame.rename(index=lambda k: NOT_STATED if pd.isna(k) else k)
    frame = frame.groupby(level=0).sum()
    firsts["k"] = firsts["k"].map(lambda k: NOT_STATED if pd.isna(k) else k)
    if not firsts.empty:
        medians = firsts.groupby("k").agg(
            median_days_to_placement=("days", "median"), median_starting_wage=("wage", "median")
        )
    else:
        medians = pd.DataFrame(columns=MEDIANS)
    frame = frame.join(medians, how="left")
    for rate, (num, den) in RATES.items():
        frame[rate] = (frame[num] / frame[den].where(frame[den] > 0)).round(4)
    frame = costs.finish_outcome_rows(frame)
    parts = frame[["enrolled", "employed_or_self_employed", *costs.PARTS]].copy()
    names = _names(params, scope, frame.index.tolist())
    frame = frame.rename_axis("key").reset_index()
    names[NOT_STATED] = _("not stated")
    frame["name"] = [str(names.get(k, k)) for k in frame["key"]]
    frame["key"] = frame["key"].astype(str)
    frame = frame.sort_values(["enrolled", "key"], ascending=[False, True])
    frame = frame.reindex(columns=COLUMNS).reset_index(drop=True)
    # The totals row's medians are over every trainee: the same first placements.
    frame.attrs["first_placements"] = firsts
    frame.attrs["cost_parts"] = parts
    return frame


def _window(days: int) -> Q:
    """A placement of the trainee starting between the cohort's last day and ``days`` after."""
    placement = "job_seeker__placements__"
    return Q(
        **{
            f"{placement}start_date__gte": F("cohort__end_date"),
            f"{placement}start_date__lte": ExpressionWrapper(
                F("cohort__end_date") + datetime.timedelta(days=days), output_field=DateField()
            ),
        }
    )


def _after_end(days: int) -> ExpressionWrapper:
    return ExpressionWrapper(
        F("cohort__end_date") + datetime.timedelta(days=days), output_field=DateField()
    )


def _counted(qs: QuerySet, **counts) -> pd.DataFrame:
    rows = qs.order_by().values("k").annotate(**counts)
    return pd.DataFrame.from_records(list(rows), columns=["k", *counts]).set_index("k")


def row_counts(keyed: QuerySet, near: int, far: int, retention: int) -> tuple:
    """The ten counts per row key, and each placed trainee's first placement.

    One GROUP BY per measure, each joining the enrollments to one other table only
    (results, assessments, placements with their follow-ups, apprenticeships): joining
    them all at once and grouping per enrollment took five times as long at a million
    enrollments. Placements within ``far`` days come out as narrow rows, since the
    medians need the values; the 90/180-day counts are taken from the same rows.
    """
    parts = [
        _completion_counts(keyed),
        _certification_counts(keyed, far),
        _retention_counts(keyed, far, retention),
        _apprenticeship_counts(keyed, far),
    ]
    firsts = _first_placement_rows(keyed, far)
    parts.append(_placed_counts(firsts, near))
    frame = pd.concat(parts, axis=1).reindex(columns=COUNTS).fillna(0).astype("int64")
    frame = frame[frame["enrolled"] > 0]
    frame.index.name = "k"
    return frame, firsts[["k", "end", "start", "wage", "days"]].reset_index(drop=True)


def _completion_counts(keyed: QuerySet) -> pd.DataFrame:
    return _counted(
        keyed,
        enrolled=Count("id"),
        completed=Count("id", filter=Q(result__outcome="completed")),
    )


def _certification_counts(keyed: QuerySet, far: int) -> pd.DataFrame:
    # "K" at least once among possibly several assessments (a retest).
    return _counted(
        keyed.filter(assessments__assessed_on__lte=_after_end(far)),
        assessed=Count("id", distinct=True),
        certified=Count("id", distinct=True, filter=Q(assessments__result="K")),
    )


def _retention_counts(keyed: QuerySet, far: int, retention: int) -> pd.DataFrame:
    """Placed within ``far`` days and followed up ``retention`` days after starting."""
    placement = "job_seeker__placements__"
    return _counted(
        keyed.filter(
            _window(far),
            **{
                f"{placement}follow_ups__checked_on__gte": ExpressionWrapper(
                    F(f"{placement}start_date") + datetime.timedelta(days=retention),
                    output_field=DateField(),
                ),
                f"{placement}follow_ups__checked_on__lte": ExpressionWrapper(
                    F(f"{placement}start_date")
                    + datetime.timedelta(days=retention + follow_up_grace()),
                    output_field=DateField(),
                ),
            },
        ),
        followed_6m=Count("id", distinct=True),
        retained_6m=Count(
            "id", distinct=True, filter=Q(**{f"{placement}follow_ups__employed": True})
        ),
    )


def _apprenticeship_counts(keyed: QuerySet, far: int) -> pd.DataFrame:
    apprenticeship = "job_seeker__apprenticeships__"
    return _counted(
        keyed.filter(
            **{
                f"{apprenticeship}start_date__gte": F("cohort__start_date"),
                f"{apprenticeship}status__in": [
                    Apprenticeship.Status.COMPLETED,
                    Apprenticeship.Status.DROPPED,
                ],
                f"{apprenticeship}finished_on__lte": _after_end(far + APPRENTICESHIP_DAYS),
            }
        ),
        apprenticeships_finished=Count("id", distinct=True),
        apprenticeships_hired=Count(
            "id", distinct=True, filter=Q(**{f"{apprenticeship}hired": True})
        ),
    )


def _first_placement_rows(keyed: QuerySet, far: int) -> pd.DataFrame:
    """Each placed enrollment's first placement within ``far`` days of the cohort's end."""
    placement = "job_seeker__placements__"
    placed = pd.DataFrame.from_records(
        list(
            keyed.filter(_window(far))
            .order_by()
            .values_list(
                "k",
                "id",
                "cohort__end_date",
                f"{placement}start_date",
                f"{placement}id",
                f"{placement}wage",
            )
        ),
        columns=["k", "enrollment", "end", "start", "placement", "wage"],
    )
    placed["days"] = (pd.to_datetime(placed["start"]) - pd.to_datetime(placed["end"])).dt.days
    placed = placed.sort_values(["enrollment", "days", "placement"])
    return placed.drop_duplicates("enrollment")


def _placed_counts(firsts: pd.DataFrame, near: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "placed_90d": firsts[firsts["days"] <= near].groupby("k")["enrollment"].size(),
            "placed_180d": firsts.groupby("k")["enrollment"].size(),
        }
    )


def first_placements(keyed: QuerySet, far: int) -> pd.DataFrame:
    """Days to and wage of each placed trainee's first placement within ``far`` days."""
    near, _far, retention = horizons()
    return row_counts(keyed, near, far, retention)[1]


@report_query
def totals(frame: pd.DataFrame, params: Params, scope: Scope) -> dict:
    """Counts add up; rates are recomputed from the sums; medians are over every trainee."""
    row = {column: int(frame[column].sum()) for column in [*COUNTS, *RUNNING]}
    for rate, (num, den) in RATES.items():
        row[rate] = round(row[num] / row[den], 4) if row[den] else None
    firsts = frame.attrs.get("first_placements")
    if firsts is None:
        firsts = first_placements(
            enrollments(params, scope).annotate(k=Value("all")), horizons()[1]
        )
    row["median_days_to_placement"] = None if firsts.empty else float(firsts["days"].median())
    row["median_starting_wage"] = None if firsts.empty else float(firsts["wage"].median())
    return costs.outcome_totals(frame.attrs.get("cost_parts"), row)


def records(frame: pd.DataFrame) -> list[dict]:
    out = []
    for row in frame.to_dict("records"):
        for column in [*COUNTS, *RUNNING]:
            row[column] = int(row[column])
        for column in [*RATES, *MEDIANS, "employed_or_self_employed_rate"]:
            value = row[column]
            row[column] = None if pd.isna(value) else float(value)
        row["employed_or_self_employed"] = int(row["employed_or_self_employed"])
        for column in costs.COST_COLUMNS:
            value = row[column]
            row[column] = None if value is None or pd.isna(value) else int(value)
        out.append(row)
    return out


def funnel(frame: pd.DataFrame) -> list[tuple[str, int]]:
    """Enrolled -> completed -> certified -> placed within 180 days -> retained."""
    return [
        (str(_("Trainees enrolled")), int(frame["enrolled"].sum())),
        (str(_("Completed")), int(frame["completed"].sum())),
        (str(_("Certified (K)")), int(frame["certified"].sum())),
        (headers.placed(horizons()[1]), int(frame["placed_180d"].sum())),
        (headers.retained(horizons()[2]), int(frame["retained_6m"].sum())),
    ]
