"""What training costs per outcome, and what became of the graduates (tracer).

The cohorts are those the outcomes report counts (ended in the period, visible to the
reader, filtered the same way); a cohort without funding lines has no known cost and is
left out of both sides of every cost division. Money is whole Rupiah.

**The cost table** (rows by funding source, sponsor, programme or provider). A cohort's
cost is the sum of its lines' ``spent``. A cohort paid from several lines shares its
trainees and their outcomes among the lines **in proportion to each line's spending**
(by seats when nothing was spent yet, equally when no seats are named either). A row
adds its lines: ``spent``, ``budgeted``, ``seats``, and the shares of participants
(enrolled), completers, certified (K) and placed (first placement within the far window,
180 days), each a fraction; ``cost_per_X`` = row ``spent`` ÷ row share of X, rounded to
whole Rupiah, null when nothing was spent or nobody reached the stage. By programme and
provider every line of a cohort falls in the same row, so the cost per completer is
simply the cohorts' spending ÷ their completers.

**Cost columns on the outcome rows** (any grouping): every trainee carries an equal part
of the cohort's spending (spent ÷ trainees counted), so a row's cost is what its trainees
carry, divided by the outcomes among the trainees of cohorts with funding lines.

**Employed or self-employed** (outcome rows): trainees placed within the far window (the
outcomes' *placed*) or with a tracer status *employed* or *self-employed* at any of the
3/6/12-month checks — each trainee once; the rate is over the trainees enrolled, like the
placement rates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd
from django.db.models import CharField, Count, F, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from reports.db import report_query
from reports.scope import Scope
from trainees.models import FundingLine, FundingLineSource, GraduateStatus
from vokasi.models import Company, TrainingProvider

BY = {
    "source": _("funding source"),
    "sponsor": _("sponsor"),
    "programme": _("programme"),
    "provider": _("training provider"),
}
STAGES = {
    "participant": "enrolled",
    "completer": "completed",
    "certified": "certified",
    "placement": "placed_180d",
}
COST_COLUMNS = [f"cost_per_{stage}" for stage in STAGES]
TABLE_COLUMNS = [
    "key",
    "name",
    "cohorts",
    "lines",
    "seats",
    "budgeted",
    "spent",
    "over_budget",
    "participants",
    "completers",
    "certified",
    "placed",
    *COST_COLUMNS,
]
EMPLOYED = (GraduateStatus.Status.EMPLOYED, GraduateStatus.Status.SELF_EMPLOYED)
NOT_STATED = "-"


@dataclass(frozen=True)
class Line:
    cohort: int
    source: str
    sponsor: int | None
    programme: int
    provider: int
    budgeted: int
    spent: int
    seats: int


def _lines(cohort_ids) -> list[Line]:
    rows = (
        FundingLine.objects.filter(cohort_id__in=cohort_ids)
        .order_by("cohort_id", "pk")
        .values_list(
            "cohort_id",
            "source",
            "sponsor_id",
            "cohort__programme_id",
            "cohort__programme__provider_id",
            "budgeted",
            "spent",
            "seats",
        )
    )
    return [Line(*row) for row in rows]


def weights(lines: list[Line]) -> list[float]:
    """Each line's share of its cohort: by spending, else seats, else equal."""
    spent: dict[int, int] = defaultdict(int)
    seats: dict[int, int] = defaultdict(int)
    count: dict[int, int] = defaultdict(int)
    for line in lines:
        spent[line.cohort] += line.spent
        seats[line.cohort] += line.seats
        count[line.cohort] += 1
    out = []
    for line in lines:
        if spent[line.cohort]:
            out.append(line.spent / spent[line.cohort])
        elif seats[line.cohort]:
            out.append(line.seats / seats[line.cohort])
        else:
            out.append(1 / count[line.cohort])
    return out


def _per_cohort(params, scope: Scope) -> tuple[pd.DataFrame, QuerySet]:
    """Outcome counts of every ended cohort counted (index: cohort id)."""
    from reports import outcomes as oc

    near, far, retention = oc.horizons()
    keyed = oc.enrollments(params, scope).annotate(k=F("cohort_id"))
    frame, _firsts = oc.row_counts(keyed, near, far, retention)
    return frame, keyed


def per_outcome(spent: float, reached: float) -> int | None:
    if not spent or not reached:
        return None
    return round(spent / reached)


@report_query
def cost_table(params, scope: Scope, by: str = "source") -> pd.DataFrame:
    """Spending and cost per outcome by ``by`` (source, sponsor, programme, provider)."""
    if by not in BY:
        raise ValueError(f"unknown grouping {by!r}")
    counts, _keyed = _per_cohort(params, scope)
    lines = _lines(counts.index.tolist())
    rows: dict = {}
    for line, weight in zip(lines, weights(lines), strict=True):
        key = {
            "source": line.source,
            "sponsor": line.sponsor,
            "programme": line.programme,
            "provider": line.provider,
        }[by]
        key = NOT_STATED if key is None else key
        row = rows.setdefault(
            key,
            {
                "cohorts": set(),
                "lines": 0,
                "seats": 0,
                "budgeted": 0,
                "spent": 0,
                "over_budget": 0,
                "participants": 0.0,
                "completers": 0.0,
                "certified": 0.0,
                "placed": 0.0,
            },
        )
        cohort = counts.loc[line.cohort]
        row["cohorts"].add(line.cohort)
        row["lines"] += 1
        row["seats"] += line.seats
        row["budgeted"] += line.budgeted
        row["spent"] += line.spent
        row["over_budget"] += int(line.spent > line.budgeted)
        row["participants"] += weight * int(cohort["enrolled"])
        row["completers"] += weight * int(cohort["completed"])
        row["certified"] += weight * int(cohort["certified"])
        row["placed"] += weight * int(cohort["placed_180d"])
    records = []
    names = _names(by, [k for k in rows if k != NOT_STATED])
    for key, row in rows.items():
        row["cohorts"] = len(row["cohorts"])
        for name in ("participants", "completers", "certified", "placed"):
            row[name] = round(row[name], 2)
        record = {"key": str(key), "name": str(names.get(key, _("not stated"))), **row}
        for stage, reached in zip(
            STAGES, ("participants", "completers", "certified", "placed"), strict=True
        ):
            record[f"cost_per_{stage}"] = per_outcome(row["spent"], row[reached])
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=TABLE_COLUMNS)
    if not frame.empty:
        frame = frame.sort_values(["spent", "key"], ascending=[False, True])
    return frame.reset_index(drop=True)


def cost_totals(frame: pd.DataFrame) -> dict:
    row = {
        column: int(frame[column].sum()) if not frame.empty else 0
        for column in ("lines", "seats", "budgeted", "spent", "over_budget")
    }
    # Every cohort is in exactly one row by programme or provider, not by source: the
    # cohorts of the total are counted by the caller when it needs them.
    for name in ("participants", "completers", "certified", "placed"):
        row[name] = round(float(frame[name].sum()), 2) if not frame.empty else 0.0
    for stage, reached in zip(
        STAGES, ("participants", "completers", "certified", "placed"), strict=True
    ):
        row[f"cost_per_{stage}"] = per_outcome(row["spent"], row[reached])
    return row


def _names(by: str, keys: list) -> dict:
    if by == "source":
        return dict(FundingLineSource.choices)
    if by == "sponsor":
        return dict(Company.objects.filter(pk__in=keys).values_list("pk", "name"))
    if by == "programme":
        from trainees.models import Programme

        return dict(Programme.objects.filter(pk__in=keys).values_list("pk", "name"))
    return dict(TrainingProvider.objects.filter(pk__in=keys).values_list("pk", "name"))


def records(frame: pd.DataFrame) -> list[dict]:
    out = []
    for row in frame.to_dict("records"):
        for column in ("cohorts", "lines", "seats", "budgeted", "spent", "over_budget"):
            row[column] = int(row[column])
        for column in ("participants", "completers", "certified", "placed"):
            row[column] = float(row[column])
        for column in COST_COLUMNS:
            value = row[column]
            row[column] = None if value is None or pd.isna(value) else int(value)
        out.append(row)
    return out


# ------------------------------------------------------------- the outcome rows' extras

#: Columns the outcome rows gain, after the existing ones.
OUTCOME_COLUMNS = ["employed_or_self_employed", "employed_or_self_employed_rate", *COST_COLUMNS]
#: Hidden parts the totals row needs (kept in ``frame.attrs``).
PARTS = ["cost", "funded_enrolled", "funded_completed", "funded_certified", "funded_placed"]


def principal_sponsor() -> Subquery:
    """The sponsor of the cohort's line that spent most (the outcomes' ``by=sponsor``), as
    text: a row key with no sponsor is null, and the keys stay whole numbers."""
    return Cast(
        Subquery(
            FundingLine.objects.filter(cohort_id=OuterRef("cohort_id"), sponsor__isnull=False)
            .order_by("-spent", "-budgeted", "pk")
            .values("sponsor_id")[:1]
        ),
        CharField(),
    )


def sponsor_names(keys: list) -> dict:
    wanted = [int(key) for key in keys if str(key).isdigit()]
    return {
        str(pk): name
        for pk, name in Company.objects.filter(pk__in=wanted).values_list("pk", "name")
    }


def _key(k):
    return NOT_STATED if k is None or (isinstance(k, float) and pd.isna(k)) else k


def outcome_extras(keyed: QuerySet, frame: pd.DataFrame, far: int) -> pd.DataFrame:
    """Per row key: employed or self-employed, and cost per outcome (see the docstring)."""
    index = frame.index
    extras = pd.DataFrame(index=index)
    # Keys without a value (a trainee without the grouping's attribute) are one row.
    keys = [_key(k) for k in index]
    extras["employed_or_self_employed"] = _employed_or_self_employed(keyed, keys, far)
    spent = _spent_by_cohort(keyed)
    by_key = _cost_carried(keyed, spent)
    extras["cost"] = [by_key.get(k, 0.0) for k in keys]
    funded = _funded_counts(keyed, frame, spent, far)
    for part, column in zip(PARTS[1:], STAGES.values(), strict=True):
        extras[part] = funded[column].astype("int64")
    return extras


def _employed_or_self_employed(keyed: QuerySet, keys: list, far: int):
    """Per key, the trainees placed within ``far`` days or traced as working."""
    from reports import outcomes as oc

    placed = set(keyed.filter(oc._window(far)).order_by().values_list("k", "id").distinct())
    traced = set(
        keyed.filter(graduate_statuses__status__in=EMPLOYED)
        .order_by()
        .values_list("k", "id")
        .distinct()
    )
    employed = pd.Series([_key(k) for k, _id in placed | traced], dtype=object).value_counts()
    return employed.reindex(keys).fillna(0).astype("int64").to_numpy()


def _spent_by_cohort(keyed: QuerySet) -> dict:
    """What was spent on each cohort of ``keyed`` that spent anything."""
    return {
        cohort: total
        for cohort, total in FundingLine.objects.filter(cohort__in=keyed.values("cohort_id"))
        .order_by()
        .values("cohort_id")
        .annotate(total=Sum("spent"))
        .values_list("cohort_id", "total")
        if total
    }


def _cost_carried(keyed: QuerySet, spent: dict) -> dict:
    """Per key, the cost its trainees carry: each trainee spent ÷ trainees of its cohort."""
    carried: dict = defaultdict(float)
    if spent:
        per_key = list(
            keyed.filter(cohort_id__in=list(spent))
            .order_by()
            .values("k", "cohort_id")
            .annotate(n=Count("id"))
            .values_list("k", "cohort_id", "n")
        )
        trainees: dict[int, int] = defaultdict(int)
        for _k, cohort, n in per_key:
            trainees[cohort] += n
        for k, cohort, n in per_key:
            carried[k] += spent[cohort] * n / trainees[cohort]
    by_key: dict = defaultdict(float)
    for k, value in carried.items():
        by_key[_key(k)] += value
    return by_key


def _funded_counts(keyed: QuerySet, frame: pd.DataFrame, spent: dict, far: int) -> pd.DataFrame:
    """The outcome counts of the funded cohorts' trainees alone (the row's own counts
    when every cohort was funded, zeros when none was)."""
    from reports import outcomes as oc

    index = frame.index
    counted = set(keyed.order_by().values_list("cohort_id", flat=True).distinct())
    if spent and set(spent) != counted:
        near, _far, retention = oc.horizons()
        funded, _firsts = oc.row_counts(
            keyed.filter(cohort_id__in=list(spent)), near, far, retention
        )
        return funded.reindex(index).fillna(0)
    if spent:
        return frame
    return pd.DataFrame(0, index=index, columns=list(STAGES.values()))


def finish_outcome_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rates and costs from the counts and parts (rows and totals alike)."""
    enrolled = frame["enrolled"].where(frame["enrolled"] > 0)
    frame["employed_or_self_employed_rate"] = (frame["employed_or_self_employed"] / enrolled).round(
        4
    )
    reached = {
        "participant": "funded_enrolled",
        "completer": "funded_completed",
        "certified": "funded_certified",
        "placement": "funded_placed",
    }
    for stage, column in reached.items():
        frame[f"cost_per_{stage}"] = [
            per_outcome(cost, n) for cost, n in zip(frame["cost"], frame[column], strict=True)
        ]
    return frame


def outcome_totals(parts: pd.DataFrame | None, row: dict) -> dict:
    """The totals row's extras from the summed parts."""
    if parts is None or parts.empty:
        row.update(dict.fromkeys(OUTCOME_COLUMNS))
        row["employed_or_self_employed"] = 0
        return row
    summed = parts[["employed_or_self_employed", *PARTS]].sum()
    row["employed_or_self_employed"] = int(summed["employed_or_self_employed"])
    row["employed_or_self_employed_rate"] = (
        round(row["employed_or_self_employed"] / row["enrolled"], 4) if row["enrolled"] else None
    )
    for stage, column in zip(
        STAGES,
        ("funded_enrolled", "funded_completed", "funded_certified", "funded_placed"),
        strict=True,
    ):
        row[f"cost_per_{stage}"] = per_outcome(float(summed["cost"]), float(summed[column]))
    return row
