"""State shared by the demo generators: the random source, "today", and what is planned.

What is small stays planned for the whole run (organisations, users, programmes, cohorts,
vacancies). People are planned a chunk at a time with their whole story — registration,
skills, reports back, training, referrals, apprenticeships, placements, follow-ups — as
unsaved model instances plus a little bookkeeping (``Person``); the chunk is written and
dropped before the next one, so memory follows the chunk, not the scale.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models.base import ModelState
from django.utils import timezone

from placements.models import (
    Apprenticeship,
    FollowUp,
    Placement,
    Referral,
    ReferralDecision,
    Vacancy,
    VacancySkill,
)
from trainees.models import (
    Cohort,
    CompetencyAssessment,
    Enrollment,
    JobSeeker,
    Programme,
    ReportBack,
    TrainingResult,
)
from vokasi.models import Company, LabourOffice, TrainingProvider, User

DAY = datetime.timedelta(days=1)
FAR_FUTURE = datetime.date(9999, 12, 31)


def scaled(base: float, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(base * scale))


class Holding:
    """A skill a person holds, and since when we may count it (declared: registration)."""

    __slots__ = (
        "acquired_on",
        "certificate_expires_on",
        "certificate_no",
        "dates",
        "enrollment",
        "since",
        "source",
    )

    def __init__(self, source: int, since: datetime.date, **extra) -> None:
        self.source = source
        self.since = since
        self.acquired_on = extra.get("acquired_on")
        self.certificate_no = extra.get("certificate_no", "")
        self.certificate_expires_on = extra.get("certificate_expires_on")
        self.enrollment = extra.get("enrollment")
        # From when each source counts (the row's declared/trained/certified_from).
        self.dates: dict[int, datetime.date] = {source: since, **extra.get("dates", {})}

    def after(self, earlier: Holding | None) -> Holding:
        """This holding replacing ``earlier``: the sources held before keep their dates."""
        if earlier is not None:
            for source, day in earlier.dates.items():
                self.dates.setdefault(source, day)
        return self


class Person:
    """A planned job seeker and what the generators need to keep their story consistent."""

    __slots__ = (
        "birth",
        "busy",
        "completed_training",
        "expires",
        "index",
        "last_referral",
        "level",
        "obj",
        "occupation",
        "office",
        "placement",
        "reg",
        "region",
        "removal",
        "removal_reason",
        "sex",
        "skills",
        "vocation",
    )

    def __init__(self, index: int, obj: JobSeeker, office: LabourOffice) -> None:
        self.index = index
        self.obj = obj
        self.office = office
        self.reg: datetime.date = obj.registered_on
        self.expires: datetime.date = obj.expires_on
        self.birth: datetime.date = obj.birth_date
        self.sex: str = obj.sex
        self.region: str = obj.region_id
        self.level = 0
        self.vocation = ""
        self.occupation = ""
        self.removal: datetime.date | None = None
        self.removal_reason = ""
        self.skills: dict[str, Holding] = {}
        self.busy: list[tuple[datetime.date, datetime.date]] = []
        self.placement: Placement | None = None
        self.last_referral: datetime.date | None = None
        self.completed_training = False

    @property
    def end_limit(self) -> datetime.date:
        """The first day the registration is no longer active (expiry or removal)."""
        return min(self.expires, self.removal or FAR_FUTURE)

    def active_on(self, day: datetime.date) -> bool:
        return self.reg <= day < self.end_limit and (
            self.placement is None or day < self.placement.start_date
        )

    def busy_on(self, day: datetime.date) -> bool:
        return any(start <= day <= end for start, end in self.busy)

    def overlaps(self, start: datetime.date, end: datetime.date) -> bool:
        return any(s <= end and start <= e for s, e in self.busy)

    def free_from(self) -> datetime.date:
        """The first day after every cohort, apprenticeship and referral of this person."""
        day = self.reg
        for _start, end in self.busy:
            day = max(day, end + DAY)
        if self.last_referral:
            day = max(day, self.last_referral + DAY)
        return day


@dataclass
class VacancyPlan:
    obj: Vacancy
    required: list[str]
    preferred: list[str]
    employer: User | None
    filled: int = 0
    filled_on: datetime.date | None = None
    last_activity: datetime.date | None = None


@dataclass
class Demo:
    """Everything planned so far. Generators append; ``store`` writes and clears a chunk."""

    rng: random.Random
    scale: float
    today: datetime.date
    password_hash: str
    # what the database holds (reference data loaded by migrations)
    skills_by_vocation: dict[str, list[str]] = field(default_factory=dict)
    skill_codes: list[str] = field(default_factory=list)
    skill_vocation: dict[str, str] = field(default_factory=dict)
    skill_names: dict[str, str] = field(default_factory=dict)
    occupation_names: dict[str, str] = field(default_factory=dict)
    region_names: dict[str, str] = field(default_factory=dict)
    education_levels: dict[str, int] = field(default_factory=dict)
    sector_codes: set[str] = field(default_factory=set)
    # organisations and users
    offices: dict[str, LabourOffice] = field(default_factory=dict)
    providers: dict[str, TrainingProvider] = field(default_factory=dict)
    companies: list[Company] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)
    officer_of: dict[str, User] = field(default_factory=dict)
    employer_of: dict[int, User] = field(default_factory=dict)  # id(company) -> user
    company_workforce_weights: list[int] = field(default_factory=list)  # cumulative
    # the registrations of everyone (see people.plan_registrations)
    total_people: int = 0
    registrations: object = None
    nik_serials: dict[str, int] = field(default_factory=dict)
    # people of the current chunk
    people: list[Person] = field(default_factory=list)
    reports: list[ReportBack] = field(default_factory=list)
    # training
    programmes: list[Programme] = field(default_factory=list)
    programme_skills: dict[int, list[str]] = field(default_factory=dict)  # id(programme)
    cohorts: list[Cohort] = field(default_factory=list)
    enrollments: list[Enrollment] = field(default_factory=list)
    results: list[TrainingResult] = field(default_factory=list)
    assessments: list[CompetencyAssessment] = field(default_factory=list)
    # demand and pipeline
    vacancies: list[VacancyPlan] = field(default_factory=list)
    vacancy_skills: list[VacancySkill] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    decisions: list[ReferralDecision] = field(default_factory=list)
    apprenticeships: list[Apprenticeship] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    # apprenticeships running per company (id(company)): the 20% quota spans every chunk
    apprentices: dict[int, list[tuple[datetime.date, datetime.date]]] = field(default_factory=dict)

    def clear_chunk(self) -> None:
        """Forget the people of the chunk just written and everything about them."""
        for name in CHUNK_LISTS:
            getattr(self, name).clear()

    @cached_property
    def tz(self) -> datetime.tzinfo:
        return timezone.get_current_timezone()

    def n(self, base: float, minimum: int = 1) -> int:
        return scaled(base, self.scale, minimum)

    def at(self, day: datetime.date, hour: int | None = None) -> datetime.datetime:
        """An aware datetime during office hours on ``day`` (Asia/Jakarta)."""
        hour = self.rng.randint(8, 15) if hour is None else hour
        moment = datetime.datetime.combine(day, datetime.time(hour, self.rng.randint(0, 59)))
        return moment.replace(tzinfo=self.tz)  # zoneinfo: replace is make_aware

    def weekday(self, day: datetime.date) -> datetime.date:
        """Move a weekend day to the Friday before (offices are closed at weekends)."""
        return day - (day.weekday() - 4) * DAY if day.weekday() > 4 else day

    def rupiah(self, low: float, high: float, step: int = 50_000) -> int:
        return int(round(self.rng.uniform(low, high) / step) * step)

    def officer_for(self, person: Person) -> User:
        return self.officer_of[person.office.code]


#: The ``Demo`` lists that hold one chunk of people and their story.
CHUNK_LISTS = (
    "people",
    "reports",
    "enrollments",
    "results",
    "assessments",
    "referrals",
    "decisions",
    "apprenticeships",
    "placements",
    "follow_ups",
)


def weighted(rng: random.Random, pairs) -> object:
    """Pick the first element of one of ``(value, weight, ...)`` tuples by weight."""
    values = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(values, weights)[0]


_FIELDS: dict[type, tuple[dict, list, dict]] = {}


def make(model, **values):
    """An unsaved ``model`` instance, built the quick way: ``Model.__init__`` checks and
    routes every keyword (a tenth of the whole seed's time); the demo passes only
    field names with valid values. Relations given as instances are cached as
    ``__init__`` would (the writer takes their keys when it writes, after numbering)."""
    known = _FIELDS.get(model)
    if known is None:
        static, dynamic, relations = {}, [], {}
        for fld in model._meta.concrete_fields:
            if fld.is_relation:
                relations[fld.name] = fld.attname
            if fld.has_default() and callable(fld.default):
                dynamic.append(fld)
            else:
                static[fld.attname] = fld.get_default()
        known = _FIELDS[model] = (static, dynamic, relations)
    static, dynamic, relations = known
    obj = model.__new__(model)
    obj._state = ModelState()
    data = obj.__dict__
    data.update(static)
    for fld in dynamic:
        data[fld.attname] = fld.get_default()
    cache = obj._state.fields_cache
    for name, value in values.items():
        attname = relations.get(name)
        if attname is None:
            data[name] = value
        else:
            cache[name] = value
            data[attname] = None if value is None else value.pk
    return obj
