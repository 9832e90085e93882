"""Link and match: the skills companies ask for against the skills job seekers hold.

Definitions (also written on the page):

A report for a period that has ended gives the same numbers forever: every count is
taken from dates on the records, never from today's status.

- **demand**: the sum of ``openings`` of the reported vacancies (every one but those the
  office rejected: ``placements.models.reported``) open at any time during the period. A
  vacancy is open from ``opens_on`` to the earlier of ``closes_on`` and ``closed_on`` (one
  filled on 17 October is not November's demand): ``placements.models.open_between``,
  the one definition every report uses. By skill and vocation, a vacancy counts
  for the skills it *requires* (``VacancySkill.required``), once per vocation. By occupation,
  sector and kecamatan it counts for its occupation, its company's KBLI category and its
  workplace kecamatan. Every reported vacancy counts (``placements.models.reported``:
  all but those the office rejected; one awaiting verification is demand already). When
  the report is narrowed to one labour office, only vacancies whose workplace lies in
  that office's city count.
- **supply**: registered job seekers whose registration is active on the last day of the
  period (``registered_on <= to`` and not ended by then), split by how we knew the skill
  on that day (``JobSeekerSkill.source_on``: each source counts from its own date):
  *certified* (a competency certificate), *trained* (completed a programme teaching it) or
  *declared* (self-declared). A person counts once per row, at their best source. By
  occupation a person counts under the occupation they seek (people who stated none in a
  *not stated* row, so that every grouping by person adds up to the same people); by
  kecamatan under where they live; in both cases at the best source among all their
  skills held then (a person with no skill recorded counts as declared). By sector a
  person counts when they hold a skill that a vacancy of that sector open in the period
  requires: the people who could fill them.
- **pipeline**: people in training on the period's last day (today, for a period not
  yet over): enrolled by then and not withdrawn by then, in a cohort that had started and
  not yet ended (on its last day the trainees who complete count as *trained*), whose
  programme teaches the skill (by occupation and kecamatan: of the person); with the
  ``provider`` filter, only that provider's cohorts. The enrollment's dates count, not its
  status today: a result reported later does not empty a past period's pipeline.
- **placed**: placements starting in the period (``start_date``), whatever brought them
  (a referral, an apprenticeship turned hire, work found by the person): by skill and
  vocation those into vacancies requiring the skill; by occupation of the vacancy (a
  placement without a vacancy in the *not stated* row); by kecamatan of the vacancy, or
  the company's when a placement has no vacancy; by sector of the company. By
  occupation, kecamatan and sector the rows add up to every placement of the period.
- **gap** = demand - supply (all sources); **ratio** = supply / demand (empty when there is
  no demand); **demand per seeker** = demand / supply (empty when no supply).
- **label**: *shortage* when ratio < ``VOKASI["LINK_MATCH_SHORTAGE_BELOW"]`` (0.8),
  *surplus* when ratio > ``VOKASI["LINK_MATCH_SURPLUS_ABOVE"]`` (1.2), otherwise *balanced*;
  *no_demand* when nothing is asked for.

Everything is counted in the database; only the aggregated rows reach pandas.

This module is long (about 800 lines) and stays one module: the definitions above and the
three groupings (skill, sector, person attribute) that apply them are read together.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.models import Placement, Vacancy, VacancySkill, open_between, reported
from reports.db import report_query
from reports.scope import Scope
from trainees.models import Enrollment, JobSeeker, JobSeekerSkill
from vokasi.models import Occupation, Region, Sector, Skill, Vocation

GROUPINGS = {
    "skill": _("skill"),
    "occupation": _("occupation (KBJI)"),
    "vocation": _("vocation"),
    "sector": _("sector (KBLI category)"),
    "region": _("kecamatan"),
}

COLUMNS = [
    "key",
    "name",
    "demand",
    "supply_certified",
    "supply_trained",
    "supply_declared",
    "supply",
    "pipeline",
    "placed",
    "gap",
    "ratio",
    "demand_per_seeker",
    "label",
]
COUNT_COLUMNS = [
    "demand",
    "supply_certified",
    "supply_trained",
    "supply_declared",
    "supply",
    "pipeline",
    "placed",
    "gap",
]

CERTIFIED = JobSeekerSkill.Source.CERTIFIED
TRAINED = JobSeekerSkill.Source.TRAINED
NOT_STATED = "-"  # the row key of people and placements without the grouping's attribute


@dataclass(frozen=True)
class Params:
    date_from: datetime.date
    date_to: datetime.date
    by: str = "skill"
    vocation: str | None = None  # a vocation code: only its skills / vacancies needing them
    sector: str | None = None  # a KBLI category letter: only vacancies of its companies
    provider: int | None = None  # a training provider: only its cohorts make the pipeline


def thresholds() -> tuple[float, float]:
    conf = settings.VOKASI
    return (
        float(conf.get("LINK_MATCH_SHORTAGE_BELOW", 0.8)),
        float(conf.get("LINK_MATCH_SURPLUS_ABOVE", 1.2)),
    )


def label_for(ratio: float | None, demand: int) -> str:
    if not demand:
        return "no_demand"
    shortage, surplus = thresholds()
    if ratio < shortage:
        return "shortage"
    if ratio > surplus:
        return "surplus"
    return "balanced"


# ----------------------------------------------------------------------- querysets


def active_on(day: datetime.date, prefix: str = "") -> Q:
    """Registrations active at the end of ``day``: registered by then and not yet ended."""
    return Q(**{f"{prefix}registered_on__lte": day}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": day})
    )


def open_vacancies(params: Params, scope: Scope) -> QuerySet:
    """The vacancies whose openings make up the demand."""
    qs = Vacancy.objects.reported().open_between(params.date_from, params.date_to)
    return _narrow_vacancies(qs, params, scope)


def open_vacancy_skills(params: Params, scope: Scope) -> QuerySet:
    """The skill rows of ``open_vacancies``, filtered through the join rather than an
    ``IN`` over the vacancies: the planner then reads the vacancy table once, not twice."""
    qs = VacancySkill.objects.filter(
        reported("vacancy__"), open_between(params.date_from, params.date_to, "vacancy__")
    )
    return _narrow_vacancies(qs, params, scope, prefix="vacancy__")


def _narrow_vacancies(qs: QuerySet, params: Params, scope: Scope, prefix: str = "") -> QuerySet:
    qs = qs.filter(reported(prefix))
    if scope.office is not None:
        qs = qs.filter(**{f"{prefix}region__code__startswith": scope.office.region_id + "."})
    if params.sector:
        qs = qs.filter(**{f"{prefix}company__sector__category": params.sector})
    if params.vocation:
        needs = VacancySkill.objects.filter(
            vacancy=OuterRef(f"{prefix}pk" if prefix else "pk"),
            required=True,
            skill__vocation_id=params.vocation,
        )
        qs = qs.filter(Exists(needs))
    return qs


def as_of(params: Params) -> datetime.date:
    """The day supply and pipeline are taken on: the period's last day, or today for a
    period not yet over (nothing later is known)."""
    return min(params.date_to, timezone.localdate())


def held(params: Params, people: QuerySet, skill_filter: Q | None = None) -> QuerySet:
    """Skill rows of ``people`` held on the period's last day, each with its ``held_source``
    then (``JobSeekerSkill.source_on``)."""
    day = params.date_to
    rows = JobSeekerSkill.objects.filter(JobSeekerSkill.held_on(day), job_seeker__in=people)
    if skill_filter:
        rows = rows.filter(skill_filter)
    return rows.order_by().alias(held_source=JobSeekerSkill.source_on(day))


def supply_held(params: Params, scope: Scope, skill_filter: Q | None = None) -> QuerySet:
    """``held`` for the supply people (``supply_people``), written for the planner.

    For every office the rows are those of nobody *outside* the supply: a person
    registered after the last day or whose registration had ended by then (``NOT
    EXISTS``). The same rows as ``job_seeker IN (active people)``, but the join hashes the
    fifth of the people who are not active instead of the four fifths who are: a quarter
    less time at scale 300 (1.7 million skill rows, 690,000 active people). For one office
    the people outside would be every other office's, so the ``IN`` stays.
    """
    if scope.office is not None:
        return held(params, supply_people(params, scope), skill_filter)
    day = params.date_to
    outside = JobSeeker.objects.filter(
        Q(registered_on__gt=day) | Q(ended_on__lte=day), pk=OuterRef("job_seeker_id")
    )
    rows = JobSeekerSkill.objects.filter(JobSeekerSkill.held_on(day), ~Exists(outside))
    if skill_filter:
        rows = rows.filter(skill_filter)
    return rows.order_by().alias(held_source=JobSeekerSkill.source_on(day))


def supply_people(params: Params, scope: Scope) -> QuerySet:
    """Job seekers whose registration is active on the last day of the period."""
    qs = JobSeeker.objects.filter(active_on(params.date_to))
    if scope.office is not None:
        qs = qs.filter(office=scope.office)
    return qs


def pipeline_enrollments(params: Params, scope: Scope) -> QuerySet:
    qs = Enrollment.objects.filter(Enrollment.in_training_on(as_of(params)))
    if scope.office is not None:
        qs = qs.filter(job_seeker__office=scope.office)
    if params.provider:
        qs = qs.filter(cohort__programme__provider_id=params.provider)
    return qs


def placements_in_period(params: Params, scope: Scope) -> QuerySet:
    """Placements starting in the period, of every kind, each with ``placed_vacancy``: the
    vacancy it filled, or for a hire after an apprenticeship the apprenticeship's vacancy,
    so that a referral hire and an apprenticeship turned hire count alike."""
    qs = Placement.objects.filter(start_date__range=(params.date_from, params.date_to)).annotate(
        placed_vacancy=Coalesce("vacancy_id", "apprenticeship__vacancy_id")
    )
    if scope.office is not None:
        qs = qs.filter(job_seeker__office=scope.office)
    if params.sector:
        qs = qs.filter(company__sector__category=params.sector)
    return qs


def _needing_vocation(placements: QuerySet, params: Params) -> QuerySet:
    if not params.vocation:
        return placements
    return placements.filter(
        Exists(
            VacancySkill.objects.filter(
                vacancy=OuterRef("placed_vacancy"),
                required=True,
                skill__vocation_id=params.vocation,
            )
        )
    )


def best_source_counts(
    per_person: QuerySet, bests: list[str], *, grouped: bool, count_all: bool = False
) -> list[tuple]:
    """Count people by their best source from a one-row-per-person aggregate, in SQL.

    ``per_person`` is an ORM query with a row per person (and per ``k`` when ``grouped``)
    and a ``Max(source)`` column per name in ``bests``. Counting its rows needs an
    aggregate over an aggregate, which the ORM cannot express, so its SQL is wrapped here
    (parameters stay parameters). This replaces three ``COUNT(DISTINCT person)`` per row,
    which sorted millions of rows: 7.6 s against well under a second for a million people.
    For each name: (certified, at least trained, everybody); ``count_all`` counts people
    without any matching skill as everybody (they declared an occupation or a home).
    """
    sql, params = per_person.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = []
    for best in bests:
        column = f"t.{quote(best)}"
        columns += [
            f"COUNT(*) FILTER (WHERE {column} = {int(CERTIFIED)})",
            f"COUNT(*) FILTER (WHERE {column} >= {int(TRAINED)})",
            "COUNT(*)" if count_all else f"COUNT({column})",
        ]
    head = f"t.{quote('k')}, " if grouped else ""
    tail = f" GROUP BY t.{quote('k')}" if grouped else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {head}{', '.join(columns)} FROM ({sql}) t{tail}", params)
        return cursor.fetchall()


def best_source_rows(per_person: QuerySet) -> list[tuple]:
    """(key, certified, at least trained, everybody) from one row per person.

    ``per_person`` has a ``k`` and a ``best`` source (NULL for no skill: counted as
    declared). Its rows are counted by (k, best) around the ORM's SQL, so the per-person
    subquery is read once rather than once per count; the few (k, best) rows add up here.
    """
    sql, params = per_person.query.sql_with_params()
    quote = connection.ops.quote_name
    k, best = f"t.{quote('k')}", f"t.{quote('best')}"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {k}, {best}, COUNT(*) FROM ({sql}) t GROUP BY {k}, {best}", params)
        counted = cursor.fetchall()
    totals: dict = {}
    for key, source, people in counted:
        row = totals.setdefault(key, [key, 0, 0, 0])
        if source == CERTIFIED:
            row[1] += people
        if source is not None and source >= TRAINED:
            row[2] += people
        row[3] += people
    return [tuple(row) for row in totals.values()]


def _best_supply(rows: Iterable[tuple]) -> dict:
    """{key: (certified, at least trained, everybody)} from (key, those three) rows."""
    return {key: (certified, trained, anyone) for key, certified, trained, anyone in rows}


# ------------------------------------------------------------------------- groupings
#
# Every grouping gives the same five pieces, in this order: demand, supply, pipeline and
# placed by row key, and the rows' names; ``link_and_match`` joins them into one frame.
# The pieces are plain dicts by row key (supply: the three counts of ``_best_supply``):
# they hold a few dozen rows each, and a pandas object per piece (made, indexed, renamed,
# concatenated, grouped) cost more than counting them did.


def _count_by(qs: QuerySet, key, column: str, aggregate) -> dict:
    """{row key: ``aggregate``}, counted in the database (GROUP BY the key).

    ``key`` is a field path, or an expression (its rows are then keyed ``k``).
    """
    if isinstance(key, str):
        rows, name = qs.order_by().values(key), key
    else:
        rows, name = qs.order_by().values(k=key), "k"
    return dict(rows.annotate(**{column: aggregate}).values_list(name, column))


def _best_source_counts_each(per_person: QuerySet, bests: dict) -> list[tuple]:
    """(certified, at least trained, everybody) for each filtered ``Max`` of ``bests``,
    counted in one statement around ``per_person`` (one row per person) carrying them."""
    (counts,) = best_source_counts(per_person.annotate(**bests), list(bests), grouped=False)
    return [tuple(counts[3 * i : 3 * i + 3]) for i in range(len(bests))]


def _by_skill(params: Params, scope: Scope, level: str) -> list:
    """Skill or vocation: ``level`` is the path from a skill to the row key."""
    return [
        _skill_demand(params, scope, level),
        _skill_supply(params, scope, level),
        _skill_pipeline(params, scope, level),
        dict(placed_by_skill(params, scope, level)),
        _skill_names(params, level),
    ]


def _skill_key(level: str) -> str:
    return "skill_id" if level == "skill" else "skill__vocation_id"


def _vocation_skills(params: Params) -> Q:
    return Q(skill__vocation_id=params.vocation) if params.vocation else Q()


def _skill_demand(params: Params, scope: Scope, level: str) -> dict:
    """The openings of the open vacancies requiring each skill (a skill of each vocation)."""
    key = _skill_key(level)
    demand_rows = open_vacancy_skills(params, scope).filter(_vocation_skills(params), required=True)
    if level == "skill":
        return _count_by(demand_rows, key, "demand", Sum("vacancy__openings"))
    # A vacancy needing three welding units counts once for welding.
    demand: dict = {}
    pairs = demand_rows.values_list("vacancy_id", key, "vacancy__openings").distinct()
    for _vacancy, vocation, openings in pairs:
        demand[vocation] = demand.get(vocation, 0) + openings
    return demand


def _skill_supply(params: Params, scope: Scope, level: str) -> dict:
    """The people holding each skill (a skill of each vocation), by their source then."""
    key = _skill_key(level)
    rows = supply_held(params, scope, _vocation_skills(params))
    if level != "skill":
        return _vocation_supply(params, rows)
    # A person holds a skill once, so plain counts by source are the people.
    return _best_supply(
        rows.values(key)
        .annotate(
            supply_certified=Count("job_seeker", filter=Q(held_source=CERTIFIED)),
            at_least_trained=Count("job_seeker", filter=Q(held_source__gte=TRAINED)),
            supply=Count("job_seeker"),
        )
        .values_list(key, "supply_certified", "at_least_trained", "supply")
    )


def _vocation_supply(params: Params, rows: QuerySet) -> dict:
    """A person with two welding units counts once for welding, at the better source.

    One row per person with their best source in each vocation (a filtered MAX per
    vocation), counted around it: 2.5x faster than three distinct counts per vocation and
    than grouping by (vocation, person), which hashed two million groups.
    """
    codes = list(Vocation.objects.order_by("code").values_list("code", flat=True))
    if params.vocation:
        codes = [code for code in codes if code == params.vocation]
    bests = {
        f"b{i}": Max("held_source", filter=Q(skill__vocation_id=code))
        for i, code in enumerate(codes)
    }
    counted = []
    if codes:
        counts = _best_source_counts_each(rows.values(p=F("job_seeker_id")), bests)
        for code, (certified, trained, anyone) in zip(codes, counts, strict=True):
            if anyone:
                counted.append((code, certified, trained, anyone))
    return _best_supply(counted)


def _skill_pipeline(params: Params, scope: Scope, level: str) -> dict:
    """The people in training in a programme teaching each skill (one of each vocation)."""
    key = (
        "cohort__programme__skills"
        if level == "skill"
        else ("cohort__programme__skills__vocation_id")
    )
    only = Q(cohort__programme__skills__vocation_id=params.vocation) if params.vocation else Q()
    enrollments = pipeline_enrollments(params, scope).filter(only)
    return _count_by(enrollments, key, "pipeline", Count("job_seeker", distinct=True))


def _skill_names(params: Params, level: str) -> dict:
    names = Skill.objects.all() if level == "skill" else Vocation.objects.all()
    if params.vocation:
        names = names.filter(
            **({"vocation_id": params.vocation} if level == "skill" else {"code": params.vocation})
        )
    return dict(names.values_list("code", "name"))


def placed_by_skill(params: Params, scope: Scope, level: str) -> list[tuple]:
    """(key, placements) for the skills (vocations) the placed vacancies require.

    A placement counts once per row: by skill each (vacancy, skill) pair is unique, so the
    joined rows are the placements; by vocation a vacancy requiring three welding units
    counts once. One statement around the ORM's placements of the period (each with the
    vacancy it filled, ``placed_vacancy``), joined to the vacancy skills by that key.
    """
    placements = placements_in_period(params, scope).filter(placed_vacancy__isnull=False)
    sql, sql_params = placements.order_by().values("id", "placed_vacancy").query.sql_with_params()
    quote = connection.ops.quote_name
    joins, where, args = "", "", []
    if level == "vocation" or params.vocation:
        joins = " INNER JOIN vokasi_skill sk ON sk.code = vs.skill_id"
    if params.vocation:
        where, args = " AND sk.vocation_id = %s", [params.vocation]
    key = "vs.skill_id" if level == "skill" else "sk.vocation_id"
    counted = f"COUNT(DISTINCT p.{quote('id')})" if level == "vocation" else "COUNT(*)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {key}, {counted} FROM ({sql}) p"
            f" INNER JOIN placements_vacancyskill vs ON vs.vacancy_id = p.{quote('placed_vacancy')}"
            f"{joins} WHERE vs.required{where} GROUP BY {key}",
            [*sql_params, *args],
        )
        return cursor.fetchall()


def _by_person_attribute(params: Params, scope: Scope, level: str) -> list:
    """Occupation or kecamatan: both sides have the attribute themselves (the vacancy's
    and the person's field have the same name)."""
    key = {"occupation": "occupation_id", "region": "region_id"}[level]
    demand = _count_by(open_vacancies(params, scope), key, "demand", Sum("openings"))
    supply = _best_supply(best_source_rows(_best_source_per_person(params, scope, key)))
    enrollments = pipeline_enrollments(params, scope)
    if params.vocation:
        enrollments = enrollments.filter(cohort__programme__vocation_id=params.vocation)
    pipeline = _count_by(
        enrollments, f"job_seeker__{key}", "pipeline", Count("job_seeker", distinct=True)
    )
    placements = _needing_vocation(placements_in_period(params, scope), params)
    placed = _count_by(placements, _placed_attribute(level), "placed", Count("id"))
    return [demand, supply, pipeline, placed, _attribute_names(level)]


def _best_source_per_person(params: Params, scope: Scope, key: str) -> QuerySet:
    """One row per supply person: the attribute ``key`` as ``k`` and their best source."""
    people = supply_people(params, scope)
    if params.vocation:
        people = people.filter(
            Exists(
                JobSeekerSkill.objects.filter(
                    job_seeker=OuterRef("pk"), skill__vocation_id=params.vocation
                )
            )
        )
    # Each person's best source then, one probe per person on the job seeker's rows,
    # instead of joining every skill row and grouping a million people.
    day = params.date_to
    best = (
        JobSeekerSkill.objects.filter(JobSeekerSkill.held_on(day), job_seeker=OuterRef("pk"))
        .annotate(held_source=JobSeekerSkill.source_on(day))
        .order_by("-held_source")
        .values("held_source")[:1]
    )
    return (
        people.order_by()
        .annotate(best=Subquery(best, output_field=IntegerField()))
        .values(k=F(key), best=F("best"))
    )


def _placed_attribute(level: str) -> Coalesce:
    """A placement's occupation (kecamatan): its vacancy's, else its apprenticeship's
    vacancy's (for a kecamatan, else its company's)."""
    if level == "occupation":
        return Coalesce("vacancy__occupation_id", "apprenticeship__vacancy__occupation_id")
    return Coalesce(
        "vacancy__region_id", "apprenticeship__vacancy__region_id", "company__region_id"
    )


def _attribute_names(level: str) -> dict:
    if level == "occupation":
        names = Occupation.objects.values_list("code", "name")
    else:
        names = Region.objects.filter(level=Region.Level.DISTRICT).values_list("code", "name")
    return dict(names)


def _by_sector(params: Params, scope: Scope) -> list:
    """Sector: demand and placed by the company's KBLI category, supply and pipeline the
    people holding (learning) a skill the sector's open vacancies require."""
    vacancies = open_vacancies(params, scope)
    key = "company__sector__category"
    demand = _count_by(vacancies, key, "demand", Sum("openings"))
    supply, pipeline = _sector_supply_and_pipeline(params, scope, vacancies)
    placements = _needing_vocation(placements_in_period(params, scope), params)
    placed = _count_by(placements, key, "placed", Count("id"))
    # The KBLI category rows are the ones whose code is their own category letter.
    names = Sector.objects.filter(code=F("category")).values_list("code", "name")
    return [demand, supply, pipeline, placed, dict(names)]


def _sector_supply_and_pipeline(
    params: Params, scope: Scope, vacancies: QuerySet
) -> tuple[dict, dict]:
    """One pass over the skill rows for every sector at once: a sector's counts are
    conditional aggregates over the skills its vacancies need."""
    needed = VacancySkill.objects.filter(required=True, vacancy__in=vacancies)
    if params.vocation:
        needed = needed.filter(skill__vocation_id=params.vocation)
    sectors = _skills_by_sector(needed)
    sets, bests, pipeline_aggregates = _skill_set_aggregates(sectors)
    supply, pipeline = {}, {}
    if sectors:
        per_person = supply_held(params, scope, Q(skill_id__in=needed.values("skill_id")))
        counts = _best_source_counts_each(per_person.values(p=F("job_seeker_id")), bests)
        pipeline_counts = pipeline_enrollments(params, scope).aggregate(**pipeline_aggregates)
        for category, skills in sectors:
            j = sets[frozenset(skills)]
            supply[category] = counts[j]
            pipeline[category] = pipeline_counts[f"p{j}"]
    return supply, pipeline


def _skills_by_sector(needed: QuerySet) -> list[tuple]:
    """(KBLI category, the skills its vacancies require) for each category, in the order of
    the categories; vacancies of a company without a sector need nothing here."""
    skills: dict = {}
    for category, skill in needed.values_list(
        "vacancy__company__sector__category", "skill_id"
    ).distinct():
        if category is not None:
            skills.setdefault(category, []).append(skill)
    return sorted(skills.items())


def _skill_set_aggregates(sectors: list[tuple]) -> tuple[dict, dict, dict]:
    """Each distinct set of skills numbered, with its best-source ``Max`` and its pipeline
    ``Count``: sectors needing the same skills share their counts (each filtered MAX costs
    a lookup per skill row), and a sector needing every skill in the list needs no filter."""
    every_skill = frozenset(skill for _category, skills in sectors for skill in skills)
    sets: dict[frozenset, int] = {}
    for _category, skills in sectors:
        sets.setdefault(frozenset(skills), len(sets))
    bests, pipeline_aggregates = {}, {}
    for skills, j in sets.items():
        only = None if skills == every_skill else Q(skill_id__in=sorted(skills))
        bests[f"b{j}"] = Max("held_source", filter=only)
        pipeline_aggregates[f"p{j}"] = Count(
            "job_seeker", distinct=True, filter=Q(cohort__programme__skills__in=sorted(skills))
        )
    return sets, bests, pipeline_aggregates


# ---------------------------------------------------------------------------- report


@report_query
def link_and_match(params: Params, scope: Scope) -> pd.DataFrame:
    """One row per key with any demand, supply, pipeline or placement; see module doc."""
    if params.by not in GROUPINGS:
        raise ValueError(f"unknown grouping {params.by!r}")
    if params.by in ("skill", "vocation"):
        demand, supply, pipeline, placed, names = _by_skill(params, scope, params.by)
    elif params.by == "sector":
        demand, supply, pipeline, placed, names = _by_sector(params, scope)
    else:
        demand, supply, pipeline, placed, names = _by_person_attribute(params, scope, params.by)

    return _report_frame(demand, supply, pipeline, placed, names)


def _report_frame(
    demand: dict, supply: dict, pipeline: dict, placed: dict, names: dict
) -> pd.DataFrame:
    """The report's frame from the grouping's five pieces, made once.

    A row for every key of any piece (``_counts_by_key``), sorted by gap, then demand,
    then key; the frame is built from the finished columns. Ratios are divided and
    rounded by numpy on whole columns, as pandas did before: the same float64 values to
    the last bit.
    """
    counts = _counts_by_key(demand, supply, pipeline, placed)
    names = {str(key): name for key, name in names.items()}
    names[NOT_STATED] = str(_("not stated"))
    # By gap (demand - supply), then demand, largest first; then by key.
    keys = sorted(counts, key=lambda key: (counts[key][4] - counts[key][0], -counts[key][0], key))
    columns = {
        column: np.array([counts[key][i] for key in keys], dtype="int64")
        for i, column in enumerate(COUNT_COLUMNS[:-1])
    }
    demand_f = columns["demand"].astype(float)
    supply_f = columns["supply"].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(demand_f > 0, np.round(supply_f / demand_f, 2), np.nan)
        per_seeker = np.where(supply_f > 0, np.round(demand_f / supply_f, 2), np.nan)
    text = {"key": keys, "name": [names.get(key) or "" for key in keys]}
    if not keys:  # an empty list would make a float column
        text = {column: pd.array([], dtype="str") for column in text}
    # The columns in the order of COLUMNS (reordering them afterwards costs a copy).
    return pd.DataFrame(
        {
            **text,
            **columns,
            "gap": columns["demand"] - columns["supply"],
            "ratio": ratio,
            "demand_per_seeker": per_seeker,
            "label": [
                label_for(r, d)
                for r, d in zip(ratio.tolist(), columns["demand"].tolist(), strict=True)
            ],
        }
    )


def _counts_by_key(demand: dict, supply: dict, pipeline: dict, placed: dict) -> dict:
    """{row key: its counts in the order of ``COUNT_COLUMNS[:-1]``}, added up in plain
    Python. People and placements without the grouping's attribute (key ``None``) are in
    the *not stated* row, never dropped."""
    counts: dict[str, list[int]] = {}

    def row(key) -> list[int]:
        key = NOT_STATED if key is None else str(key)
        if key not in counts:
            counts[key] = [0] * 7
        return counts[key]

    for key, value in demand.items():
        row(key)[0] += value
    for key, (certified, trained, anyone) in supply.items():
        found = row(key)
        found[1] += certified
        found[2] += trained - certified
        found[3] += anyone - trained
        found[4] += anyone
    for key, value in pipeline.items():
        row(key)[5] += value
    for key, value in placed.items():
        row(key)[6] += value
    return counts


def totals(frame: pd.DataFrame) -> dict:
    """The totals row. Supply totals by skill add up person-skills, not people."""
    # numpy's sum of each column: a pandas reduction costs twice as much for a few rows
    row = {column: int(frame[column].to_numpy().sum()) for column in COUNT_COLUMNS}
    demand, supply = row["demand"], row["supply"]
    row["ratio"] = round(supply / demand, 2) if demand else None
    row["demand_per_seeker"] = round(demand / supply, 2) if supply else None
    row["label"] = label_for(row["ratio"], demand)
    return row


def records(frame: pd.DataFrame) -> list[dict]:
    """JSON-ready rows: plain ints, floats and None (never NaN).

    Read a column at a time (``tolist`` gives Python values in one call) and zipped into
    rows: ``to_dict("records")`` boxes every cell on its own, nearly four times slower.
    """
    names = list(frame.columns)
    values = {column: frame[column].tolist() for column in names}
    for column in ("ratio", "demand_per_seeker"):
        values[column] = [None if pd.isna(value) else float(value) for value in values[column]]
    for column in COUNT_COLUMNS:
        values[column] = [int(value) for value in values[column]]
    return [dict(zip(names, row, strict=True)) for row in zip(*values.values(), strict=True)]


# ------------------------------------------------------------------------ drill-down


def row_vacancies(params: Params, scope: Scope, key: str) -> QuerySet:
    """The open vacancies behind one row's demand."""
    qs = open_vacancies(params, scope)
    if params.by == "skill":
        qs = qs.filter(
            Exists(VacancySkill.objects.filter(vacancy=OuterRef("pk"), required=True, skill_id=key))
        )
    elif params.by == "vocation":
        qs = qs.filter(
            Exists(
                VacancySkill.objects.filter(
                    vacancy=OuterRef("pk"), required=True, skill__vocation_id=key
                )
            )
        )
    elif params.by == "sector":
        qs = qs.filter(company__sector__category=key)
    elif params.by == "occupation":
        qs = qs.filter(occupation_id=key)
    else:
        qs = qs.filter(region_id=key)
    return qs.select_related("company", "occupation", "region").order_by("-openings", "id")


def row_people(params: Params, scope: Scope, key: str) -> QuerySet:
    """The job seekers behind one row's supply, each with their best source for the row.

    Only for callers whose scope may see people; the queryset goes through
    ``JobSeeker.objects.visible_to`` as well.
    """
    people = supply_people(params, scope).filter(
        pk__in=JobSeeker.objects.visible_to(scope.user).order_by().values("pk")
    )
    if params.by == "skill":
        rows = Q(skill_rows__skill_id=key)
    elif params.by == "vocation":
        rows = Q(skill_rows__skill__vocation_id=key)
    elif params.by == "sector":
        skills = (
            VacancySkill.objects.filter(
                required=True,
                vacancy__in=open_vacancies(params, scope),
                vacancy__company__sector__category=key,
            )
            .order_by()
            .values("skill_id")
            .distinct()
        )
        rows = Q(skill_rows__skill_id__in=skills)
    elif params.by == "occupation":
        people = people.filter(occupation_id=key)
        rows = Q()
    else:
        people = people.filter(region_id=key)
        rows = Q()
    if rows:
        people = people.filter(rows)
    return (
        people.annotate(best_source=Max("skill_rows__source", filter=rows or None))
        .select_related("region", "education")
        .order_by("-best_source", "name", "id")
    )


LABEL_TEXT = {
    "shortage": _("shortage"),
    "balanced": _("balanced"),
    "surplus": _("surplus"),
    "no_demand": _("no demand"),
}


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its status in words, for people reading an export."""
    return frame.assign(label=[str(LABEL_TEXT.get(v, v or "")) for v in frame["label"]])
