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
  vacancies whose first fill report falls in the period (``with_fill_dates``).
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
dates on the records, never today's state. Each figure is one grouped query over the
register (a handful per report, none per company); only grouped rows reach pandas.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd
from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Least, TruncDate, TruncMonth
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
#: A day no fill report reaches: the "no fill yet" of ``with_fill_dates``.
NEVER = datetime.date(9999, 12, 31)
FILL_SOURCES = (Placement.Source.REFERRAL, Placement.Source.APPRENTICESHIP)
ENDED_WITHOUT_FILL = (Vacancy.CloseReason.CANCELLED, Vacancy.CloseReason.TAKEN_DOWN)


def grace_days() -> int:
    return settings.VOKASI_FILL_REPORT_GRACE_DAYS


def register(user, office: LabourOffice | None = None) -> QuerySet:
    """The companies on the register the user reads: an officer's office's; an admin's
    all, or one office's."""
    if is_officer(user):
        return Company.objects.filter(office_id=user.office_id)
    if office is not None:
        return Company.objects.filter(office=office)
    return Company.objects.all()


def as_of(date_to: datetime.date, today: datetime.date | None = None) -> datetime.date:
    """The day the statuses are read at: the period's last day, or today if sooner."""
    return min(date_to, today or timezone.localdate())


# ------------------------------------------------------------------ the definitions


def with_fill_dates(vacancies: QuerySet) -> QuerySet:
    """Annotate ``fill_date``: the day of the vacancy's first fill report (``NEVER``
    when none): the earliest of a reported hire's start, a referral's or
    apprenticeship's placement's start, and the day the company closed it as filled."""

    def first(queryset: QuerySet, field: str):
        return Coalesce(
            Subquery(
                queryset.filter(vacancy=OuterRef("pk"))
                .order_by()
                .values("vacancy")
                .annotate(first=Min(field))
                .values("first")[:1],
                output_field=DateField(),
            ),
            Value(NEVER),
        )

    return vacancies.annotate(
        fill_date=Least(
            first(Hire.objects.all(), "start_date"),
            first(Placement.objects.filter(source__in=FILL_SOURCES), "start_date"),
            Case(
                # closed_on is set whenever a vacancy is closed; closes_on is the fallback.
                When(close_reason="filled", then=Coalesce("closed_on", "closes_on")),
                default=Value(NEVER),
                output_field=DateField(),
            ),
            output_field=DateField(),
        )
    )


def ended_without_fill(day: datetime.date) -> Q:
    """Closed as cancelled or taken down by ``day``: no fill is owed any more."""
    return Q(close_reason__in=ENDED_WITHOUT_FILL) & (
        Q(closed_on__isnull=True) | Q(closed_on__lte=day)
    )


def overdue(vacancies: QuerySet, day: datetime.date) -> QuerySet:
    """The vacancies overdue at ``day`` (module docstring)."""
    candidates = vacancies.filter(
        closes_on__lt=day - datetime.timedelta(days=grace_days())
    ).exclude(Q(status=Vacancy.Status.REJECTED) | ended_without_fill(day))
    return with_fill_dates(candidates).filter(fill_date__gt=day)


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


def _counts(companies: QuerySet, date_from, date_to, day, *, monthly: bool) -> pd.DataFrame:
    """One row per company (and month, when ``monthly``): the counts of the module
    docstring, 0 where nothing was reported."""
    month = ["month"] if monthly else []
    vacancies = Vacancy.objects.filter(company__in=companies)
    reported = vacancies.annotate(day=TruncDate("created_at")).filter(
        day__gte=date_from, day__lte=date_to
    )
    if monthly:
        reported = reported.annotate(month=_month("created_at"))
    frames = [
        _grouped(reported, ["company_id", *month], vacancies=Count("pk"), openings=Sum("openings"))
    ]
    fills = with_fill_dates(vacancies).filter(fill_date__gte=date_from, fill_date__lte=date_to)
    if monthly:
        fills = fills.annotate(month=_month("fill_date"))
    frames.append(_grouped(fills, ["company_id", *month], fills_reported=Count("pk")))
    hires = Hire.objects.filter(company__in=companies, start_date__gte=date_from)
    hires = hires.filter(start_date__lte=date_to)
    if monthly:
        hires = hires.annotate(month=_month("start_date"))
    frames.append(
        _grouped(
            hires,
            ["company_id", *month],
            hires=Count("pk"),
            hires_local=Count("pk", filter=local_hire()),
            hires_referred=Count("pk", filter=referred_hire()),
            hires_trained=Count("pk", filter=trained_hire()),
        )
    )
    if not monthly:
        frames.append(_grouped(overdue(vacancies, day), ["company_id"], overdue=Count("pk")))
    frame = None
    for part in frames:
        frame = part if frame is None else frame.merge(part, on=["company_id", *month], how="outer")
    counts = [c for c in frame.columns if c not in ("company_id", "month")]
    frame[counts] = frame[counts].fillna(0).astype(int)
    return frame


def _history(companies: QuerySet, day: datetime.date) -> pd.DataFrame:
    """Per company: whether it reported anything by ``day``, and its last report date."""
    vacancies = _grouped(
        Vacancy.objects.filter(company__in=companies)
        .annotate(day=TruncDate("created_at"))
        .filter(day__lte=day),
        ["company_id"],
        last_vacancy=Max("day"),
    )
    filled = _grouped(
        Vacancy.objects.filter(company__in=companies, close_reason="filled", closed_on__lte=day),
        ["company_id"],
        last_fill=Max("closed_on"),
    )
    hires = Hire.objects.filter(company__in=companies).annotate(day=TruncDate("created_at"))
    hired = _grouped(
        hires.filter(Q(day__lte=day) | Q(start_date__lte=day)),
        ["company_id"],
        last_hire=Max("day"),
    )
    latest: dict[int, list] = {}
    for part, column in ((vacancies, "last_vacancy"), (filled, "last_fill"), (hired, "last_hire")):
        for company_id, last in zip(part["company_id"], part[column], strict=True):
            latest.setdefault(company_id, []).append((column, last))
    rows = []
    for company_id, found in latest.items():
        reported = any(column in ("last_vacancy", "last_hire") for column, _last in found)
        dates = [last for _column, last in found if last is not None and last <= day]
        rows.append((company_id, reported, max(dates, default=None)))
    frame = _frame(rows, ["company_id", "reported", "last_report"])
    return frame[["company_id", "reported", "last_report"]]


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
    counts = _counts(companies, date_from, date_to, day, monthly=False)
    frame = info.merge(counts, on="company_id", how="left")
    history = _history(companies, day)
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
    frame = _counts(companies, first, today, today, monthly=True)
    found = {row["month"]: row for row in frame.to_dict("records")}
    # The vacancies that could be overdue at some month's end, read once.
    candidates = list(
        with_fill_dates(
            Vacancy.objects.filter(company=company).exclude(status=Vacancy.Status.REJECTED)
        ).values_list("closes_on", "fill_date", "close_reason", "closed_on")
    )
    ledger = []
    for n in range(months):
        start = add_months(first, n)
        end = min(add_months(start, 1) - datetime.timedelta(days=1), today)
        row = found.get(start, {})
        month = Month(month=start, **{k: int(v) for k, v in row.items() if k in COUNTS})
        month.overdue = sum(
            1
            for closes_on, fill_date, reason, closed_on in candidates
            if closes_on < end - datetime.timedelta(days=grace_days())
            and fill_date > end
            and not (reason in ENDED_WITHOUT_FILL and (closed_on is None or closed_on <= end))
        )
        ledger.append(month)
    return list(reversed(ledger))


def company_status(company: Company, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    companies = Company.objects.filter(pk=company.pk)
    history = _history(companies, today)
    reported = bool(len(history)) and bool(history["reported"].iloc[0])
    return status_of(reported, overdue(Vacancy.objects.filter(company=company), today).count())


def overdue_vacancies(company: Company, today: datetime.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    return overdue(Vacancy.objects.filter(company=company), today).order_by("closes_on", "pk")


def overdue_companies(companies: QuerySet, day: datetime.date | None = None) -> int:
    """How many of ``companies`` have a vacancy overdue at ``day`` (today)."""
    day = day or timezone.localdate()
    vacancies = overdue(Vacancy.objects.filter(company__in=companies), day)
    return vacancies.order_by().values("company_id").distinct().count()


def never_reported(companies: QuerySet, day: datetime.date | None = None) -> QuerySet:
    """The companies of ``companies`` with no vacancy and no hire reported by ``day``."""
    day = day or timezone.localdate()
    vacancies = Vacancy.objects.annotate(day=TruncDate("created_at")).filter(
        company=OuterRef("pk"), day__lte=day
    )
    hires = Hire.objects.annotate(day=TruncDate("created_at")).filter(
        Q(day__lte=day) | Q(start_date__lte=day), company=OuterRef("pk")
    )
    return companies.exclude(Exists(vacancies)).exclude(Exists(hires))


def company_warnings(company: Company) -> QuerySet:
    return CompanyWarning.objects.filter(company=company).order_by("-date", "-pk")


__all__ = [
    "BY",
    "STATUSES",
    "Filters",
    "company_ledger",
    "company_rows",
    "overdue",
    "register",
    "report",
    "with_fill_dates",
]
