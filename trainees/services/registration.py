"""Registration at the labour office: the AK/I card from first visit to its end.

Every write to a job seeker's registration goes through here: the web form, the API
and the bulk import call these functions and never repeat a rule.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from trainees.models import (
    JobSeeker,
    JobSeekerSkill,
    ReportBack,
    Sex,
    format_registration_number,
)
from trainees.nik import KnownDistricts, nik_problems, normalise_nik
from trainees.services.personal_data import refuse_if_anonymised
from vokasi.audit import with_history
from vokasi.errors import Conflict
from vokasi.models import EducationLevel, LabourOffice, Occupation, Region, Skill
from vokasi.reference import RETIRED_DISTRICTS

#: The fields a person states at registration (and may later correct).
PERSON_FIELDS = (
    "nik",
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "marital_status",
    "religion",
    "address",
    "region",
    "phone",
    "email",
    "education",
    "major",
    "courses",
    "experience",
    "experience_years",
    "occupation",
    "disability",
    "consent_share_contact",
)
REQUIRED_FIELDS = ("nik", "name", "birth_place", "birth_date", "sex", "address", "region")

#: Ends an officer may record by hand; "expired" is applied by ``job_seekers_expire``.
END_STATUS = {
    JobSeeker.EndReason.PLACED: JobSeeker.Status.PLACED,
    JobSeeker.EndReason.EXPIRED: JobSeeker.Status.EXPIRED,
    JobSeeker.EndReason.WITHDRAWN: JobSeeker.Status.REMOVED,
    JobSeeker.EndReason.MOVED: JobSeeker.Status.REMOVED,
    JobSeeker.EndReason.DECEASED: JobSeeker.Status.REMOVED,
    JobSeeker.EndReason.DATA_ERROR: JobSeeker.Status.REMOVED,
}


#: A report back up to this many days before its due date counts for that date.
REPORT_EARLY_DAYS = 30


class DuplicateNik(Conflict):
    """The NIK is already registered; ``existing_id`` is that registration."""

    def __init__(self, existing: JobSeeker):
        super().__init__(
            _("This NIK is already registered (AK/I %(number)s, %(office)s).")
            % {"number": existing.registration_number, "office": existing.office},
            existing.pk,
            field="nik",
        )
        self.existing_number = existing.registration_number


# ----------------------------------------------------------------------------- periods


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day (31 Aug + 6 -> 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _valid_months() -> int:
    return settings.VOKASI["REGISTRATION_VALID_MONTHS"]


def _report_months() -> int:
    return settings.VOKASI["REPORT_BACK_MONTHS"]


def report_due_dates(registered_on: datetime.date) -> list[datetime.date]:
    """The report-back dates of a card: every 6 months until it expires (4 in 2 years)."""
    step, valid = _report_months(), _valid_months()
    return [add_months(registered_on, m) for m in range(step, valid + 1, step)]


def next_due_after(registered_on: datetime.date, day: datetime.date) -> datetime.date | None:
    """The first report-back date after ``day``, or None once the card's last one is past."""
    return next((due for due in report_due_dates(registered_on) if due > day), None)


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def known_districts() -> KnownDistricts:
    """Kecamatan a NIK may name: today's, and the retired codes older NIKs still carry."""
    current = Region.objects.filter(level=Region.Level.DISTRICT).values_list("code", flat=True)
    return KnownDistricts.of([*current, *RETIRED_DISTRICTS])


# -------------------------------------------------------------------------- validation


@dataclass
class _Lookups:
    """Reference rows a registration points at, looked up once."""

    region: Region | None = None
    education: EducationLevel | None = None
    occupation: Occupation | None = None
    skills: list[Skill] | None = None


def _as_code(value) -> str:
    if value is None:
        return ""
    return str(getattr(value, "pk", value)).strip()


def _validate_person(
    data: dict, *, registered_on: datetime.date, skills: Iterable[str] | None
) -> _Lookups:
    """Check what a person states; raise ValidationError listing every field at fault."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for field in REQUIRED_FIELDS:
        if data.get(field) in (None, ""):
            add(field, _("This field is required."))
    if data.get("sex") not in (None, "", *Sex.values):
        add("sex", _("Sex must be L (laki-laki) or P (perempuan)."))
    marital = data.get("marital_status") or ""
    if marital and marital not in JobSeeker.MaritalStatus.values:
        add("marital_status", _("Unknown marital status %(value)s.") % {"value": marital})

    birth_date = data.get("birth_date")
    if birth_date:
        minimum = settings.VOKASI["MIN_REGISTRATION_AGE"]
        if birth_date > registered_on:
            add("birth_date", _("The date of birth is in the future."))
        elif age_on(birth_date, registered_on) < minimum:
            add(
                "birth_date",
                _("A job seeker must be at least %(min)d years old; this person is %(age)d.")
                % {"min": minimum, "age": age_on(birth_date, registered_on)},
            )
    if data.get("nik"):
        for problem in nik_problems(
            data["nik"], birth_date, data.get("sex"), districts=known_districts()
        ):
            add("nik", problem)

    found = _Lookups()
    region_code = _as_code(data.get("region"))
    if region_code:
        found.region = Region.objects.filter(code=region_code, level=Region.Level.DISTRICT).first()
        if found.region is None:
            add("region", _("Unknown kecamatan %(code)s.") % {"code": region_code})
    education_code = _as_code(data.get("education"))
    if not education_code:
        add("education", _("This field is required."))
    else:
        found.education = EducationLevel.objects.filter(code=education_code).first()
        if found.education is None:
            add("education", _("Unknown education level %(code)s.") % {"code": education_code})
    occupation_code = _as_code(data.get("occupation"))
    if occupation_code:
        found.occupation = Occupation.objects.filter(code=occupation_code).first()
        if found.occupation is None:
            add("occupation", _("Unknown occupation %(code)s.") % {"code": occupation_code})
    if skills is not None:
        codes = list(dict.fromkeys(_as_code(code) for code in skills if _as_code(code)))
        found.skills = list(Skill.objects.filter(code__in=codes))
        missing = sorted(set(codes) - {s.code for s in found.skills})
        if missing:
            add("skills", _("Unknown skills: %(codes)s.") % {"codes": ", ".join(missing)})
    if errors:
        raise ValidationError(errors)
    return found


def _model_values(data: dict, found: _Lookups) -> dict:
    """The model's field values for what a person stated (blanks as "", not None)."""
    values = {}
    for field in PERSON_FIELDS:
        value = data.get(field)
        if field == "region":
            value = found.region
        elif field == "education":
            value = found.education
        elif field == "occupation":
            value = found.occupation
        elif field == "consent_share_contact":
            value = bool(value)
        elif field == "experience_years":
            value = int(value or 0)
        elif field != "birth_date":
            value = "" if value is None else str(value).strip()
        values[field] = value
    return values


def _existing_with_nik(nik: str, exclude_pk: int | None = None) -> JobSeeker | None:
    qs = JobSeeker.objects.select_related("office").filter(nik=nik)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


# ------------------------------------------------------------------------- AK/I numbers


def allocate_registration_numbers(*, office: LabourOffice, year: int, count: int = 1) -> list[str]:
    """Reserve the next ``count`` AK/I numbers of an office for a year.

    Must run inside the transaction that saves them: the office row is locked until
    commit, so two counters registering at the same moment queue for the next number
    rather than both taking it. (SQLite serialises writers anyway.)
    """
    LabourOffice.objects.select_for_update().filter(pk=office.pk).values_list("pk").get()
    prefix = format_registration_number(office.code, year, 0)[:-6]
    last = (
        JobSeeker.objects.filter(
            office=office,
            registration_number__gte=prefix,
            registration_number__lt=f"{prefix}~",
        )
        .order_by("-registration_number")
        .values_list("registration_number", flat=True)
        .first()
    )
    start = int(last[len(prefix) :]) + 1 if last else 1
    return [
        format_registration_number(office.code, year, seq) for seq in range(start, start + count)
    ]


# ------------------------------------------------------------------------------ writes


def _set_declared_skills(
    job_seeker: JobSeeker, skills: Sequence[Skill], since: datetime.date | None = None
) -> None:
    """Declared skills become exactly ``skills``; trained and certified ones stay, marked
    as also declared when the person names them (so a withdrawn result leaves them declared).

    A skill named now counts from today (from the registration day when registering, which
    may be dated back); one no longer named is a correction of the declaration.
    """
    wanted = {skill.pk for skill in skills}
    since = since or max(job_seeker.registered_on, timezone.localdate())
    held = dict(job_seeker.skill_rows.values_list("skill_id", "source"))
    rows = job_seeker.skill_rows
    rows.filter(source=JobSeekerSkill.Source.DECLARED).exclude(skill_id__in=wanted).delete()
    flipped = []
    for row in rows.filter(source__gt=JobSeekerSkill.Source.DECLARED):
        if row.declared != (row.skill_id in wanted):
            row.declared = row.skill_id in wanted
            row.declared_from = since if row.declared else None
            flipped.append(row)
    if flipped:
        JobSeekerSkill.objects.bulk_update(flipped, ["declared", "declared_from"])
        with_history(flipped, JobSeekerSkill, update=True)
    created = JobSeekerSkill.objects.bulk_create(
        [
            JobSeekerSkill(
                job_seeker=job_seeker,
                skill_id=code,
                source=JobSeekerSkill.Source.DECLARED,
                declared_from=since,
            )
            for code in sorted(wanted - held.keys())
        ]
    )
    with_history(created, JobSeekerSkill, update=False)


def job_seeker_register(
    *,
    office: LabourOffice,
    data: dict,
    skills: Iterable[str] = (),
    registered_by=None,
    registered_on: datetime.date | None = None,
) -> JobSeeker:
    """Register a person at ``office``: validate, number the AK/I card, save.

    ``data`` holds the person's fields (``PERSON_FIELDS``; reference fields as codes or
    objects). Raises ``DuplicateNik`` when the NIK is already registered — also when
    another officer registers the same NIK at the same moment, which the database's
    unique constraint decides — and ``ValidationError`` for anything else.
    """
    registered_on = registered_on or timezone.localdate()
    data = {key: value for key, value in data.items() if key in PERSON_FIELDS}
    if "nik" in data:
        data["nik"] = normalise_nik(data["nik"])
    found = _validate_person(data, registered_on=registered_on, skills=skills)
    existing = _existing_with_nik(data["nik"])
    if existing:
        raise DuplicateNik(existing)
    values = _model_values(data, found)
    try:
        with transaction.atomic():
            (number,) = allocate_registration_numbers(office=office, year=registered_on.year)
            person = JobSeeker(
                office=office,
                registration_number=number,
                registered_on=registered_on,
                expires_on=add_months(registered_on, _valid_months()),
                next_report_due=next_due_after(registered_on, registered_on),
                registered_by=registered_by,
                consent_changed_at=timezone.now() if values["consent_share_contact"] else None,
                **values,
            )
            person.save()
            _set_declared_skills(person, found.skills or [], since=registered_on)
    except IntegrityError:
        # The other officer's insert committed first: theirs stands, this one is a duplicate.
        existing = _existing_with_nik(data["nik"])
        if existing:
            raise DuplicateNik(existing) from None
        raise
    return person


def job_seeker_update(
    *,
    job_seeker: JobSeeker,
    data: dict,
    skills: Iterable[str] | None = None,
    updated_by=None,
) -> JobSeeker:
    """Correct a person's stated data. The NIK may be corrected; the card number stays."""
    refuse_if_anonymised(job_seeker)
    data = {key: value for key, value in data.items() if key in PERSON_FIELDS}
    if "nik" in data:
        data["nik"] = normalise_nik(data["nik"])
    merged = {field: getattr(job_seeker, field) for field in PERSON_FIELDS}
    merged.update(
        region=job_seeker.region_id,
        education=job_seeker.education_id,
        occupation=job_seeker.occupation_id,
    )
    merged.update(data)
    found = _validate_person(merged, registered_on=job_seeker.registered_on, skills=skills)
    existing = _existing_with_nik(merged["nik"], exclude_pk=job_seeker.pk)
    if existing:
        raise DuplicateNik(existing)
    consent_before = job_seeker.consent_share_contact
    for field, value in _model_values(merged, found).items():
        setattr(job_seeker, field, value)
    if job_seeker.consent_share_contact != consent_before:
        job_seeker.consent_changed_at = timezone.now()
    try:
        with transaction.atomic():
            job_seeker.save()
            if skills is not None:
                _set_declared_skills(job_seeker, found.skills or [])
    except IntegrityError:
        existing = _existing_with_nik(merged["nik"], exclude_pk=job_seeker.pk)
        if existing:
            raise DuplicateNik(existing) from None
        raise
    return job_seeker


@transaction.atomic
def job_seeker_report_back(
    *,
    job_seeker: JobSeeker,
    reported_on: datetime.date | None = None,
    recorded_by=None,
    note: str = "",
) -> ReportBack:
    """Record the 6-monthly report back (lapor) and move the next due date."""
    reported_on = reported_on or timezone.localdate()
    person = JobSeeker.objects.select_for_update().get(pk=job_seeker.pk)
    refuse_if_anonymised(person)
    if person.status != JobSeeker.Status.ACTIVE:
        raise ValidationError(
            {
                "status": _("Only an active registration can report back; this one is %(status)s.")
                % {"status": person.get_status_display()}
            }
        )
    if reported_on < person.registered_on or reported_on > timezone.localdate():
        raise ValidationError(
            {"reported_on": _("The report date must lie between registration and today.")}
        )
    if reported_on > person.expires_on:
        raise ValidationError(
            {
                "reported_on": _("The card expired on %(date)s.")
                % {"date": person.expires_on.strftime("%d-%m-%Y")}
            }
        )
    if person.reports.filter(reported_on=reported_on).exists():
        raise ValidationError({"reported_on": _("This person already reported on that day.")})
    report = ReportBack.objects.create(
        job_seeker=person, reported_on=reported_on, recorded_by=recorded_by, note=note
    )
    latest = max(reported_on, person.last_reported_on or reported_on)
    person.last_reported_on = latest
    # A report in the weeks before a due date counts for it (people come when they can).
    person.next_report_due = next_due_after(
        person.registered_on, latest + datetime.timedelta(days=REPORT_EARLY_DAYS)
    )
    person.save(update_fields=["last_reported_on", "next_report_due", "updated_at"])
    job_seeker.last_reported_on = person.last_reported_on
    job_seeker.next_report_due = person.next_report_due
    return report


@transaction.atomic
def job_seeker_end(
    *,
    job_seeker: JobSeeker,
    reason: str,
    ended_on: datetime.date | None = None,
    ended_by=None,
) -> JobSeeker:
    """End a registration: placed, expired, or removed (withdrawn, moved, deceased, error).

    The end date lies between registration and today, except for a placement: a hire agreed
    today may start next month, and the registration ends as placed on the start date.
    """
    ended_on = ended_on or timezone.localdate()
    person = JobSeeker.objects.select_for_update().get(pk=job_seeker.pk)
    refuse_if_anonymised(person)
    if reason not in END_STATUS:
        raise ValidationError({"reason": _("Unknown end reason %(reason)s.") % {"reason": reason}})
    if person.status != JobSeeker.Status.ACTIVE:
        raise ValidationError(
            {
                "reason": _("This registration already ended (%(status)s).")
                % {"status": person.get_status_display()}
            }
        )
    latest = None if reason == JobSeeker.EndReason.PLACED else timezone.localdate()
    if ended_on < person.registered_on or (latest and ended_on > latest):
        raise ValidationError(
            {"ended_on": _("The end date must lie between registration and today.")}
        )
    person.status = END_STATUS[reason]
    person.end_reason = reason
    person.ended_on = ended_on
    person.next_report_due = None
    person.save(update_fields=["status", "end_reason", "ended_on", "next_report_due", "updated_at"])
    for field in ("status", "end_reason", "ended_on", "next_report_due"):
        setattr(job_seeker, field, getattr(person, field))
    return job_seeker


def job_seekers_expire(*, today: datetime.date | None = None) -> int:
    """End every active card whose validity has run out; returns how many. Idempotent.

    One UPDATE per thousand people, each followed by their history rows (the audit).
    """
    today = today or timezone.localdate()
    due = JobSeeker.objects.filter(status=JobSeeker.Status.ACTIVE, expires_on__lte=today)
    ids = list(due.values_list("pk", flat=True))
    count = 0
    for start in range(0, len(ids), 1000):
        with transaction.atomic():
            chunk = list(
                due.filter(pk__in=ids[start : start + 1000])
                .select_for_update()
                .values_list("pk", flat=True)
            )
            count += JobSeeker.objects.filter(pk__in=chunk).update(
                status=JobSeeker.Status.EXPIRED,
                end_reason=JobSeeker.EndReason.EXPIRED,
                ended_on=F("expires_on"),
                next_report_due=None,
                updated_at=timezone.now(),
            )
            with_history(list(JobSeeker.objects.filter(pk__in=chunk)), JobSeeker, update=True)
    return count


@transaction.atomic
def job_seeker_merge(*, keep: JobSeeker, duplicate: JobSeeker, merged_by=None) -> JobSeeker:
    """Fold a duplicate registration into ``keep``: skills and reports move, it ends.

    The duplicate ends as a data error rather than being deleted, so whatever other
    records point at it (referrals, enrollments) stay explainable.
    """
    refuse_if_anonymised(keep, "keep")
    refuse_if_anonymised(duplicate, "duplicate")
    if keep.pk == duplicate.pk:
        raise ValidationError({"duplicate": _("A registration cannot be merged into itself.")})
    if keep.office_id != duplicate.office_id:
        raise ValidationError({"duplicate": _("Both registrations must belong to one office.")})
    if duplicate.status != JobSeeker.Status.ACTIVE:
        raise ValidationError({"duplicate": _("This registration has already ended.")})
    held = dict(keep.skill_rows.values_list("skill_id", "source"))
    for row in duplicate.skill_rows.all():
        if row.skill_id not in held:
            row.job_seeker = keep
            row.save(update_fields=["job_seeker"])
        elif row.source > held[row.skill_id]:
            # Saved row by row (not ``.update()``) so each change keeps its history.
            kept = keep.skill_rows.get(skill_id=row.skill_id)
            kept.source = row.source
            kept.certificate_no = row.certificate_no
            kept.certificate_expires_on = row.certificate_expires_on
            kept.acquired_on = row.acquired_on
            dates = ["declared_from", "trained_from", "certified_from"]
            for name in dates:  # each source counts from the earlier of the two records
                known = [day for day in (getattr(kept, name), getattr(row, name)) if day]
                setattr(kept, name, min(known) if known else None)
            kept.save(
                update_fields=[
                    "source",
                    "certificate_no",
                    "certificate_expires_on",
                    "acquired_on",
                    *dates,
                ]
            )
    kept_days = set(keep.reports.values_list("reported_on", flat=True))
    duplicate.reports.exclude(reported_on__in=kept_days).update(job_seeker=keep)
    job_seeker_end(job_seeker=duplicate, reason=JobSeeker.EndReason.DATA_ERROR, ended_by=merged_by)
    return keep
