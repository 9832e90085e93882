"""Monitoring and evaluation (monev) of partnership agreements: realisation against targets.

Realisation is always computed from the records linked to an agreement, never typed. A
cohort is linked when it names the agreement, or names none and its programme does; a
vacancy or an apprenticeship when it names the agreement (an apprenticeship also through
its vacancy). Each measure is one function returning dated events ``(agreement, day,
key)``; an event counts in a period when its day falls in it, and the same ``key`` counts
once per agreement and measure (its earliest day):

- **trained**: trainees of linked cohorts whose training result is *completed* (lulus),
  on the cohort's last day; key: the person.
- **certified**: trainees of linked cohorts found *Kompeten* (K) in a competency
  assessment, on the first such assessment; key: the person.
- **apprenticed**: apprenticeships under the agreement approved by the office (any status
  but *awaiting approval*), on their start date, key: the person; **plus** every student
  internship under it, on its start date, key: the internship.
- **interned**: the student internships under the agreement, on their start date; key:
  the student (number) and institution.
- **placed**: people placed in a job through a linked vacancy, or who completed a linked
  cohort and started a placement on or after its last day; on the placement's start;
  key: the person (the first placement counts).
- **scholarships**: the scholarships awarded under the agreement (any status), on their
  award day; key: the scholarship.
- **amount** (Rupiah): what the linked cohorts' funding lines spent, on the cohort's first
  day (key: the line), plus the scholarships' amounts, on their award day (key: the
  scholarship).

Every measure of every agreement asked for is read in one statement (``events``): the
linked cohorts and their enrollments are read once (``_shared``) for the cohort measures
(trained, certified, placed after training, amount), and the database adds up each
measure's first days, so a page or the M&E report costs one query whatever the number of
agreements, cohorts or people.

The **status** of an agreement: *completed* when its latest evaluation says so; else
*expired* when its last valid day has passed; else the latest evaluation's status (*on
track*, *behind*, *at risk*); with no evaluation, *behind* when some counted target is
below its pace (target × the share of the validity elapsed), else *on track*.

This module is long (about 530 lines) and stays one module: every measure, its events and
the status rule above are one definition, read together when a target is questioned.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd
from django.db import connection
from django.db.models import CharField, DateField, F, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from placements.models import Apprenticeship, Internship, Placement
from reports.db import report_connection, report_query
from trainees.models import (
    Cohort,
    CompetencyAssessment,
    Enrollment,
    FundingLine,
    Programme,
    Scholarship,
    TrainingResult,
)
from vokasi.agreements.models import Measure, ScopeItem, Status
from vokasi.models import Agreement, AgreementEvaluation

#: Days before the end of validity from which an agreement is "expiring" (home tasks).
EXPIRING_DAYS = 90


@dataclass(frozen=True)
class Sql:
    """One measure's events as SQL reading the shared ``linked`` (the cohorts counted for
    the agreements: ``cohort_id, agr, start_date, end_date``) and ``enr`` (their
    enrollments: ``agr, enrollment_id, job_seeker_id, end_date, outcome``) tables that
    ``events`` builds once for every cohort measure; it answers ``agr, k, d, v``."""

    text: str
    params: tuple = ()


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _shared(ids: list[int]) -> tuple[str, list]:
    """The ``WITH`` clause every cohort measure reads: the linked cohorts (naming one of
    the agreements, or naming none while their programme does) and their enrollments
    with the training outcome, each read once for all the measures."""
    marks = ", ".join(["%s"] * len(ids))
    # One OR rather than two branches: the planner then estimates the few linked
    # cohorts well and reads their enrollments through the index.
    sql = (
        "WITH linked AS ("
        " SELECT c.id AS cohort_id, COALESCE(c.agreement_id, p.agreement_id) AS agr,"
        " c.start_date AS start_date, c.end_date AS end_date"
        f" FROM {_table(Cohort)} c JOIN {_table(Programme)} p ON p.id = c.programme_id"
        f" WHERE c.agreement_id IN ({marks})"
        f" OR (c.agreement_id IS NULL AND p.agreement_id IN ({marks}))"
        "), enr AS ("
        " SELECT l.agr AS agr, e.id AS enrollment_id, e.job_seeker_id AS job_seeker_id,"
        " l.end_date AS end_date, r.outcome AS outcome,"
        f" (SELECT MIN(a.assessed_on) FROM {_table(CompetencyAssessment)} a"
        " WHERE a.enrollment_id = e.id AND a.result = %s) AS first_competent"
        f" FROM linked l JOIN {_table(Enrollment)} e ON e.cohort_id = l.cohort_id"
        f" LEFT JOIN {_table(TrainingResult)} r ON r.enrollment_id = e.id"
        ") "
    )
    return sql, [*ids, *ids, CompetencyAssessment.Result.COMPETENT.value]


def _events(queryset: QuerySet, agr, key, day, value=None) -> QuerySet:
    """One measure's events as the columns the counting reads: agreement, key, day, and
    what the key is worth (1 for a person counted; Rupiah for money)."""
    value = Value(1) if value is None else value
    return queryset.order_by().annotate(agr=agr, k=key, d=day, v=value).values("agr", "k", "d", "v")


def trained(ids: list[int]) -> list[Sql]:
    return [
        Sql(
            "SELECT agr, job_seeker_id AS k, end_date AS d, 1 AS v FROM enr WHERE outcome = %s",
            ("completed",),
        )
    ]


def certified(ids: list[int]) -> list[Sql]:
    return [
        Sql(
            "SELECT agr, job_seeker_id AS k, first_competent AS d, 1 AS v FROM enr"
            " WHERE first_competent IS NOT NULL"
        )
    ]


def _text(*parts) -> Concat:
    return Concat(*[Cast(p, CharField()) if not isinstance(p, Value) else p for p in parts])


def interned(ids: list[int]) -> list[QuerySet]:
    internships = Internship.objects.filter(agreement_id__in=ids)
    key = _text(F("student_number"), Value("@"), F("institution_id"))
    return [_events(internships, F("agreement_id"), key, F("start_date"))]


def apprenticed(ids: list[int]) -> list[QuerySet]:
    approved = Apprenticeship.objects.exclude(status=Apprenticeship.Status.PROPOSED)
    # Naming the agreement, or naming none while its vacancy does: two branches rather
    # than an OR across the join, so each reads its index.
    direct = approved.filter(agreement_id__in=ids)
    through_vacancy = approved.filter(agreement__isnull=True, vacancy__agreement_id__in=ids)
    internships = Internship.objects.filter(agreement_id__in=ids)
    person = _text(Value("p"), F("job_seeker_id"))
    return [
        _events(direct, F("agreement_id"), person, F("start_date")),
        _events(through_vacancy, F("vacancy__agreement_id"), person, F("start_date")),
        _events(internships, F("agreement_id"), _text(Value("i"), F("pk")), F("start_date")),
    ]


def placed(ids: list[int]) -> list[QuerySet | Sql]:
    through_vacancies = Placement.objects.filter(vacancy__agreement_id__in=ids)
    return [
        _events(through_vacancies, F("vacancy__agreement_id"), F("job_seeker_id"), F("start_date")),
        # Completers of a linked cohort placed on or after its last day.
        Sql(
            "SELECT enr.agr AS agr, pl.job_seeker_id AS k, pl.start_date AS d, 1 AS v"
            f" FROM enr JOIN {_table(Placement)} pl ON pl.job_seeker_id = enr.job_seeker_id"
            " AND pl.start_date >= enr.end_date WHERE enr.outcome = %s",
            ("completed",),
        ),
    ]


def amount(ids: list[int]) -> list[QuerySet | Sql]:
    """Rupiah spent by the funding lines of the linked cohorts (``trainees.FundingLine``),
    on the cohort's first day, each line once; plus every scholarship under the agreement,
    on its award day."""
    awarded = Scholarship.objects.filter(agreement_id__in=ids)
    return [
        Sql(
            "SELECT l.agr AS agr, 'f' || CAST(f.id AS TEXT) AS k, l.start_date AS d,"
            f" f.spent AS v FROM linked l JOIN {_table(FundingLine)} f"
            " ON f.cohort_id = l.cohort_id"
        ),
        _events(
            awarded, F("agreement_id"), _text(Value("s"), F("pk")), F("awarded_on"), F("amount")
        ),
    ]


def scholarships(ids: list[int]) -> list[QuerySet]:
    """The scholarships awarded under the agreement (any status: a scholarship later
    dropped was still awarded), on their award day; each once."""
    awarded = Scholarship.objects.filter(agreement_id__in=ids)
    return [_events(awarded, F("agreement_id"), F("pk"), F("awarded_on"))]


#: One function per measure: the events it counts, as querysets of (agreement ``agr``, key
#: ``k``, day ``d``, value ``v``) or ``Sql`` reading the shared linked cohorts — several
#: are added together — or ``None``: "not recorded" (shown "—").
MEASURES: dict[str, Callable[[list[int]], list[QuerySet | Sql] | None]] = {
    Measure.TRAINED: trained,
    Measure.CERTIFIED: certified,
    Measure.APPRENTICED: apprenticed,
    Measure.INTERNED: interned,
    Measure.PLACED: placed,
    Measure.SCHOLARSHIPS: scholarships,
    Measure.AMOUNT: amount,
}


def first_days(ids: list[int], parts: dict[str, list[QuerySet | Sql]]) -> list[tuple]:
    """``(measure, agreement, day, n)``: what the keys that first appear on each day are
    worth (their number, or their Rupiah), every measure in one statement added up in the
    database (each key once per agreement and measure, on its earliest day), so only a
    few hundred rows come back whatever the number of people; the linked cohorts and
    their enrollments are read once for all the measures."""
    measure_sql, params = [], []
    shared = False
    for measure, measure_parts in parts.items():
        branches = []
        params.append(measure)  # the "%s AS m" below comes before the branches
        for part in measure_parts:
            if isinstance(part, Sql):
                sql, part_params = part.text, list(part.params)
                shared = True
            else:
                sql, part_params = part.query.sql_with_params()
            branches.append(f"SELECT agr, k, d, v FROM ({sql}) part")
            params.extend(part_params)
        # Each measure's keys keep their own type (a person's id, a line's label).
        union = " UNION ALL ".join(branches)
        measure_sql.append(
            f"SELECT %s AS m, agr, first_day, SUM(v) AS n FROM ("
            f"SELECT agr, k, MIN(d) AS first_day, MAX(v) AS v FROM ({union}) events"
            " GROUP BY agr, k) firsts GROUP BY agr, first_day"
        )
    prefix, prefix_params = _shared(ids) if shared else ("", [])
    sql = prefix + " UNION ALL ".join(measure_sql)
    with report_connection().cursor() as cursor:
        cursor.execute(sql, [*prefix_params, *params])
        rows = cursor.fetchall()
    parse = DateField().to_python
    return [(m, agr, parse(day), int(n)) for m, agr, day, n in rows]


@dataclass
class Events:
    """Every measure's first days per agreement: ``{(agreement, measure): [(day, n)]}``;
    a measure not recorded is in ``missing``."""

    days: dict[tuple[int, str], list[tuple[datetime.date, int]]] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)

    def count(
        self,
        agreement_id: int,
        measure: str,
        date_from: datetime.date | None = None,
        date_to: datetime.date | None = None,
    ) -> int | None:
        if measure in self.missing:
            return None
        return sum(
            n
            for day, n in self.days.get((agreement_id, measure), ())
            if (date_from is None or day >= date_from) and (date_to is None or day <= date_to)
        )


@report_query
def events(ids: list[int], measures: Iterable[str] | None = None) -> Events:
    """Every asked measure's events for the agreements ``ids``, in one query, under the
    reports' planner settings (no JIT: compiling the statement the planner prices high
    when many cohorts are linked took seconds, running it one)."""
    out = Events()
    parts: dict[str, list[QuerySet | Sql]] = {}
    for measure in list(measures) if measures is not None else list(MEASURES):
        found = MEASURES[measure](ids) if ids else []
        if found is None:
            out.missing.add(measure)
        elif found:
            parts[str(measure)] = found
    for measure, agr, day, n in first_days(ids, parts) if parts else []:
        out.days.setdefault((agr, measure), []).append((day, n))
    return out


# ------------------------------------------------------------------------ per agreement


@dataclass
class TargetRow:
    item: str
    item_label: str
    measure: str
    measure_label: str
    target: int
    realised: int | None
    expected: float | None = None

    @property
    def share(self) -> float | None:
        if self.realised is None or not self.target:
            return None
        return self.realised / self.target

    @property
    def behind(self) -> bool:
        return (
            self.realised is not None
            and self.expected is not None
            and (self.realised < self.expected)
        )


def elapsed_share(agreement: Agreement, today: datetime.date) -> float:
    days = (agreement.valid_to - agreement.valid_from).days + 1
    done = (min(today, agreement.valid_to) - agreement.valid_from).days + 1
    return max(0.0, min(1.0, done / days))


def target_rows(
    agreement: Agreement,
    found: Events,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    today: datetime.date | None = None,
) -> list[TargetRow]:
    """The agreement's targets in scope order, each with its realisation (targets must be
    prefetched: ``scope_items__targets``)."""
    today = today or timezone.localdate()
    share = elapsed_share(agreement, today)
    rows = []
    for scope in agreement.scope_items.all():
        for target in scope.targets.all():
            realised = found.count(agreement.pk, target.measure, date_from, date_to)
            rows.append(
                TargetRow(
                    item=scope.item,
                    item_label=str(ScopeItem(scope.item).label),
                    measure=target.measure,
                    measure_label=str(Measure(target.measure).label),
                    target=target.target,
                    realised=realised,
                    expected=target.target * share if realised is not None else None,
                )
            )
    return rows


def status(
    agreement: Agreement,
    rows: list[TargetRow],
    latest: AgreementEvaluation | None,
    today: datetime.date | None = None,
) -> str:
    today = today or timezone.localdate()
    if latest is not None and latest.status == Status.COMPLETED:
        return Status.COMPLETED
    if agreement.valid_to < today:
        return "expired"
    if latest is not None:
        return latest.status
    return Status.BEHIND if any(row.behind for row in rows) else Status.ON_TRACK


STATUS_LABELS = {**dict(Status.choices), "expired": "expired"}


def latest_evaluations(ids: list[int]) -> dict[int, AgreementEvaluation]:
    latest: dict[int, AgreementEvaluation] = {}
    for evaluation in AgreementEvaluation.objects.filter(agreement_id__in=ids).order_by(
        "agreement_id", "-evaluated_on", "-id"
    ):
        latest.setdefault(evaluation.agreement_id, evaluation)
    return latest


def with_targets(queryset):
    return queryset.select_related("office", "parent").prefetch_related(
        "scope_items__targets", "parties__office", "parties__provider", "parties__company"
    )


def realisation(agreement: Agreement, today: datetime.date | None = None) -> dict:
    """Everything the agreement's page and its API answer show: targets with realisation
    to date, the status, and the realisation per quarter since the agreement started."""
    today = today or timezone.localdate()
    measures = {t.measure for s in agreement.scope_items.all() for t in s.targets.all()}
    found = events([agreement.pk], measures)
    rows = target_rows(agreement, found, today=today)
    latest = latest_evaluations([agreement.pk]).get(agreement.pk)
    return {
        "rows": rows,
        "status": status(agreement, rows, latest, today),
        "latest": latest,
        "periods": by_quarter(agreement, found, rows, today),
    }


def quarters(
    start: datetime.date, end: datetime.date
) -> list[tuple[str, datetime.date, datetime.date]]:
    out = []
    year, quarter = start.year, (start.month - 1) // 3
    while True:
        first = datetime.date(year, quarter * 3 + 1, 1)
        if first > end:
            return out
        last_month = quarter * 3 + 3
        last = (
            datetime.date(year + 1, 1, 1)
            if last_month == 12
            else datetime.date(year, last_month + 1, 1)
        ) - datetime.timedelta(days=1)
        out.append((f"{year} T{quarter + 1}", max(first, start), min(last, end)))
        quarter += 1
        if quarter == 4:
            year, quarter = year + 1, 0


def by_quarter(
    agreement: Agreement, found: Events, rows: list[TargetRow], today: datetime.date
) -> pd.DataFrame:
    """Per quarter of validity (up to today): each counted measure's events in it."""
    end = min(agreement.valid_to, today)
    counted = [row.measure for row in rows if row.realised is not None]
    counted = list(dict.fromkeys(counted))
    records = []
    for label, first, last in quarters(agreement.valid_from, end):
        record = {"period": label, "from": first, "to": last}
        for measure in counted:
            record[measure] = found.count(agreement.pk, measure, first, last)
        records.append(record)
    return pd.DataFrame(records, columns=["period", "from", "to", *counted])


# --------------------------------------------------------------------------- the report


def report(agreements, date_from: datetime.date, date_to: datetime.date, today=None) -> list[dict]:
    """The M&E report: every agreement's targets with their realisation in [from, to]
    (API v1.1 ``rows``), plus the realisation to date and the status."""
    today = today or timezone.localdate()
    agreements = list(with_targets(agreements).order_by("office__name", "number", "pk"))
    ids = [a.pk for a in agreements]
    found = events(ids)
    latest = latest_evaluations(ids)
    out = []
    for agreement in agreements:
        to_date = target_rows(agreement, found, today=today)
        in_period = target_rows(agreement, found, date_from, date_to, today=today)
        out.append(
            {
                "agreement": agreement.pk,
                "number": agreement.number,
                "title": agreement.title,
                "kind": agreement.kind,
                "valid_from": agreement.valid_from,
                "valid_to": agreement.valid_to,
                "status": status(agreement, to_date, latest.get(agreement.pk), today),
                "targets": [
                    {
                        "scope": row.item,
                        "measure": row.measure,
                        "target": row.target,
                        "realised": row.realised,
                        "realised_to_date": total.realised,
                    }
                    for row, total in zip(in_period, to_date, strict=True)
                ],
            }
        )
    return out


def report_frame(rows: list[dict]) -> pd.DataFrame:
    """One line per target, for the page table and the downloads."""
    lines = []
    for row in rows:
        for target in row["targets"] or [{}]:
            lines.append(
                {
                    "agreement": row["agreement"],
                    "number": row["number"],
                    "title": row["title"],
                    "status": str(STATUS_LABELS.get(row["status"], row["status"])),
                    "valid_to": row["valid_to"],
                    "scope": str(ScopeItem(target["scope"]).label) if target else "",
                    "measure": str(Measure(target["measure"]).label) if target else "",
                    "target": target.get("target"),
                    "realised": target.get("realised"),
                    "realised_to_date": target.get("realised_to_date"),
                    "share": (
                        target["realised_to_date"] / target["target"]
                        if target and target["realised_to_date"] is not None and target["target"]
                        else None
                    ),
                }
            )
    return pd.DataFrame(
        lines,
        columns=[
            "agreement", "number", "title", "status", "valid_to", "scope", "measure",
            "target", "realised", "realised_to_date", "share",
        ],
    )  # fmt: skip


# ---------------------------------------------------------------------------- home tasks


def attention(user, today: datetime.date | None = None) -> tuple[int, int]:
    """(expiring within 90 days, behind target) among the agreements the user may see:
    the rows of the agreement list's ``?attention=expiring`` and ``behind``.

    One read of the agreements in force with their targets and the dates the status
    reads, the expiring ones counted from it; the parties, office and parent
    ``with_targets`` adds are for the pages."""
    today = today or timezone.localdate()
    agreements = list(
        Agreement.objects.visible_to(user)
        .filter(valid_to__gte=today)
        .only("valid_from", "valid_to")
        .prefetch_related("scope_items__targets")
    )
    if not agreements:
        return 0, 0
    soon = today + datetime.timedelta(days=EXPIRING_DAYS)
    expiring = sum(1 for a in agreements if a.valid_to <= soon)
    ids = [a.pk for a in agreements]
    targeted = {t.measure for a in agreements for s in a.scope_items.all() for t in s.targets.all()}
    found = events(ids, targeted)
    latest = latest_evaluations(ids)
    behind = sum(
        1
        for a in agreements
        if status(a, target_rows(a, found, today=today), latest.get(a.pk), today)
        in (Status.BEHIND, Status.AT_RISK)
    )
    return expiring, behind
