"""IPK (Informasi Pasar Kerja) tables III/1-III/8, recomputed from the records for any period.

Nothing is snapshotted: each number follows from dates on the records, so last year's
tables come out the same next year (as long as the records are not edited).

Job seekers (III/1-III/3), counted per registration:
- *terdaftar*: registered (``registered_on``) in the period;
- *ditempatkan*: registration ended (``ended_on``) in the period because the person was
  placed; *dihapuskan*: ended in the period for any other reason (expired, withdrawn,
  moved, deceased, data error);
- *sisa lalu*: registered before the period and not ended before it; *sisa akhir*:
  registered by its last day and not ended by then.
- the age group is the age on the day of registration (so a person never moves between
  rows while registered); education and the KBJI major group of the occupation sought
  are the person's current record.

Vacancies (III/1b, III/4-III/6), counted in openings (workers needed), of every
reported vacancy (``VacancyQuerySet.reported``: all but those the office rejected; a
vacancy awaiting verification is reported demand):
- *terdaftar*: openings of vacancies opening (``opens_on``) in the period;
- *ditempatkan* (filled): placements into job vacancies and apprenticeships into
  apprenticeship vacancies starting in the period;
- *dihapuskan*: openings left unfilled when a vacancy closed (``closed_on``) in the period;
- *sisa*: openings registered so far less those filled and removed so far.
- by the sex the vacancy asks for (``Vacancy.sex``, Perpres 57/2023 Pasal 5; a limit only
  where the job needs it, with its reason): ``L`` in the *L* column, ``P`` in *P*, and
  every vacancy open to either sex (``any``) in *L/P*.

Placements (III/7, III/8) are a flow: the registrations that ended as placed in the
period (the *ditempatkan* of III/1-III/3, so the totals agree) by the KBLI category of
the company of the placement that ended each, by sex, and by its channel (AKL / AKAD /
AKAN) by education by sex; a registration ended as placed with no placement recorded is
*not stated*. Only *ditempatkan* applies.

Every stock table balances by construction and by test: sisa akhir = sisa lalu +
terdaftar - ditempatkan - dihapuskan, and a period's sisa lalu is the previous period's
sisa akhir.

This module is long (about 620 lines) and stays one module: the eight tables share the
counting steps and the balance rule above, and are checked against each other.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pandas as pd
from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import (
    Coalesce,
    ExtractDay,
    ExtractMonth,
    ExtractYear,
    Greatest,
    Substr,
)
from django.utils.translation import gettext_lazy as _

from placements.models import Apprenticeship, Placement, Vacancy
from reports.db import report_query
from reports.periods import Period
from reports.scope import Scope
from trainees.models import JobSeeker
from vokasi import age_groups
from vokasi.models import EducationLevel, Occupation, Sector

STOCK = ["sisa_lalu", "terdaftar", "ditempatkan", "dihapuskan", "sisa_akhir"]
AGE_GROUPS = [(group.key, group.label) for group in age_groups.AGE_GROUPS]
CHANNELS = [("akl", "AKL"), ("akad", "AKAD"), ("akan", "AKAN")]
UNKNOWN = "-"


@dataclass
class Table:
    code: str
    title: str
    dimension: str
    kind: str  # "job_seekers" | "vacancies" | "placements"
    splits: list[str]
    rows: list[dict] = field(default_factory=list)
    total: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "title": str(self.title),
            "dimension": str(self.dimension),
            "kind": self.kind,
            "rows": self.rows,
            "total": self.total,
        }


# -------------------------------------------------------------------- job seekers


def _yyyymmdd(field_name: str):
    return ExtractYear(field_name) * 10000 + ExtractMonth(field_name) * 100 + ExtractDay(field_name)


def age_group_at_registration():
    """The IPK age group on the day of registration, computed in SQL.

    ``yyyymmdd(registration) - yyyymmdd(birth)`` is at least ``age * 10000`` exactly when the
    person had turned ``age`` by then. On PostgreSQL the same test is a date comparison,
    ``birth_date <= registered_on - interval 'age years'`` (29 February births agree):
    the arithmetic form repeated four EXTRACTs in numeric per row and per threshold,
    and was most of the time of the IPK tables at a million registrations.
    """
    if connection.vendor == "postgresql":
        case = age_groups.age_group_case(
            lambda years: Q(birth_date__lte=_years_before("registered_on", years))
        )
        return case, None
    age = _yyyymmdd("registered_on") - _yyyymmdd("birth_date")
    return age_groups.age_group_case(lambda years: Q(reg_age__gte=years * 10000)), age


def _years_before(field_name: str, years: int) -> Func:
    return Func(
        F(field_name),
        template=f"(%(expressions)s - interval '{int(years)} years')",
        output_field=DateField(),
    )


def job_seekers(scope: Scope) -> QuerySet:
    qs = JobSeeker.objects.all()
    if scope.office is not None:
        qs = qs.filter(office=scope.office)
    return qs


JOB_SEEKER_DIMENSIONS = ["age_group", "education_level", "major_group"]


def job_seeker_flows(period: Period, scope: Scope) -> pd.DataFrame:
    """One pass over the registrations: a row per (age, education, occupation, sex).

    The tables III/1-III/3 are sums of this frame over one dimension each.
    """
    start, end = period.start, period.end
    qs = job_seekers(scope).filter(registered_on__lte=end).exclude(ended_on__lt=start)
    case, age = age_group_at_registration()
    if age is not None:
        qs = qs.annotate(reg_age=age)
    qs = qs.annotate(
        age_group=case,
        education_level=F("education_id"),
        major_group=Coalesce(Substr("occupation_id", 1, 1), Value(UNKNOWN)),
    )
    ended_in = Q(ended_on__gte=start, ended_on__lte=end)
    rows = (
        qs.order_by()
        .values(*JOB_SEEKER_DIMENSIONS, "sex")
        .annotate(
            sisa_lalu=Count("id", filter=Q(registered_on__lt=start)),
            terdaftar=Count("id", filter=Q(registered_on__gte=start)),
            ditempatkan=Count("id", filter=ended_in & Q(end_reason=JobSeeker.EndReason.PLACED)),
            dihapuskan=Count("id", filter=ended_in & ~Q(end_reason=JobSeeker.EndReason.PLACED)),
            sisa_akhir=Count("id", filter=Q(ended_on__isnull=True) | Q(ended_on__gt=end)),
        )
    )
    return pd.DataFrame.from_records(list(rows), columns=[*JOB_SEEKER_DIMENSIONS, "sex", *STOCK])


def by_dimension(frame: pd.DataFrame, dimension: str, columns=STOCK) -> pd.DataFrame:
    """Sum a flow frame over every dimension but one: the long ``k, sex, ...`` frame."""
    summed = frame.groupby([dimension, "sex"], as_index=False)[list(columns)].sum()
    return summed.rename(columns={dimension: "k"})


# ---------------------------------------------------------------------- vacancies


def vacancies(scope: Scope) -> QuerySet:
    qs = Vacancy.objects.reported()
    if scope.office is not None:
        qs = qs.filter(region__code__startswith=scope.office.region_id + ".")
    return qs


def filled_records():
    """(queryset, vacancy prefix) pairs whose rows fill one opening each."""
    return [
        (Placement.objects.filter(vacancy__kind=Vacancy.Kind.JOB), "vacancy__"),
        (
            Apprenticeship.objects.filter(vacancy__kind=Vacancy.Kind.APPRENTICESHIP),
            "vacancy__",
        ),
    ]


def _filled_count_subquery():
    """Openings a vacancy has filled, over its whole life, as a correlated subquery.

    Only the record kind matching the vacancy's kind is counted (see ``filled_records``),
    so one index probe per vacancy on the matching table, without joining the vacancy again.
    """
    counts = {}
    for kind, model in (
        (Vacancy.Kind.JOB, Placement),
        (Vacancy.Kind.APPRENTICESHIP, Apprenticeship),
    ):
        counts[kind] = Subquery(
            model.objects.filter(vacancy=OuterRef("pk"))
            .order_by()
            .values("vacancy")
            .annotate(c=Count("id"))
            .values("c")[:1],
            output_field=IntegerField(),
        )
    return Coalesce(
        Case(
            *[When(kind=kind, then=count) for kind, count in counts.items()],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _vacancy_keys(prefix: str = "") -> dict:
    return {
        "education_level": Coalesce(F(f"{prefix}education_min_id"), Value(UNKNOWN)),
        "major_group": Substr(f"{prefix}occupation_id", 1, 1),
        "kbli_category": F(f"{prefix}company__sector__category"),
        # The IPK column: the sex the vacancy asks for, "LP" when either sex may apply.
        "vacancy_sex": Case(
            When(**{f"{prefix}sex": Vacancy.Sex.ANY}, then=Value("LP")),
            default=F(f"{prefix}sex"),
        ),
    }


VACANCY_DIMS = ["education_level", "major_group", "kbli_category", "vacancy_sex"]


def vacancy_flows(period: Period, scope: Scope) -> pd.DataFrame:
    """Openings registered, filled and removed, a row per (education, occupation, sector).

    Four queries whatever the tables: openings, two kinds of fills, removals. The
    ``sex`` column is the IPK column the vacancy counts in: ``L``, ``P`` or ``LP``.
    """
    base = vacancies(scope)
    dims = VACANCY_DIMS
    parts = [
        _openings_registered(base, period),
        *_openings_filled(base, period),
        _openings_removed(base, period),
    ]
    frame = pd.concat([part.set_index(dims) for part in parts]).fillna(0)
    frame = frame.groupby(level=list(range(len(dims)))).sum().astype("int64")
    frame["sisa_lalu"] = frame["before"] - frame["filled_before"] - frame["removed_before"]
    frame["sisa_akhir"] = (
        frame["sisa_lalu"] + frame["terdaftar"] - frame["ditempatkan"] - frame["dihapuskan"]
    )
    frame = frame.reset_index()
    frame["all"] = "all"
    frame = frame.rename(columns={"vacancy_sex": "sex"})
    return frame[["all", *dims[:-1], "sex", *STOCK]]


def _openings_registered(base: QuerySet, period: Period) -> pd.DataFrame:
    """The openings of the vacancies opened before the period and in it."""
    start, end = period.start, period.end
    dims = VACANCY_DIMS
    opened = (
        base.filter(opens_on__lte=end)
        .annotate(**_vacancy_keys())
        .order_by()
        .values(*dims)
        .annotate(
            before=Coalesce(Sum("openings", filter=Q(opens_on__lt=start)), 0),
            terdaftar=Coalesce(Sum("openings", filter=Q(opens_on__gte=start)), 0),
        )
    )
    return pd.DataFrame.from_records(list(opened), columns=[*dims, "before", "terdaftar"])


def _openings_filled(base: QuerySet, period: Period) -> list[pd.DataFrame]:
    """The openings filled before the period and in it, one frame per kind of fill."""
    start, end = period.start, period.end
    dims = VACANCY_DIMS
    parts = []
    for qs, prefix in filled_records():
        rows = (
            qs.filter(**{f"{prefix}in": base}, start_date__lte=end)
            .annotate(**_vacancy_keys(prefix))
            .order_by()
            .values(*dims)
            .annotate(
                filled_before=Count("id", filter=Q(start_date__lt=start)),
                ditempatkan=Count("id", filter=Q(start_date__gte=start)),
            )
        )
        parts.append(
            pd.DataFrame.from_records(list(rows), columns=[*dims, "filled_before", "ditempatkan"])
        )
    return parts


def _openings_removed(base: QuerySet, period: Period) -> pd.DataFrame:
    """The openings left unfilled when a vacancy closed, before the period and in it."""
    start, end = period.start, period.end
    dims = VACANCY_DIMS
    removed_rows = (
        base.filter(closed_on__isnull=False, closed_on__lte=end)
        .annotate(
            **_vacancy_keys(),
            unfilled=Greatest(F("openings") - _filled_count_subquery(), Value(0)),
        )
        .order_by()
        .values(*dims)
        .annotate(
            removed_before=Coalesce(Sum("unfilled", filter=Q(closed_on__lt=start)), 0),
            dihapuskan=Coalesce(Sum("unfilled", filter=Q(closed_on__gte=start)), 0),
        )
    )
    return pd.DataFrame.from_records(
        list(removed_rows), columns=[*dims, "removed_before", "dihapuskan"]
    )


# --------------------------------------------------------------------- placements


def placement_flows(period: Period, scope: Scope, group: str) -> pd.DataFrame:
    """The *ditempatkan* of III/2, broken down by the placement that ended each.

    A row per registration that ended as placed in the period (so III/7 and III/8 add up
    to the job-seeker tables' *ditempatkan*, by construction): its placement is the one
    starting latest on or before the end day (every way of recording a placement — a
    referral hire, an apprenticeship turned hire, a self-found job — ends the
    registration on its start day). A registration ended as placed with no placement
    recorded counts under *not stated*.
    """
    placed = job_seekers(scope).filter(
        end_reason=JobSeeker.EndReason.PLACED,
        ended_on__gte=period.start,
        ended_on__lte=period.end,
    )
    ending = Placement.objects.filter(
        job_seeker=OuterRef("pk"), start_date__lte=OuterRef("ended_on")
    ).order_by("-start_date", "-pk")
    if group == "sector":
        # A job at a company not in the register has no sector: counted as not stated.
        qs = placed.annotate(
            k=Coalesce(Subquery(ending.values("company__sector__category")[:1]), Value(UNKNOWN))
        )
        keys = ["k"]
    else:
        qs = placed.annotate(
            k=Coalesce(Subquery(ending.values("channel")[:1]), Value(UNKNOWN)),
            level=Coalesce(F("education_id"), Value(UNKNOWN)),
        )
        keys = ["k", "level"]
    rows = qs.order_by().values(*keys, "sex").annotate(ditempatkan=Count("id"))
    frame = pd.DataFrame.from_records(list(rows), columns=[*keys, "sex", "ditempatkan"])
    if group == "channel":
        known = frame["k"] != UNKNOWN
        frame["k"] = frame["k"].where(~known, frame["k"] + ":" + frame["level"])
        frame = frame.drop(columns=["level"])
    return frame


# ---------------------------------------------------------------------- assembling


def _categories(group: str) -> list[tuple[str, str]]:
    if group == "age":
        return AGE_GROUPS
    if group == "education":
        return list(EducationLevel.objects.order_by("rank").values_list("code", "name"))
    if group == "occupation":
        majors = Occupation.objects.filter(code__regex=r"^[0-9]$").order_by("code")
        return list(majors.values_list("code", "name"))
    if group == "sector":
        return list(Sector.objects.filter(code=F("category")).values_list("code", "name"))
    if group == "channel":
        levels = list(EducationLevel.objects.order_by("rank").values_list("code", "name"))
        return [
            (f"{channel}:{code}", f"{label} · {name}")
            for channel, label in CHANNELS
            for code, name in levels
        ]
    return [("all", str(_("Vacancies")))]


def _assemble(frame: pd.DataFrame, categories, splits, columns, unknown_label=None) -> tuple:
    keys = [key for key, _name in categories]
    names = dict(categories)
    if unknown_label:  # always there, so every period's table has the same rows
        keys.append(UNKNOWN)
        names[UNKNOWN] = unknown_label
    extra = sorted(set(frame["k"]) - set(keys))
    for key in extra:  # codes without a reference row still count
        keys.append(key)
        names[key] = key
    # Sum once, then look cells up: filtering the frame per cell was half the report's time.
    cells = frame.groupby(["k", "sex"])[list(columns)].sum().to_dict("index")
    per_key = frame.groupby("k")[list(columns)].sum().to_dict("index")
    zero = dict.fromkeys(columns, 0)
    rows = []
    for key in keys:
        row = {"key": key, "name": str(names[key])}
        for split in splits:
            cell = cells.get((key, split), zero)
            row[split] = {c: int(cell[c]) for c in columns}
        row["total"] = {c: int(per_key.get(key, zero)[c]) for c in columns}
        rows.append(row)
    total = {"key": "total", "name": str(_("Total"))}
    for split in [*splits, "total"]:
        total[split] = {c: sum(r[split][c] for r in rows) for c in columns}
    return rows, total


def _stock_table(code, title, dimension, kind, frame, group, splits, unknown=None) -> Table:
    rows, total = _assemble(frame, _categories(group), splits, STOCK, unknown)
    return Table(code, title, dimension, kind, splits, rows, total)


def _flow_table(code, title, dimension, frame, group, unknown=None) -> Table:
    unknown = unknown or _("not stated")
    rows, total = _assemble(frame, _categories(group), ["L", "P"], ["ditempatkan"], unknown)
    if group == "channel":  # keep the channel by education rows that have placements
        rows = [row for row in rows if row["total"]["ditempatkan"]]
    # Same row shape as the stock tables; a flow has no stock, so those cells are null.
    for row in [*rows, total]:
        for split in ("L", "P", "total"):
            row[split] = {column: row[split].get(column) for column in STOCK}
    return Table(code, title, dimension, "placements", ["L", "P"], rows, total)


#: The job-seeker tables: code → (title, first column, dimension, categories, "not stated"?).
JOB_SEEKER_TABLES = {
    "III/1": (_("Job seekers by age group and sex"), _("Age group"), "age_group", "age", False),
    "III/2": (
        _("Job seekers by education and sex"),
        _("Education"),
        "education_level",
        "education",
        False,
    ),
    "III/3": (
        _("Job seekers by KBJI major group and sex"),
        _("KBJI 2014 major group"),
        "major_group",
        "occupation",
        True,
    ),
}
#: The placement tables: code → (title, first column, grouping, "not stated"?).
PLACEMENT_TABLES = {
    "III/7": (_("Placements by KBLI category and sex"), _("KBLI 2020 category"), "sector", True),
    "III/8": (
        _("Placements by channel (AKL/AKAD/AKAN), education and sex"),
        _("Channel · education"),
        "channel",
        False,
    ),
}


def _job_seeker_table(code: str, people: pd.DataFrame) -> Table:
    title, dimension, column, group, not_stated = JOB_SEEKER_TABLES[code]
    unknown = _("not stated") if not_stated else None
    frame = by_dimension(people, column)
    return _stock_table(code, title, dimension, "job_seekers", frame, group, ["L", "P"], unknown)


def _placement_table(code: str, period: Period, scope: Scope) -> Table:
    title, dimension, group, not_stated = PLACEMENT_TABLES[code]
    unknown = _("not stated") if not_stated else None
    return _flow_table(
        code, title, dimension, placement_flows(period, scope, group), group, unknown
    )


@report_query
def ipk_tables(period: Period, scope: Scope) -> dict[str, Table]:
    unknown = _("not stated")
    people = job_seeker_flows(period, scope)
    openings = vacancy_flows(period, scope)
    return {
        "III/1": _job_seeker_table("III/1", people),
        "III/1b": _stock_table(
            "III/1b",
            _("Vacancies (openings), summary"),
            _("Vacancies"),
            "vacancies",
            by_dimension(openings, "all"),
            "all",
            ["L", "P", "LP"],
        ),
        "III/2": _job_seeker_table("III/2", people),
        "III/3": _job_seeker_table("III/3", people),
        "III/4": _stock_table(
            "III/4",
            _("Vacancies by education and sex"),
            _("Minimum education"),
            "vacancies",
            by_dimension(openings, "education_level"),
            "education",
            ["L", "P", "LP"],
            unknown,
        ),
        "III/5": _stock_table(
            "III/5",
            _("Vacancies by KBJI major group"),
            _("KBJI 2014 major group"),
            "vacancies",
            by_dimension(openings, "major_group"),
            "occupation",
            ["L", "P", "LP"],
        ),
        "III/6": _stock_table(
            "III/6",
            _("Vacancies by KBLI category"),
            _("KBLI 2020 category"),
            "vacancies",
            by_dimension(openings, "kbli_category"),
            "sector",
            ["L", "P", "LP"],
        ),
        "III/7": _placement_table("III/7", period, scope),
        "III/8": _placement_table("III/8", period, scope),
    }


def as_json(period: Period, tables: dict[str, Table]) -> dict:
    """The API shape: ``{"period", "tables": {"III/1": ..., ...}}``.

    III/1 carries the vacancy summary under ``"vacancies"`` beside its job-seeker rows.
    """
    out = {code: table.as_dict() for code, table in tables.items() if code != "III/1b"}
    out["III/1"]["vacancies"] = tables["III/1b"].as_dict()
    return {
        "period": {
            "code": period.code,
            "kind": period.kind,
            "label": str(period.label),
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
        },
        "tables": out,
    }


def as_frame(tables: dict[str, Table]) -> pd.DataFrame:
    """Every table in one flat frame for CSV/XLSX: one line per row, columns per split."""
    lines = []
    for code, table in tables.items():
        columns = STOCK if table.kind != "placements" else ["ditempatkan"]
        for row in [*table.rows, table.total]:
            line = {
                "table": code.replace("III/1b", "III/1"),
                "key": row["key"],
                "name": row["name"],
            }
            for split in [*table.splits, "total"]:
                for column in STOCK:
                    value = row[split].get(column) if column in columns else None
                    line[f"{column}_{split}"] = value
            lines.append(line)
    return pd.DataFrame(lines)


def export_columns() -> list[tuple]:
    from vokasi.exports import COUNT

    columns: list[tuple] = [("table", _("Table")), ("key", _("Code")), ("name", _("Description"))]
    for column in STOCK:
        for split in ["L", "P", "LP", "total"]:
            columns.append((f"{column}_{split}", f"{column} {split}", COUNT))
    return columns


def date_range_label(start: datetime.date, end: datetime.date) -> str:
    return f"{start:%d-%m-%Y} – {end:%d-%m-%Y}"


@report_query
def placements_per_month(last: Period, scope: Scope, months: int = 12) -> list[tuple[str, int]]:
    """Placements starting in each of the ``months`` months up to the end of ``last``."""
    from django.db.models.functions import TruncMonth

    from reports.periods import MONTHS_ID, add_months

    first = add_months(last.end.replace(day=1), -(months - 1))
    qs = Placement.objects.filter(start_date__gte=first, start_date__lte=last.end)
    if scope.office is not None:
        qs = qs.filter(job_seeker__office=scope.office)
    counted = {
        (row["m"].year, row["m"].month): row["n"]
        for row in qs.annotate(m=TruncMonth("start_date"))
        .order_by()
        .values("m")
        .annotate(n=Count("id"))
    }
    out = []
    for i in range(months):
        day = add_months(first, i)
        out.append(
            (f"{MONTHS_ID[day.month][:3]} {day.year}", counted.get((day.year, day.month), 0))
        )
    return out
