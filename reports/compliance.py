"""The reporting ledger and the compliance report (Perpres 57/2023): who of the companies
on a labour office's register reports its vacancies, their fills and its hires.

Definitions (the shared plan of the reporting duty; also written on the page):

- **the register**: the companies an office keeps (``Company.office``); officers read
  their own office's, admins every office's or one office's (``register``).
- **vacancies**, **openings**: vacancies reported in the period, by the day they reached
  Vokasi (``created_at``); every one counts, a rejected one too (it was reported).
- **fill report** of a vacancy: a reported hire against it, a placement through it (a
  referral or an apprenticeship), or the company closing it as ``filled``; its date is
  the hire's or placement's start, or the day it was closed. **fills_reported**: the
  vacancies whose first fill report falls in the period (``vacancy_frame``).
- **overdue** at a day D: a vacancy whose ``closes_on`` lies more than
  ``VOKASI_FILL_REPORT_GRACE_DAYS`` (30) days before D, with no fill report by D, not
  closed as cancelled or taken down by D and not rejected (a rejected vacancy was never
  published, so nobody can fill it). The report reads D = the period's last day, or
  today for a period not yet over (``overdue``).
- **hires**: hires the companies reported whose ``start_date`` falls in the period; of
  them **local** (domiciled in the city of the company's office: the kecamatan code
  starts with the office's city code and a dot), **referred** (their placement came
  through a Vokasi referral) and **trained** (a registered person who completed a cohort
  that ended before the start date).
- **companies_reporting**: companies that reported a vacancy, a hire or a fill in the
  period; **status** at D (by company): ``never`` when the company has reported no
  vacancy and no hire by D, ``overdue`` when it has an overdue vacancy at D, else
  ``reporting``; **last_report**: the latest day by D it reported a vacancy, a hire or a
  fill (vacancy created, hire recorded, vacancy closed as filled).

A period that has ended gives the same numbers after later records: every count reads
dates on the records, never today's state. A report reads the register in a handful of
queries, none per company: hires grouped per company in SQL; the vacancies as one narrow
row each with their first hire and placement grouped per vacancy in SQL, the fill and
overdue rules then applied to that frame (``vacancy_frame``, ``overdue_at``).

This module is long (over 550 lines) because it is one set of rules read three ways:
the definitions above, the register's report that counts them and one company's ledger
(its months, status and overdue vacancies) share the same counting steps (``_counts``,
``_history``, ``overdue_at``); split apart, those private steps would have to become a
public interface between modules for no second user.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd
from django.conf import settings
from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Concat, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.models import CompanyWarning, Hire, Placement, Vacancy
from reports.db import report_query
from trainees.models import Enrollment
from vokasi.dates import add_months
from vokasi.models import Company, LabourOffice, Sector
from vokasi.roles import is_officer

BY = {
    "company": _("company"),
    "sector": _("sector (KBLI category)"),
    "kecamatan": _("kecamatan"),
}
STATUSES = {
    "reporting": _("reporting"),
    "overdue": _("overdue"),
    "never": _("never reported"),
}
COUNTS = [
    "companies",
    "companies_reporting",
    "vacancies",
    "openings",
    "fills_reported",
    "hires",
    "hires_local",
    "hires_referred",
    "hires_trained",
    "overdue",
]
FILL_SOURCES = (Placement.Source.REFERRAL, Placement.Source.APPRENTICESHIP)
ENDED_WITHOUT_FILL = (Vacancy.CloseReason.CANCELLED, Vacancy.CloseReason.TAKEN_DOWN)


def grace_days() -> int:
    return settings.VOKASI_FILL_REPORT_GRACE_DAYS


def register(user, office: LabourOffice | None = None) -> QuerySet:
    """The companies on the register the user reads (``Company.objects.in_register_of``):
    an officer's office's; an admin's all, or the one office asked for."""
    companies = Company.objects.in_register_of(user)
    if office is not None and not is_officer(user):
        companies = companies.filter(office=office)
    return companies


def as_of(date_to: datetime.date, today: datetime.date | None = None) -> datetime.date:
    """The day the statuses are read at: the period's last day, or today if sooner."""
    return min(date_to, today or timezone.localdate())


# ------------------------------------------------------------------ the definitions


def vacancy_frame(companies: QuerySet) -> pd.DataFrame:
    """One row per vacancy of ``companies``: the company, the day it was reported, its
    openings, dates, status and close reason, and ``fill_date``, the day of its first fill
    report (NaT when none): the earliest of a reported hire's start, a referral's or an
    apprenticeship's placement's start, and the day the company closed it as filled.

    Three flat reads (the vacancies, and the first hire and first placement of each,
    grouped in SQL) joined here: a correlated subquery per vacancy took seconds for a
    register of 18,000 companies (``bench/compliance.py``)."""
    rows = (
        Vacancy.objects.filter(company__in=companies)
        .annotate(day=TruncDate("created_at"))
        .order_by()
        .values_list(
            "pk",
            "company_id",
            "day",
            "openings",
            "closes_on",
            "status",
            "close_reason",
            "closed_on",
        )
    )
    frame = _frame(
        rows,
        [
            "vacancy_id",
            "company_id",
            "day",
            "openings",
            "closes_on",
            "status",
            "close_reason",
            "closed_on",
        ],
    )
    hired = _grouped(
        Hire.objects.filter(vacancy__company__in=companies), ["vacancy_id"], hired=Min("start_date")
    )
    placed = _grouped(
        Placement.objects.filter(vacancy__company__in=companies, source__in=FILL_SOURCES),
        ["vacancy_id"],
        placed=Min("start_date"),
    )
    frame = frame.merge(hired, on="vacancy_id", how="left").merge(
        placed, on="vacancy_id", how="left"
    )
    for column in ("day", "closes_on", "closed_on", "hired", "placed"):
        frame[column] = pd.to_datetime(frame[column])
    closed_filled = (
        frame["closed_on"]
        .fillna(frame["closes_on"])
        .where(frame["close_reason"] == Vacancy.CloseReason.FILLED)
    )
    frame["fill_date"] = pd.concat([frame["hired"], frame["placed"], closed_filled], axis=1).min(
        axis=1
    )
    return frame


def overdue_at(frame: pd.DataFrame, day: datetime.date) -> pd.Series:
    """Which vacancies of ``vacancy_frame`` are overdue at ``day`` (module docstring)."""
    moment = pd.Timestamp(day)
    due = pd.Timestamp(day - datetime.timedelta(days=grace_days()))
    ended = frame["close_reason"].isin(ENDED_WITHOUT_FILL) & (
        frame["closed_on"].isna() | (frame["closed_on"] <= moment)
    )
    unfilled = frame["fill_date"].isna() | (frame["fill_date"] > moment)
    return (
        (frame["closes_on"] < due)
        & (frame["status"] != Vacancy.Status.REJECTED)
        & ~ended
        & unfilled
    )


def _between(column: pd.Series, date_from, date_to) -> pd.Series:
    return (column >= pd.Timestamp(date_from)) & (column <= pd.Timestamp(date_to))


def _month_of(column: pd.Series) -> pd.Series:
    return column.dt.to_period("M").dt.start_time.dt.date


def local_hire(prefix: str = "") -> Q:
    """A hire domiciled in the city of its company's office."""
    return Q(
        **{
            f"{prefix}domicile__code__startswith": Concat(
                F(f"{prefix}company__office__region_id"), Value(".")
            )
        }
    )


def trained_hire() -> Q:
    """A hire of a registered person who completed a cohort ending before the start."""
    return Q(
        Exists(
            Enrollment.objects.filter(
                job_seeker=OuterRef("job_seeker"),
                status=Enrollment.Status.COMPLETED,
                cohort__end_date__lt=OuterRef("start_date"),
            )
        )
    )


def referred_hire() -> Q:
    return Q(placement__source=Placement.Source.REFERRAL)


# ------------------------------------------------------------------- the counting


@dataclass(frozen=True)
class Filters:
    date_from: datetime.date
    date_to: datetime.date
    by: str = "company"


def _frame(rows, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(rows), columns=columns)


def _grouped(queryset: QuerySet, keys: list[str], **aggregates) -> pd.DataFrame:
    rows = queryset.order_by().values(*keys).annotate(**aggregates).values_list(*keys, *aggregates)
    return _frame(rows, [*keys, *aggregates])


def _month(field: str):
    return TruncMonth(field, output_field=DateField())


def _counts(
    companies: QuerySet, vacancies: pd.DataFrame, date_from, date_to, day, *, monthly: bool
) -> pd.DataFrame:
    """One row per company (and month, when ``monthly``): the counts of the module
    docstring, 0 where nothing was reported. ``vacancies``: their ``vacancy_frame``."""
    keys = ["company_id", "month"] if monthly else ["company_id"]
    frames = _vacancy_counts(vacancies, keys, date_from, date_to)
    frames += _hire_counts(companies, keys, date_from, date_to, day)
    if not monthly:
        late = vacancies[overdue_at(vacancies, day)]
        frames.append(late.groupby(keys).agg(overdue=("vacancy_id", "count")).reset_index())
    frame = frames[0]
    for part in frames[1:]:
        frame = frame.merge(part, on=keys, how="outer")
    counts = [c for c in frame.columns if c not in (*keys, "last_hire")]
    frame[counts] = frame[counts].fillna(0).astype(int)
    return frame


def _vacancy_counts(vacancies: pd.DataFrame, keys: list[str], date_from, date_to) -> list:
    """The vacancies and openings reported in the period, and the fills reported in it,
    grouped by ``keys`` (by month of each date when ``keys`` has a month)."""
    reported = vacancies[_between(vacancies["day"], date_from, date_to)]
    filled = vacancies[_between(vacancies["fill_date"], date_from, date_to)]
    if "month" in keys:
        reported = reported.assign(month=_month_of(reported["day"]))
        filled = filled.assign(month=_month_of(filled["fill_date"]))
    return [
        reported.groupby(keys)
        .agg(vacancies=("vacancy_id", "count"), openings=("openings", "sum"))
        .reset_index(),
        filled.groupby(keys).agg(fills_reported=("vacancy_id", "count")).reset_index(),
    ]


def _hire_counts(companies: QuerySet, keys: list[str], date_from, date_to, day) -> list:
    """The hires starting in the period (local, referred, trained), grouped by ``keys``;
    without a month also when the register last recorded one by ``day``."""
    in_period = Q(start_date__gte=date_from, start_date__lte=date_to)
    hires = Hire.objects.filter(in_period, company__in=companies)
    frames = []
    if "month" in keys:
        hires = hires.annotate(month=_month("start_date"))
        frames.append(
            _grouped(
                hires,
                keys,
                hires=Count("pk"),
                hires_local=Count("pk", filter=local_hire()),
                hires_referred=Count("pk", filter=referred_hire()),
            )
        )
    else:
        # One pass over every hire of the register: the period's counts, and the last
        # day one was recorded by ``day`` (``_history``).
        every = Hire.objects.filter(company__in=companies).annotate(day=TruncDate("created_at"))
        frames.append(
            _grouped(
                every,
                keys,
                hires=Count("pk", filter=in_period),
                hires_local=Count("pk", filter=in_period & local_hire()),
                hires_referred=Count("pk", filter=in_period & referred_hire()),
                hired_by=Count("pk", filter=Q(day__lte=day) | Q(start_date__lte=day)),
                last_hire=Max("day", filter=Q(day__lte=day)),
            )
        )
    # Only a registered person can have trained: the EXISTS runs for those hires alone.
    frames.append(
        _grouped(
            hires.filter(Q(job_seeker__isnull=False), trained_hire()),
            keys,
            hires_trained=Count("pk"),
        )
    )
    return frames


def _history(vacancies: pd.DataFrame, counts: pd.DataFrame, day: datetime.date) -> pd.DataFrame:
    """Per company: whether it reported anything by ``day``, and its last report date
    (a vacancy reported, a hire recorded, a vacancy closed as filled). ``counts``: the
    period's ``_counts`` (its hires reported by ``day`` and the last one recorded)."""
    moment = pd.Timestamp(day)
    reported = vacancies[vacancies["day"] <= moment]
    filled = vacancies[
        (vacancies["close_reason"] == Vacancy.CloseReason.FILLED)
        & (vacancies["closed_on"] <= moment)
    ]
    latest: dict[int, list] = {}
    parts = (
        (reported.groupby("company_id")["day"].max(), True),
        (filled.groupby("company_id")["closed_on"].max(), False),
    )
    for series, counts_as_report in parts:
        for company_id, last in series.items():
            latest.setdefault(company_id, []).append((counts_as_report, last.date()))
    hired = counts[counts["hired_by"] > 0]
    for company_id, last in zip(hired["company_id"], hired["last_hire"], strict=True):
        latest.setdefault(company_id, []).append((True, None if pd.isna(last) else last))
    rows = []
    for company_id, found in latest.items():
        dates = [last for _report, last in found if last is not None and last <= day]
        rows.append((company_id, any(report for report, _last in found), max(dates, default=None)))
    return _frame(rows, ["company_id", "reported", "last_report"])


def status_of(reported: bool, overdue_count: int) -> str:
    if not reported:
        return "never"
    return "overdue" if overdue_count else "reporting"


@report_query
def company_rows(
    companies: QuerySet, date_from, date_to, today: datetime.date | None = None
) -> pd.DataFrame:
    """One row per company on the register: its counts for the period, its status and
    last report date at the period's end (or today)."""
    day = as_of(date_to, today)
    info = _frame(
        companies.order_by().values_list(
            "pk", "name", "sector__category", "region_id", "region__name", "status"
        ),
        ["company_id", "name", "sector", "kecamatan", "kecamatan_name", "register_status"],
    )
    vacancies = vacancy_frame(companies)
    counts = _counts(companies, vacancies, date_from, date_to, day, monthly=False)
    history = _history(vacancies, counts, day)
    frame = info.merge(counts.drop(columns=["hired_by", "last_hire"]), on="company_id", how="left")
    frame = frame.merge(history, on="company_id", how="left")
    for column in COUNTS[2:]:
        if column not in frame:
            frame[column] = 0
        frame[column] = frame[column].fillna(0).astype(int)
    frame["reported"] = frame["reported"].fillna(False).astype(bool)
    frame["companies"] = 1
    frame["companies_reporting"] = (
        (frame["vacancies"] > 0) | (frame["hires"] > 0) | (frame["fills_reported"] > 0)
    ).astype(int)
    frame["status"] = [
        status_of(reported, count)
        for reported, count in zip(frame["reported"], frame["overdue"], strict=True)
    ]
    frame["last_report"] = (
        frame["last_report"].astype(object).where(frame["last_report"].notna(), None)
    )
    return frame.sort_values(["name", "company_id"]).reset_index(drop=True)


def _shares(frame: pd.DataFrame) -> pd.DataFrame:
    def share(part, whole):
        return (frame[part] / frame[whole].where(frame[whole] > 0)).round(4)

    frame["reporting_rate"] = share("companies_reporting", "companies")
    frame["local_share"] = share("hires_local", "hires")
    frame["referred_share"] = share("hires_referred", "hires")
    frame["trained_share"] = share("hires_trained", "hires")
    return frame


def report(companies: QuerySet, filters: Filters, today: datetime.date | None = None):
    """The compliance report's rows for ``filters.by`` (a frame with the API's columns)."""
    frame = company_rows(companies, filters.date_from, filters.date_to, today)
    if filters.by == "company":
        rows = frame.assign(key=frame["company_id"])
        rows = rows[["key", "name", *COUNTS, "status", "last_report", "register_status"]]
    else:
        group = "sector" if filters.by == "sector" else "kecamatan"
        rows = frame.groupby(group, dropna=False)[COUNTS].sum().reset_index()
        rows = rows.rename(columns={group: "key"})
        if group == "sector":
            names = dict(
                Sector.objects.filter(code__in=list(rows["key"].dropna())).values_list(
                    "code", "name"
                )
            )
        else:
            names = dict(zip(frame["kecamatan"], frame["kecamatan_name"], strict=True))
        rows["name"] = [names.get(key, key) for key in rows["key"]]
        rows["status"] = None
        rows = rows[["key", "name", *COUNTS, "status"]].sort_values("key")
    return _shares(rows.reset_index(drop=True))


def totals(rows: pd.DataFrame) -> dict:
    total = {column: int(rows[column].sum()) if len(rows) else 0 for column in COUNTS}
    frame = _shares(pd.DataFrame([total]))
    for column in ("reporting_rate", "local_share", "referred_share", "trained_share"):
        value = frame.loc[0, column]
        total[column] = None if pd.isna(value) else float(value)
    return total


def records(rows: pd.DataFrame) -> list[dict]:
    """The frame as JSON-ready rows (numbers as numbers, missing values as null)."""
    out = []
    for row in rows.to_dict("records"):
        clean = {}
        for name, value in row.items():
            if value is None or (not isinstance(value, str | datetime.date) and pd.isna(value)):
                clean[name] = None
            elif name in COUNTS or (name == "key" and not isinstance(value, str)):
                clean[name] = int(value)
            elif isinstance(value, float):
                clean[name] = float(value)
            else:
                clean[name] = value
        out.append(clean)
    return out


# ------------------------------------------------------------ one company's ledger


@dataclass
class Month:
    month: datetime.date
    vacancies: int = 0
    openings: int = 0
    fills_reported: int = 0
    hires: int = 0
    hires_local: int = 0
    hires_referred: int = 0
    hires_trained: int = 0
    overdue: int = 0

    @property
    def code(self) -> str:
        return self.month.strftime("%Y-%m")


@report_query
def company_ledger(company: Company, months: int = 12, today: datetime.date | None = None):
    """The company's last ``months`` months, newest first, with the vacancies overdue at
    each month's end (today for the current month)."""
    today = today or timezone.localdate()
    first = add_months(today.replace(day=1), -(months - 1))
    companies = Company.objects.filter(pk=company.pk)
    vacancies = vacancy_frame(companies)
    frame = _counts(companies, vacancies, first, today, today, monthly=True)
    found = {row["month"]: row for row in frame.to_dict("records")}
    ledger = []
    for n in range(months):
        start = add_months(first, n)
        end = min(add_months(start, 1) - datetime.timedelta(days=1), today)
        row = found.get(start, {})
        month = Month(month=start, **{k: int(v) for k, v in row.items() if k in COUNTS})
        month.overdue = int(overdue_at(vacancies, end).sum())
        ledger.append(month)
    return list(reversed(ledger))


@report_query
def company_status(company: Company, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    companies = Company.objects.filter(pk=company.pk)
    vacancies = vacancy_frame(companies)
    counts = _counts(companies, vacancies, today, today, today, monthly=False)
    history = _history(vacancies, counts, today)
    reported = bool(len(history)) and bool(history["reported"].iloc[0])
    return status_of(reported, int(overdue_at(vacancies, today).sum()))


def overdue_vacancies_at(companies: QuerySet, day: datetime.date | None = None) -> QuerySet:
    """The vacancies of ``companies`` overdue at ``day`` (today), as one query.

    The same rule as ``overdue_at`` (module docstring), written as conditions on the
    vacancy for the reads of one day (the home's task, a company's own list): the frame
    serves the reports, which read many days of thousands of companies at once.
    ``tests/reports/test_compliance_overdue.py`` checks both give the same vacancies.
    The conditions go to one ``filter``: each ``exclude`` more copied the query so far."""
    day = day or timezone.localdate()
    ended = Q(close_reason__in=ENDED_WITHOUT_FILL) & (
        Q(closed_on__isnull=True) | Q(closed_on__lte=day)
    )
    closed_filled = Q(close_reason=Vacancy.CloseReason.FILLED) & (
        Q(closed_on__lte=day) | Q(closed_on__isnull=True, closes_on__lte=day)
    )
    hired = Hire.objects.filter(vacancy=OuterRef("pk"), start_date__lte=day)
    placed = Placement.objects.filter(
        vacancy=OuterRef("pk"), source__in=FILL_SOURCES, start_date__lte=day
    )
    return Vacancy.objects.filter(
        Q(company__in=companies, closes_on__lt=day - datetime.timedelta(days=grace_days()))
        & ~Q(status=Vacancy.Status.REJECTED)
        & ~(ended | closed_filled)
        & ~Exists(hired)
        & ~Exists(placed)
    )


def overdue_ids(companies: QuerySet, day: datetime.date | None = None) -> pd.DataFrame:
    """The vacancy and company ids of the vacancies of ``companies`` overdue at ``day``."""
    rows = overdue_vacancies_at(companies, day).order_by().values_list("pk", "company_id")
    return _frame(rows, ["vacancy_id", "company_id"])


def overdue_vacancies(company: Company, today: datetime.date | None = None) -> QuerySet:
    return overdue_vacancies_at(Company.objects.filter(pk=company.pk), today).order_by(
        "closes_on", "pk"
    )


@report_query
def overdue_companies(companies: QuerySet, day: datetime.date | None = None) -> int:
    """How many of ``companies`` have a vacancy overdue at ``day`` (today)."""
    return _companies_of(overdue_vacancies_at(companies, day))


def never_reported(companies: QuerySet, day: datetime.date | None = None) -> QuerySet:
    """The companies of ``companies`` with no vacancy and no hire reported by ``day``."""
    day = day or timezone.localdate()
    vacancies = Vacancy.objects.filter(company=OuterRef("pk"), created_at__date__lte=day)
    hires = Hire.objects.filter(
        Q(created_at__date__lte=day) | Q(start_date__lte=day), company=OuterRef("pk")
    )
    return companies.filter(~Exists(vacancies) & ~Exists(hires))


@report_query
def register_counts(companies: QuerySet, day: datetime.date | None = None) -> dict[str, int]:
    """The officer's home tasks: how many of ``companies`` have a vacancy overdue at
    ``day`` (today; ``overdue_companies``) and how many never reported by then
    (``never_reported``), as ``{"overdue": n, "never": n}``, under the reports' planner
    settings once for both."""
    day = day or timezone.localdate()
    return {
        "overdue": _companies_of(overdue_vacancies_at(companies, day)),
        "never": never_reported(companies, day).count(),
    }


def _companies_of(vacancies: QuerySet) -> int:
    """How many companies ``vacancies`` belong to, as ``COUNT(DISTINCT company_id)``:
    a count of ``distinct()`` values wraps the query in another, which costs as much
    again to build."""
    return vacancies.aggregate(n=Count("company_id", distinct=True))["n"]


def company_warnings(company: Company) -> QuerySet:
    return CompanyWarning.objects.filter(company=company).order_by("-date", "-pk")


__all__ = [
    "BY",
    "STATUSES",
    "Filters",
    "company_ledger",
    "company_rows",
    "overdue_at",
    "register",
    "report",
    "vacancy_frame",
]
