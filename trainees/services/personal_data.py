"""One person's personal data: everything Vokasi holds (subject access) and its erasure.

UU 27/2022 (Perlindungan Data Pribadi) gives a person the right to see what is held about
them and to have it deleted; and data must be deleted or anonymised when its purpose
ends (``anonymise_expired_registrations``, ``VOKASI_RETENTION_YEARS``).

Erasure is anonymisation, not deletion: the reports (IPK III/1–III/8, link and match,
outcomes, the pipeline funnel) count people, so the row stays with everything they count
— sex, education, kecamatan, occupation sought, every date, status, end reason, skill
and link (enrollments, results, referrals, placements) — and loses everything that
identifies the person. ``erasure_places()`` is the ONE list of where data is removed
from; a new table or field that holds personal data must be added there.

What is kept, and why:

- **Birth date**: the reports only need the IPK age group (15–19, 20–29, 30–44, 45–54,
  55+) at the days they measure age: registration (IPK) and each cohort's start
  (outcomes by age group). The stored date becomes 1 July of the birth year when that
  keeps every one of those age groups (almost always), otherwise the nearest day of the
  birth year that does. Only the birth year survives, and only where a report needs it.
- **AK/I number**: not personal on its own, numbered per office and year; dropping it
  would let the office hand the same number out again.
- **NIK**: replaced by the record id written as 16 digits (``0000000000000042``): unique,
  so the unique constraint holds, and starting with province ``00``, which no real NIK
  has — it can never be typed in for a real person (``nik_problems`` rejects it).

Not held, so nothing to erase: uploaded files (a results file waiting for confirmation is
deleted within a day; job-seeker imports are never stored); ``ResultUpload`` keeps a
cohort's file name and counts only.

HISTORY MUST BE SCRUBBED TOO: when the audit history (django-simple-history) lands, its
historical rows of job seekers, results, referrals, placements… hold the old values.
``job_seeker_anonymise`` must then also rewrite (or delete) the person's historical rows
— add that step to ``erasure_places()``. The access log keeps who looked at which record
id, which no longer leads to a person.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trainees.models import (
    CompetencyAssessment,
    Enrollment,
    JobSeeker,
    JobSeekerSkill,
    ReportBack,
    TrainingResult,
    TrainingResultChange,
    is_owning_officer,
)
from vokasi.models import Role

#: What stands where a certificate number was (a Kompeten result must carry one).
ANONYMISED_CERTIFICATE = "ANONIM"

#: Who anonymised an expired registration when no person did (the retention command).
RETENTION_REASON = "retention"

#: The IPK age groups by their lowest age; under 20 is 15–19.
AGE_GROUP_FLOORS = (55, 45, 30, 20)


def anonymous_nik(pk: int) -> str:
    """A NIK-shaped placeholder: unique per record, never a real NIK (province 00)."""
    return f"{pk:016d}"


def anonymous_name(pk: int) -> str:
    return f"ANONIM-{pk}"


# ------------------------------------------------------------------------ access rules


def can_handle_personal_data(user, job_seeker: JobSeeker) -> bool:
    """Subject access and erasure: an officer of the owning office, or an admin."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or user.role == Role.ADMIN or is_owning_officer(user, job_seeker)


def may_ever_handle_personal_data(user) -> bool:
    """Roles that may do it at all (others answer 403, not 404)."""
    return bool(
        user
        and user.is_authenticated
        and (user.is_superuser or user.role in (Role.OFFICER, Role.ADMIN))
    )


def anonymised_problem(job_seeker: JobSeeker) -> str | None:
    """The refusal for any change to an anonymised person, or None."""
    if job_seeker.anonymised_at is None:
        return None
    return _("This person's data has been anonymised; the record can no longer be changed.")


def refuse_if_anonymised(job_seeker: JobSeeker, field: str = "job_seeker") -> None:
    problem = anonymised_problem(job_seeker)
    if problem:
        raise ValidationError({field: [problem]})


@transaction.atomic
def job_seeker_set_consent(*, job_seeker: JobSeeker, consent: bool, by) -> JobSeeker:
    """Record that the person gives or withdraws consent to share contact with employers.

    Employers' answers read the flag on every request, so a withdrawal hides the phone
    and e-mail from the next response on.
    """
    person = JobSeeker.objects.select_for_update().get(pk=job_seeker.pk)
    refuse_if_anonymised(person)
    if by is not None and not can_handle_personal_data(by, person):
        raise PermissionDenied(
            _("Only an officer of the person's own labour office or an admin may do this.")
        )
    if person.consent_share_contact != consent:
        person.consent_share_contact = consent
        person.consent_changed_at = timezone.now()
        person.save(update_fields=["consent_share_contact", "consent_changed_at", "updated_at"])
    job_seeker.consent_share_contact = person.consent_share_contact
    job_seeker.consent_changed_at = person.consent_changed_at
    return job_seeker


# ----------------------------------------------------------------------- birth date


def _age_floor(birth: datetime.date, day: datetime.date) -> int:
    """The IPK age group (by its floor) on ``day``, the way the reports compute it in SQL:
    yyyymmdd(day) - yyyymmdd(birth) >= age * 10000."""
    span = (day.year * 10000 + day.month * 100 + day.day) - (
        birth.year * 10000 + birth.month * 100 + birth.day
    )
    return next((floor for floor in AGE_GROUP_FLOORS if span >= floor * 10000), 0)


def _days_of_year_from_mid_year(year: int) -> Iterable[datetime.date]:
    middle = datetime.date(year, 7, 1)
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    yield middle
    for offset in range(1, 184):
        for day in (
            middle - datetime.timedelta(days=offset),
            middle + datetime.timedelta(days=offset),
        ):
            if first <= day <= last:
                yield day


def generalised_birth_date(
    birth: datetime.date, measured_on: Iterable[datetime.date]
) -> datetime.date:
    """A birth date in the same year that puts the person in the same IPK age group on
    every day in ``measured_on``: 1 July when it can, else the nearest day that does.

    The real date satisfies the condition, so a day is always found; it is returned
    itself only when no other day of the year would do (two measuring days a day apart
    on either side of a birthday that changes the group).
    """
    days = sorted(set(measured_on))
    wanted = [_age_floor(birth, day) for day in days]
    for candidate in _days_of_year_from_mid_year(birth.year):
        if candidate != birth and [_age_floor(candidate, day) for day in days] == wanted:
            return candidate
    return birth


def age_measured_on(job_seeker: JobSeeker) -> list[datetime.date]:
    """The days on which a report computes this person's age group."""
    cohort_starts = Enrollment.objects.filter(job_seeker=job_seeker).values_list(
        "cohort__start_date", flat=True
    )
    return [job_seeker.registered_on, *cohort_starts]


# ---------------------------------------------------------------------------- erasure


@dataclass(frozen=True)
class ErasurePlace:
    """A place personal data is removed from, and the function that removes it."""

    place: str
    erase: Callable[[JobSeeker], int] = field(compare=False)


_other_apps: list[ErasurePlace] = []


def register_erasure_place(place: str, erase: Callable[[JobSeeker], int]) -> None:
    """Apps above ``trainees`` (placements) add the places they own from ``ready()``."""
    if all(known.place != place for known in _other_apps):
        _other_apps.append(ErasurePlace(place, erase))


def _erase_job_seeker(person: JobSeeker) -> int:
    person.birth_date = generalised_birth_date(person.birth_date, age_measured_on(person))
    person.nik = anonymous_nik(person.pk)
    person.name = anonymous_name(person.pk)
    for name in (
        "birth_place",
        "marital_status",
        "religion",
        "address",
        "phone",
        "email",
        "major",
        "courses",
        "experience",
        "disability",
    ):
        setattr(person, name, "")
    if person.consent_share_contact:
        person.consent_share_contact = False
        person.consent_changed_at = timezone.now()
    return 1


def _erase_report_notes(person: JobSeeker) -> int:
    return ReportBack.objects.filter(job_seeker=person).exclude(note="").update(note="")


def _erase_skill_certificates(person: JobSeeker) -> int:
    return (
        JobSeekerSkill.objects.filter(job_seeker=person)
        .exclude(certificate_no="")
        .update(certificate_no="")
    )


def _erase_withdrawal_reasons(person: JobSeeker) -> int:
    return (
        Enrollment.objects.filter(job_seeker=person)
        .exclude(withdrawal_reason="")
        .update(withdrawal_reason="")
    )


def _erase_assessment_certificates(person: JobSeeker) -> int:
    # A Kompeten result must carry a certificate number (a check constraint), so it
    # keeps a placeholder; the count of K and BK is what the reports read.
    return (
        CompetencyAssessment.objects.filter(enrollment__job_seeker=person)
        .exclude(certificate_no="")
        .update(certificate_no=ANONYMISED_CERTIFICATE)
    )


def _erase_result_history(person: JobSeeker) -> int:
    changes = TrainingResultChange.objects.filter(
        enrollment__job_seeker=person, field="certificate_no"
    )
    return changes.update(old_value="", new_value="")


def erasure_places() -> list[ErasurePlace]:
    """Every place a job seeker's personal data is removed from, in the order it runs."""
    return [
        ErasurePlace(
            "trainees.JobSeeker: name, NIK, place and exact date of birth, marital status, "
            "religion, address, phone, email, major, courses, experience, disability, consent",
            _erase_job_seeker,
        ),
        ErasurePlace("trainees.ReportBack.note", _erase_report_notes),
        ErasurePlace("trainees.JobSeekerSkill.certificate_no", _erase_skill_certificates),
        ErasurePlace("trainees.Enrollment.withdrawal_reason", _erase_withdrawal_reasons),
        ErasurePlace(
            "trainees.CompetencyAssessment.certificate_no", _erase_assessment_certificates
        ),
        ErasurePlace("trainees.TrainingResultChange old/new certificate_no", _erase_result_history),
        # placements: ReferralDecision.note, Apprenticeship.agreement_no (registered by
        # placements.apps). To come: the audit history's rows (see the module docstring).
        *_other_apps,
    ]


def job_seeker_anonymise(*, job_seeker: JobSeeker, by, reason: str) -> JobSeeker:
    """Remove what identifies the person everywhere, keep what the reports count.

    ``by`` is the officer of the owning office or the admin who does it (None: the
    retention command). The registration must have ended: end it (e.g. withdrawn by the
    person) first, so no referral, cohort or report back is under way for a nobody.
    """
    reason = (reason or "").strip()
    if by is not None and not can_handle_personal_data(by, job_seeker):
        raise PermissionDenied(
            _("Only an officer of the person's own labour office or an admin may do this.")
        )
    errors = {}
    if not reason:
        errors["reason"] = [_("Give the reason (e.g. the person's request and its date).")]
    elif len(reason) > 200:
        errors["reason"] = [_("The reason may be at most 200 characters.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        person = JobSeeker.objects.select_for_update().get(pk=job_seeker.pk)
        refuse_if_anonymised(person)
        if person.status == JobSeeker.Status.ACTIVE:
            raise ValidationError(
                {
                    "status": [
                        _(
                            "The registration is still active. End it first (e.g. withdrawn by "
                            "the person), then anonymise."
                        )
                    ]
                }
            )
        for place in erasure_places():
            place.erase(person)
        person.anonymised_at = timezone.now()
        person.anonymised_by = by
        person.anonymisation_reason = reason
        person.save()
    job_seeker.refresh_from_db()
    return job_seeker


def retention_cutoff(today: datetime.date, years: int) -> datetime.date:
    """Registrations that ended before this day are past retention."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def expired_registrations(*, today: datetime.date, years: int):
    """Registrations ended more than ``years`` ago and not anonymised yet."""
    return JobSeeker.objects.filter(
        anonymised_at__isnull=True,
        ended_on__isnull=False,
        ended_on__lt=retention_cutoff(today, years),
    ).exclude(status=JobSeeker.Status.ACTIVE)


def job_seekers_anonymise_expired(
    *,
    today: datetime.date | None = None,
    years: int | None = None,
    batch_size: int = 500,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Anonymise every registration ended more than ``years`` (the setting) ago.

    Works through the records in id order, one transaction per batch, so a large backlog
    neither holds one long transaction nor loads every row at once; a second run finds
    nothing left to do. Returns how many were anonymised.
    """
    today = today or timezone.localdate()
    years = settings.VOKASI["RETENTION_YEARS"] if years is None else years
    reason = _("Retention: registration ended more than %(years)d years ago.") % {"years": years}
    done, last = 0, 0
    while True:
        ids = list(
            expired_registrations(today=today, years=years)
            .filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return done
        with transaction.atomic():
            for person in JobSeeker.objects.filter(pk__in=ids).order_by("pk"):
                job_seeker_anonymise(job_seeker=person, by=None, reason=reason)
        done += len(ids)
        last = ids[-1]
        if on_batch:
            on_batch(done)


# --------------------------------------------------------------------- subject access


@dataclass
class Section:
    """One kind of data held about the person: a JSON list and a sheet of the export."""

    key: str
    title: str
    columns: list[tuple[str, str]]
    rows: list[dict]
    #: Coded columns and their words, for people reading the workbook (JSON keeps codes).
    choices: dict[str, dict] = field(default_factory=dict)

    def readable_rows(self) -> list[dict]:
        return [
            {
                key: str(self.choices[key].get(value, value))
                if key in self.choices and value not in (None, "")
                else value
                for key, value in row.items()
            }
            for row in self.rows
        ]


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _section(key: str, title, model, names: list[str], objects, extra=None) -> Section:
    """Rows of ``objects`` with the ``names`` fields (and computed ``extra`` columns)."""
    columns = [(name, _label(model, name)) for name in names]
    extra = extra or []
    columns += [(name, str(header)) for name, header, _get in extra]
    choices = {
        name: dict(model._meta.get_field(name).choices)
        for name in names
        if model._meta.get_field(name).choices
    }
    rows = []
    for obj in objects:
        row = {name: getattr(obj, name) for name in names}
        for name, _header, get in extra:
            row[name] = get(obj)
        rows.append(row)
    return Section(key, str(title), columns, rows, choices)


PERSON_FIELDS = [
    "registration_number",
    "nik",
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "marital_status",
    "religion",
    "address",
    "phone",
    "email",
    "major",
    "courses",
    "experience",
    "experience_years",
    "disability",
    "consent_share_contact",
    "consent_changed_at",
    "registered_on",
    "expires_on",
    "last_reported_on",
    "next_report_due",
    "status",
    "ended_on",
    "end_reason",
    "anonymised_at",
    "anonymisation_reason",
]


def _person_section(person: JobSeeker) -> Section:
    section = _section(
        "person",
        gettext_lazy("Registration (AK/I card)"),
        JobSeeker,
        PERSON_FIELDS,
        [person],
        extra=[
            ("office", gettext_lazy("labour office"), lambda p: p.office.name),
            ("region", gettext_lazy("kecamatan"), lambda p: f"{p.region_id} {p.region.name}"),
            ("education", gettext_lazy("education"), lambda p: p.education.name),
            (
                "occupation",
                gettext_lazy("occupation sought"),
                lambda p: f"{p.occupation_id} {p.occupation.name}" if p.occupation_id else "",
            ),
        ],
    )
    return section


def personal_data_sections(job_seeker: JobSeeker) -> list[Section]:
    """Everything held about one person, as sections (a bounded number of queries).

    Referrals, apprenticeships and placements live in ``placements``; they are read here
    through the job seeker's reverse relations, which needs no import from that app.
    """
    from trainees.timeline import timeline_for

    person = JobSeeker.objects.select_related("office", "region", "education", "occupation").get(
        pk=job_seeker.pk
    )
    sections = [_person_section(person)]
    sections.append(
        Section(
            "history",
            str(gettext_lazy("History")),
            [
                ("day", str(gettext_lazy("date"))),
                ("stage", str(gettext_lazy("stage"))),
                ("event", str(gettext_lazy("event"))),
                ("detail", str(gettext_lazy("detail"))),
            ],
            [
                {"day": e.day, "stage": e.stage, "event": str(e.title), "detail": str(e.detail)}
                for e in timeline_for(person)
            ],
        )
    )
    sections.append(
        _section(
            "skills",
            gettext_lazy("Skills"),
            JobSeekerSkill,
            ["source", "acquired_on", "certificate_no", "certificate_expires_on"],
            person.skill_rows.select_related("skill").order_by("skill_id"),
            extra=[
                ("skill", gettext_lazy("skill"), lambda r: r.skill_id),
                ("skill_name", gettext_lazy("skill name"), lambda r: r.skill.name),
            ],
        )
    )
    sections.append(
        _section(
            "reports_back",
            gettext_lazy("Reports back"),
            ReportBack,
            ["reported_on", "note"],
            person.reports.all(),
        )
    )
    enrollments = list(
        person.enrollments.select_related(
            "cohort__programme__provider", "result__assessment"
        ).order_by("enrolled_on", "pk")
    )
    cohort_columns = [
        ("programme", gettext_lazy("programme"), lambda e: e.cohort.programme.name),
        ("cohort", gettext_lazy("cohort"), lambda e: e.cohort.name),
        ("provider", gettext_lazy("provider"), lambda e: e.cohort.programme.provider.name),
        ("cohort_start", gettext_lazy("start date"), lambda e: e.cohort.start_date),
        ("cohort_end", gettext_lazy("end date"), lambda e: e.cohort.end_date),
    ]
    sections.append(
        _section(
            "enrollments",
            gettext_lazy("Enrollments"),
            Enrollment,
            ["status", "enrolled_on", "withdrawn_on", "withdrawal_reason"],
            enrollments,
            extra=cohort_columns,
        )
    )
    results = [e for e in enrollments if hasattr(e, "result")]
    sections.append(
        _section(
            "results",
            gettext_lazy("Training results"),
            TrainingResult,
            ["attendance_pct", "score", "outcome"],
            [e.result for e in results],
            extra=[
                (
                    "programme",
                    gettext_lazy("programme"),
                    lambda r: r.enrollment.cohort.programme.name,
                ),
                ("cohort", gettext_lazy("cohort"), lambda r: r.enrollment.cohort.name),
            ],
        )
    )
    sections.append(
        _section(
            "assessments",
            gettext_lazy("Competency assessments"),
            CompetencyAssessment,
            ["result", "assessed_on", "certificate_no", "certificate_expires_on", "needs_retest"],
            CompetencyAssessment.objects.filter(enrollment__job_seeker=person)
            .select_related("enrollment__cohort__programme")
            .order_by("assessed_on", "pk"),
            extra=[
                (
                    "programme",
                    gettext_lazy("programme"),
                    lambda a: a.enrollment.cohort.programme.name,
                ),
                ("cohort", gettext_lazy("cohort"), lambda a: a.enrollment.cohort.name),
            ],
        )
    )
    sections.extend(_placements_sections(person))
    return sections


def _placements_sections(person: JobSeeker) -> list[Section]:
    referrals = list(
        person.referrals.select_related("vacancy__company")
        .prefetch_related("decisions")
        .order_by("referred_at", "pk")
    )
    Referral = person.referrals.model
    vacancy_columns = [
        ("vacancy", gettext_lazy("vacancy"), lambda r: r.vacancy.title),
        ("company", gettext_lazy("company"), lambda r: r.vacancy.company.name),
    ]
    sections = [
        _section(
            "referrals",
            gettext_lazy("Referrals"),
            Referral,
            ["referred_at", "status", "match_score", "decided_at"],
            referrals,
            extra=vacancy_columns,
        )
    ]
    decisions = [(d, r) for r in referrals for d in r.decisions.all()]
    Decision = Referral.decisions.rel.related_model
    sections.append(
        _section(
            "decisions",
            gettext_lazy("Referral decisions"),
            Decision,
            ["decision", "decided_at", "start_date", "wage", "note"],
            [d for d, _r in decisions],
            extra=[
                ("vacancy", gettext_lazy("vacancy"), lambda d: d.referral.vacancy.title),
                ("company", gettext_lazy("company"), lambda d: d.referral.vacancy.company.name),
            ],
        )
    )
    Apprenticeship = person.apprenticeships.model
    sections.append(
        _section(
            "apprenticeships",
            gettext_lazy("Apprenticeships"),
            Apprenticeship,
            [
                "agreement_no",
                "programme_description",
                "start_date",
                "duration_months",
                "allowance",
                "status",
                "approved_on",
                "finished_on",
                "hired",
            ],
            person.apprenticeships.select_related("company").order_by("start_date", "pk"),
            extra=[("company", gettext_lazy("company"), lambda a: a.company.name)],
        )
    )
    placements = list(
        person.placements.select_related("company", "vacancy")
        .prefetch_related("follow_ups")
        .order_by("start_date", "pk")
    )
    Placement = person.placements.model
    sections.append(
        _section(
            "placements",
            gettext_lazy("Placements"),
            Placement,
            ["start_date", "contract_type", "wage", "channel", "source"],
            placements,
            extra=[
                ("company", gettext_lazy("company"), lambda p: p.company.name),
                (
                    "vacancy",
                    gettext_lazy("vacancy"),
                    lambda p: p.vacancy.title if p.vacancy else "",
                ),
            ],
        )
    )
    FollowUp = Placement.follow_ups.rel.related_model
    sections.append(
        _section(
            "follow_ups",
            gettext_lazy("Follow-ups"),
            FollowUp,
            ["checked_on", "employed", "wage"],
            [f for p in placements for f in p.follow_ups.all()],
            extra=[("company", gettext_lazy("company"), lambda f: f.placement.company.name)],
        )
    )
    return sections


def _jsonable(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def personal_data_json(job_seeker: JobSeeker) -> dict:
    """The subject-access answer: the registration, then a list per kind of data."""
    sections = personal_data_sections(job_seeker)
    body: dict = {"generated_at": timezone.now().isoformat()}
    for section in sections:
        rows = [{k: _jsonable(v) for k, v in row.items()} for row in section.rows]
        body[section.key] = rows[0] if section.key == "person" else rows
    return body


def personal_data_xlsx(job_seeker: JobSeeker) -> bytes:
    """The same as a workbook a person can read: one sheet per kind of data."""
    from vokasi.exports import sheets_to_xlsx

    sheets = []
    for section in personal_data_sections(job_seeker):
        rows = section.readable_rows()
        if section.key == "person":
            # One record: field and value down the page reads better than one wide row.
            rows = [{"field": header, "value": rows[0][key]} for key, header in section.columns]
            columns = [("field", _("field")), ("value", _("value"))]
            sheets.append((section.title, rows, columns))
        else:
            sheets.append((section.title, rows, section.columns))
    return sheets_to_xlsx(sheets)
