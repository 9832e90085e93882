"""Hire reports (Perpres 57/2023 Pasal 6): a company reports each person it hired,
whether or not the labour office referred them.

The rules, in one place for the API, the page and the file:

- the vacancy is optional; when named (by id or by the company's own ``vacancy_ref``) it
  must be the company's own (anything else is not found: 404), not rejected, cancelled
  or taken down, and have an opening left (a hire beyond the openings is a ``Conflict``,
  as hiring a referral beyond them is); the hire fills one opening and the last one marks
  the vacancy filled;
- the start date is not before the vacancy opened and at most ``AHEAD_DAYS`` ahead;
- the person is 15–75 years old in the year the job starts; the domicile is a kecamatan
  or ``None`` (outside the city); the wage lies within ``vokasi.bounds.WAGE_MAX``;
- a NIK is optional and checked with the registration's one rule (``nik_problems``); a
  NIK of a registered job seeker ends that registration as placed through the one hiring
  service (``placement_create``, source ``hire_report``), unless the person already has
  a placement at this company for this job (the same vacancy, or a start within
  ``SAME_JOB_DAYS``): then the hire links to it, and nothing new is written;
- retry-safe by ``external_ref`` exactly like vacancies: the same content answers the
  hire already recorded, different content a ``Conflict`` naming it; two identical
  requests at once end with one hire (the unique constraint decides).
"""

from __future__ import annotations

import dataclasses
import datetime

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.models import Hire, Placement, Vacancy
from placements.services.placements import placement_create
from trainees.models import JobSeeker
from trainees.nik import KnownDistricts, nik_problems, normalise_nik
from trainees.services.registration import known_districts
from vokasi.audit import with_history
from vokasi.bounds import WAGE_MAX
from vokasi.errors import Conflict
from vokasi.models import Company, EducationLevel, Occupation, Region, User

#: How far ahead a reported start date may lie (Perpres 57/2023 reports hires made).
AHEAD_DAYS = 30
#: A placement at the same company starting this close to the reported start is the same
#: job (the referral the company hired through, reported again as a hire).
SAME_JOB_DAYS = 31
AGE_MIN, AGE_MAX = 15, 75
#: A vacancy closed this way takes no hire.
NO_HIRE_CLOSE_REASONS = (Vacancy.CloseReason.CANCELLED, Vacancy.CloseReason.TAKEN_DOWN)
#: The API's and the file's word for a domicile outside the city.
OUTSIDE = "outside"


@dataclasses.dataclass(frozen=True)
class HireInput:
    """Everything a company says about one hire (the API's writable fields)."""

    name: str
    sex: str
    birth_year: int
    education: EducationLevel
    domicile: Region | None
    occupation: Occupation
    start_date: datetime.date
    employment_type: str
    wage: int
    external_ref: str = ""
    vacancy: Vacancy | None = None
    nik: str = ""

    @classmethod
    def of(cls, hire: Hire) -> HireInput:
        return cls(
            name=hire.name,
            sex=hire.sex,
            birth_year=hire.birth_year,
            education=hire.education,
            domicile=hire.domicile,
            occupation=hire.occupation,
            start_date=hire.start_date,
            employment_type=hire.employment_type,
            wage=hire.wage,
            external_ref=hire.external_ref,
            vacancy=hire.vacancy,
            nik=hire.nik,
        )

    def normalised(self) -> HireInput:
        return dataclasses.replace(
            self,
            name=" ".join(self.name.split()),
            external_ref=self.external_ref.strip(),
            nik=normalise_nik(self.nik.strip()) if self.nik else "",
        )

    def fingerprint(self) -> dict:
        """The comparable content: ids and codes instead of objects."""
        return {
            field.name: getattr(value, "pk", value)
            for field in dataclasses.fields(self)
            for value in [getattr(self, field.name)]
        }


def hire_vacancy(
    *, company: Company, vacancy_id: int | None = None, vacancy_ref: str = ""
) -> Vacancy | None:
    """The company's vacancy a hire names, by id or by its own reference; ``Http404`` for
    anything that is not this company's (another company's vacancy is not revealed)."""
    if vacancy_id is None and not vacancy_ref:
        return None
    found = Vacancy.objects.filter(company=company)
    if vacancy_id is not None:
        found = found.filter(pk=vacancy_id)
    if vacancy_ref:
        found = found.filter(external_ref=vacancy_ref)
    vacancy = found.first()
    if vacancy is None:
        raise Http404(_("No vacancy of this company has this id or reference."))
    return vacancy


def hire_errors(
    data: HireInput, *, today: datetime.date | None = None, districts: KnownDistricts | None = None
) -> dict[str, list[str]]:
    """Every problem of the hire's own fields, by field (the page, the API and the file
    show the same messages)."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(str(message))

    if not data.name:
        add("name", _("Give the name of the person hired."))
    if data.sex not in ("L", "P"):
        add("sex", _("Sex is L or P."))
    age = data.start_date.year - data.birth_year
    if not AGE_MIN <= age <= AGE_MAX:
        add(
            "birth_year",
            _("Born in %(year)d, the person would be %(age)d when the job starts; a worker is "
              "%(min)d to %(max)d years old.")
            % {"year": data.birth_year, "age": age, "min": AGE_MIN, "max": AGE_MAX},
        )  # fmt: skip
    if data.domicile is not None and data.domicile.level != Region.Level.DISTRICT:
        add("domicile", _('Give the kecamatan the person lives in, or "outside".'))
    if data.employment_type not in Placement.ContractType.values:
        add("employment_type", _("Unknown contract type."))
    if not 0 <= data.wage <= WAGE_MAX:
        add(
            "wage",
            _("The monthly wage must lie between 0 and %(max)s Rupiah.")
            % {"max": intcomma(WAGE_MAX)},
        )
    if data.start_date > today + datetime.timedelta(days=AHEAD_DAYS):
        add(
            "start_date",
            _("The start date is more than %(days)d days ahead.") % {"days": AHEAD_DAYS},
        )
    vacancy = data.vacancy
    if vacancy is not None:
        if data.start_date < vacancy.opens_on:
            add(
                "start_date",
                _("The start date is before the vacancy opened (%(date)s).")
                % {"date": vacancy.opens_on.isoformat()},
            )
        if vacancy.status == Vacancy.Status.REJECTED or (
            vacancy.status == Vacancy.Status.CLOSED
            and vacancy.close_reason in NO_HIRE_CLOSE_REASONS
        ):
            add("vacancy", _("This vacancy was rejected, cancelled or taken down."))
    for problem in nik_errors(data.nik, data.sex, districts=districts):
        add("nik", problem)
    return errors


def nik_errors(nik: str, sex: str | None, *, districts: KnownDistricts | None = None) -> list[str]:
    """What is wrong with an optional NIK: the registration's one rule (structure, region,
    date, and the sex it encodes)."""
    nik = normalise_nik(nik.strip()) if nik else ""
    if not nik:
        return []
    districts = districts or known_districts()
    return nik_problems(nik, None, sex if sex in ("L", "P") else None, districts=districts)


def _same_or_conflict(existing: Hire, data: HireInput) -> Hire:
    if HireInput.of(existing).fingerprint() == data.fingerprint():
        return existing
    raise Conflict(
        _("This company already reported a different hire with external_ref %(ref)s.")
        % {"ref": data.external_ref},
        existing_id=existing.pk,
    )


def _existing(company: Company, external_ref: str) -> Hire | None:
    if not external_ref:
        return None
    return Hire.objects.filter(company=company, external_ref=external_ref).first()


def hire_report(*, company: Company, by: User | None, data: HireInput) -> tuple[Hire, bool]:
    """Record a hire the company reports; returns ``(hire, created)``.

    A retry with an ``external_ref`` the company already used returns the existing hire
    when the content is the same and raises ``Conflict`` when it differs.
    """
    data = data.normalised()
    if data.vacancy is not None and data.vacancy.company_id != company.pk:
        raise Http404(_("No vacancy of this company has this id or reference."))
    existing = _existing(company, data.external_ref)
    if existing is not None:
        return _same_or_conflict(existing, data), False
    errors = hire_errors(data)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return _record(company=company, by=by, data=data), True
    except IntegrityError:
        # Two identical requests at once: the other one won the unique constraint, and
        # everything this one wrote (a placement, an opening) was rolled back with it.
        existing = _existing(company, data.external_ref)
        if existing is None:
            raise
        return _same_or_conflict(existing, data), False


def _record(*, company: Company, by: User | None, data: HireInput) -> Hire:
    vacancy = None
    if data.vacancy is not None:
        # Hires on one vacancy queue here, so two cannot both take its last opening.
        vacancy = (
            Vacancy.objects.select_for_update(of=("self",))
            .select_related("region")
            .get(pk=data.vacancy.pk)
        )
    person = _registered_person(data.nik)
    placement, counted_on_vacancy = None, False
    if person is not None:
        placement = _same_job(person, company, vacancy, data.start_date)
        counted_on_vacancy = (
            placement is not None and vacancy is not None and (placement.vacancy_id == vacancy.pk)
        )
    takes_opening = vacancy is not None and not counted_on_vacancy
    if takes_opening and vacancy.filled >= vacancy.openings:
        raise Conflict(
            _("All %(n)d openings of this vacancy are taken.") % {"n": vacancy.openings},
            existing_id=vacancy.pk,
            field="vacancy",
        )
    if person is not None and placement is None and data.start_date >= person.registered_on:
        placement = _place(person, company=company, vacancy=vacancy, data=data, by=by)
    hire = Hire.objects.create(
        company=company,
        vacancy=vacancy,
        external_ref=data.external_ref,
        name=data.name,
        sex=data.sex,
        birth_year=data.birth_year,
        education=data.education,
        domicile=data.domicile,
        nik=data.nik,
        occupation=data.occupation,
        start_date=data.start_date,
        employment_type=data.employment_type,
        wage=data.wage,
        job_seeker=person,
        placement=placement,
        reported_by=by,
    )
    if takes_opening:
        _fill_one(vacancy)
    return hire


def _registered_person(nik: str) -> JobSeeker | None:
    """The registered job seeker (any office) with this NIK; never an anonymised one."""
    if not nik:
        return None
    return JobSeeker.objects.filter(nik=nik, anonymised_at__isnull=True).first()


def _same_job(
    person: JobSeeker, company: Company, vacancy: Vacancy | None, start: datetime.date
) -> Placement | None:
    """The person's placement at this company that is this job: on the same vacancy, or
    starting within ``SAME_JOB_DAYS`` of the reported start."""
    window = datetime.timedelta(days=SAME_JOB_DAYS)
    same = Q(start_date__range=(start - window, start + window))
    if vacancy is not None:
        same |= Q(vacancy=vacancy)
    return (
        Placement.objects.filter(job_seeker=person, company=company)
        .filter(same)
        .order_by("pk")
        .first()
    )


def _place(
    person: JobSeeker, *, company: Company, vacancy: Vacancy | None, data: HireInput, by
) -> Placement | None:
    """End the registration as placed through the one hiring service. A person already
    placed by another job (the service refuses a second placement per registration) is
    hired all the same: the hire is recorded, linked to that placement only when it is
    this company's."""
    workplace = vacancy.region if vacancy is not None else company.region
    local = workplace is not None and workplace.code[:5] == person.region_id[:5]
    try:
        return placement_create(
            job_seeker=person,
            source=Placement.Source.HIRE_REPORT,
            company=company,
            vacancy=vacancy,
            occupation=data.occupation,
            start_date=data.start_date,
            contract_type=data.employment_type,
            wage=data.wage,
            channel=Placement.Channel.AKL if local else Placement.Channel.AKAD,
            by=by,
        )
    except Conflict as conflict:
        earlier = Placement.objects.filter(pk=conflict.existing_id, company=company).first()
        return earlier


def _fill_one(vacancy: Vacancy) -> None:
    """One opening taken (the vacancy is locked); the last one marks it filled."""
    Vacancy.objects.filter(pk=vacancy.pk).update(filled=F("filled") + 1, updated_at=timezone.now())
    vacancy.refresh_from_db(fields=["filled"])
    if vacancy.status == Vacancy.Status.OPEN and vacancy.filled >= vacancy.openings:
        vacancy.status = Vacancy.Status.FILLED
        vacancy.close_reason = Vacancy.CloseReason.FILLED
        vacancy.closed_on = timezone.localdate()
        vacancy.save(update_fields=["status", "close_reason", "closed_on", "updated_at"])
    else:
        with_history([vacancy], Vacancy, update=True)
