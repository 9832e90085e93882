"""Registration at the labour office: the AK/I card from first visit to its end.

Every write to a job seeker's registration goes through here: the web form, the API
and the bulk import call these functions and never repeat a rule.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
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
    format_registration_number,
)
from trainees.nik import KnownDistricts, normalise_nik
from trainees.services.personal_data import refuse_if_anonymised
from trainees.services.registration.rules import (
    already_registered,
    check_people,
    known_codes,
)
from vokasi.audit import with_history
from vokasi.dates import add_months
from vokasi.errors import Conflict
from vokasi.models import EducationLevel, LabourOffice, Occupation, Region, Skill
from vokasi.reference import RETIRED_DISTRICTS
from vokasi.tabular.errors import FieldErrors

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

#: The status each end leaves. An officer records removals by hand; "placed" comes with a
#: placement (``job_seeker_end_placed``), "expired" from ``job_seekers_expire``.
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
            already_registered(existing.registration_number, str(existing.office)),
            existing.pk,
            field="nik",
        )
        self.existing_number = existing.registration_number


# ----------------------------------------------------------------------------- periods


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


def _stated(data: dict, skills: Iterable[str] | None) -> pd.DataFrame:
    """One person as the one-row table the registration rules check."""
    row = {name: "" if data.get(name) is None else data[name] for name in _TEXT_FIELDS}
    row["birth_date"] = data.get("birth_date") or ""
    for name in ("region", "education", "occupation"):
        row[name] = _as_code(data.get(name))
    row["skills"] = (
        None if skills is None else list(dict.fromkeys(c for c in map(_as_code, skills) if c))
    )
    return pd.DataFrame([row])


_TEXT_FIELDS = ("nik", "name", "birth_place", "sex", "marital_status", "address")


def _validate_person(
    data: dict, *, registered_on: datetime.date, skills: Iterable[str] | None
) -> _Lookups:
    """Check what a person states (``registration.rules``, the same rules the import runs
    over a file); raise ValidationError listing every field at fault."""
    person = _stated(data, skills)
    known = known_codes(person)
    errors = FieldErrors(person)
    check_people(person, errors, on=registered_on, known=known, districts=known_districts())
    if errors:
        raise ValidationError(errors.by_field)
    stated = person.iloc[0]
    return _Lookups(
        region=known.regions.get(stated["region"]),
        education=known.educations.get(stated["education"]),
        occupation=known.occupations.get(stated["occupation"]),
        skills=None if stated["skills"] is None else [known.skills[c] for c in stated["skills"]],
    )


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
    """End a registration as removed (withdrawn, moved, deceased, data error) or expired.

    The end date lies between registration and today. *Placed* is refused here: a
    registration ends as placed only together with its placement (``job_seeker_end_placed``),
    or the IPK's "ditempatkan" counts a person no placement table, outcome or funnel knows.
    """
    if reason == JobSeeker.EndReason.PLACED:
        message = _("Record the job: the registration ends as placed when the job is recorded.")
        raise ValidationError({"reason": message})
    ended_on = ended_on or timezone.localdate()
    person = _lock_active(job_seeker, reason)
    if ended_on < person.registered_on or ended_on > timezone.localdate():
        raise ValidationError(
            {"ended_on": _("The end date must lie between registration and today.")}
        )
    return _end(job_seeker, person, reason, ended_on)


@transaction.atomic
def job_seeker_end_placed(*, job_seeker: JobSeeker, placement) -> JobSeeker:
    """End a registration as placed by ``placement`` (a ``placements.Placement`` of this
    person, already saved), on its start date: a hire agreed today may start next month.

    Only the hiring service of ``placements`` calls this, in the transaction that created
    the placement. Imports point down (placements → trainees), so the placement is handed
    in rather than looked up, and it is the proof: no placement, no end as placed.
    """
    if getattr(placement, "pk", None) is None or placement.job_seeker_id != job_seeker.pk:
        raise ValueError("A registration ends as placed only by a saved placement of its own.")
    reason = JobSeeker.EndReason.PLACED
    person = _lock_active(job_seeker, reason)
    return _end(job_seeker, person, reason, max(placement.start_date, person.registered_on))


def _lock_active(job_seeker: JobSeeker, reason: str) -> JobSeeker:
    """The person's row, locked until commit, when it may end for ``reason``."""
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
    return person


def _end(job_seeker: JobSeeker, person: JobSeeker, reason: str, ended_on: datetime.date):
    person.status = END_STATUS[reason]
    person.end_reason = reason
    person.ended_on = ended_on
    person.next_report_due = None
    person.save(update_fields=["status", "end_reason", "ended_on", "next_report_due", "updated_at"])
    for field in ("status", "end_reason", "ended_on", "next_report_due"):
        setattr(job_seeker, field, getattr(person, field))
    return job_seeker


def job_seekers_expire(
    *, today: datetime.date | None = None, on_progress: Callable[[int, int], None] | None = None
) -> int:
    """End every active card whose validity has run out; returns how many. Idempotent.

    One UPDATE per thousand people, each followed by their history rows (the audit);
    ``on_progress(done, total)`` hears each thousand.
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
        if on_progress:
            on_progress(min(start + 1000, len(ids)), len(ids))
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
