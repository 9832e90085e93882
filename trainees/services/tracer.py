"""The tracer study: what became of a cohort's graduates 3, 6 and 12 months on.

Rules, in one place for the page, the API and the file:

- only a trainee whose training result is *completed* (lulus) is traced;
- one status per trainee and follow-up point (3, 6 or 12 months after the cohort's last
  day); recording it again replaces it (the same file twice changes nothing);
- the point is given, or derived from the day of the check: the latest of 3, 6, 12
  months after the cohort's end that the check reached, with ``GRACE_DAYS`` of grace
  (a call a few days before the 3-month mark is the 3-month check);
- the check is not before the cohort's end, nor in the future;
- a KBLI sector goes with *employed* or *self-employed*, and self-employment needs it
  (what business the graduate started is the point of counting it).

"Employed" may also be known from a placement recorded in Vokasi; that is not copied
here (see ``GraduateStatus``): the grid shows it, the outcomes count it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from trainees.models import Cohort, Enrollment, GraduateStatus
from trainees.nik import normalise_nik
from trainees.services.training import ROLE_REFUSED
from vokasi.models import Sector, User
from vokasi.roles import TRAINING, has_role, require_role
from vokasi.tabular import Column, ImportResult, RowError, Table, parsing, read_table
from vokasi.tabular.pipeline import Upload, upload_run

GRACE_DAYS = 14
WITH_SECTOR = (GraduateStatus.Status.EMPLOYED, GraduateStatus.Status.SELF_EMPLOYED)

STATUS_WORDS = {
    "employed": "employed",
    "bekerja": "employed",
    "kerja": "employed",
    "self employed": "self_employed",
    "self_employed": "self_employed",
    "wirausaha": "self_employed",
    "berwirausaha": "self_employed",
    "usaha sendiri": "self_employed",
    "studying": "studying",
    "continuing study": "studying",
    "studi lanjut": "studying",
    "melanjutkan studi": "studying",
    "melanjutkan pendidikan": "studying",
    "kuliah": "studying",
    "not working": "not_working",
    "not_working": "not_working",
    "tidak bekerja": "not_working",
    "belum bekerja": "not_working",
    "unreachable": "unreachable",
    "tidak dapat dihubungi": "unreachable",
    "tidak terlacak": "unreachable",
}

COLUMNS: tuple[Column, ...] = (
    Column("nik", label=_l("NIK"), aliases=("NIK", "NIK peserta", "nomor KTP"), text=True),
    Column(
        "months_after",
        label=_l("Months after the cohort (3, 6, 12)"),
        aliases=("months", "bulan", "bulan ke", "bulan setelah pelatihan", "months after"),
    ),
    Column("status", label=_l("Status"), aliases=("status", "keadaan", "status lulusan")),
    Column(
        "sector",
        label=_l("Business sector (KBLI)"),
        aliases=("sector", "sektor", "KBLI", "bidang usaha"),
        required=False,
    ),
    Column(
        "checked_on",
        label=_l("Checked on"),
        aliases=("checked on", "tanggal", "tanggal cek", "tanggal pelacakan"),
    ),
    Column("name", label=_l("Name"), aliases=("nama", "nama peserta"), required=False),
)


def can_trace(user: User) -> bool:
    """Record tracer statuses: officers (their office's people), trainers (their provider's
    trainees), admins; ``Enrollment.objects.visible_to`` scopes which."""
    return has_role(user, TRAINING)


def months_for(cohort: Cohort, checked_on: datetime.date) -> int | None:
    """The follow-up point a check on ``checked_on`` answers, or None when too early."""
    reached = None
    for months in GraduateStatus.MONTHS:
        mark = cohort.end_date + relativedelta(months=months)
        if checked_on >= mark - datetime.timedelta(days=GRACE_DAYS):
            reached = months
    return reached


def is_completer(enrollment: Enrollment) -> bool:
    return enrollment.status == Enrollment.Status.COMPLETED


@dataclass(frozen=True)
class StatusInput:
    status: str
    checked_on: datetime.date
    months_after: int | None = None
    sector: Sector | None = None


def status_errors(enrollment: Enrollment, data: StatusInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not is_completer(enrollment):
        add(
            "non_field_errors",
            _("Only a trainee who completed the training is traced (this one: %(status)s).")
            % {"status": enrollment.get_status_display()},
        )
    if data.status not in dict(GraduateStatus.Status.choices):
        add("status", _("Unknown status %(status)s.") % {"status": data.status})
    cohort = enrollment.cohort
    if data.checked_on < cohort.end_date:
        add("checked_on", _("The check cannot be before the cohort ended."))
    if data.checked_on > timezone.localdate():
        add("checked_on", _("The check cannot be in the future."))
    if data.months_after is not None and data.months_after not in GraduateStatus.MONTHS:
        add("months_after", _("Choose 3, 6 or 12 months."))
    elif (
        data.months_after is None
        and "checked_on" not in errors
        and months_for(cohort, data.checked_on) is None
    ):
        add(
            "checked_on",
            _(
                "A tracer check is made 3, 6 or 12 months after the cohort; this day is "
                "before the 3-month check."
            ),
        )
    if data.sector is not None and data.status not in WITH_SECTOR:
        add("sector", _("A sector is recorded only for employed or self-employed graduates."))
    if data.sector is None and data.status == GraduateStatus.Status.SELF_EMPLOYED:
        add("sector", _("Name the business sector (KBLI) of a self-employed graduate."))
    return errors


@transaction.atomic
def graduate_status_record(
    *, actor: User, enrollment: Enrollment, data: StatusInput
) -> tuple[GraduateStatus, bool]:
    """Record (or replace) one status; answers it and whether it was new."""
    require_role(actor, TRAINING, message=ROLE_REFUSED)
    errors = status_errors(enrollment, data)
    if errors:
        raise ValidationError(errors)
    months = data.months_after or months_for(enrollment.cohort, data.checked_on)
    status, created = GraduateStatus.objects.update_or_create(
        enrollment=enrollment,
        months_after=months,
        defaults={
            "status": data.status,
            "sector": data.sector,
            "checked_on": data.checked_on,
            "recorded_by": actor,
        },
    )
    return status, created


# ------------------------------------------------------------------------------ file


def tracer_read_file(file, *, filename: str | None = None) -> Table:
    if hasattr(file, "seek"):
        file.seek(0)
    data = file if isinstance(file, bytes) else file.read(settings.VOKASI_UPLOAD_MAX_BYTES + 1)
    return read_table(data, COLUMNS, filename=filename or getattr(file, "name", None))


def cohort_tracer_import(
    *,
    actor: User,
    cohort: Cohort,
    table: Table | None = None,
    file=None,
    filename: str | None = None,
    dry_run: bool = False,
    progress=None,
) -> ImportResult:
    """Check every row, then save all of them or none (one row per trainee and point).

    The rows come as a ``table`` already read or an uploaded ``file`` (.xlsx/.csv, read
    here; ``TableError`` when it cannot be read). Runs through the one upload pipeline,
    which also logs it.
    """
    require_role(actor, TRAINING, message=ROLE_REFUSED)
    upload = _TracerUpload(actor=actor, cohort=cohort, table=table, file=file, filename=filename)
    return upload_run(upload, dry_run=dry_run, progress=progress)


@dataclass
class _Checked:
    errors: list[RowError]
    #: Each row's trainee and status, and what is recorded for that point already.
    planned: list[tuple[Enrollment, StatusInput, GraduateStatus | None]]


def _same(saved: GraduateStatus | None, data: StatusInput) -> bool:
    return saved is not None and (saved.status, saved.sector_id, saved.checked_on) == (
        data.status,
        data.sector.pk if data.sector else None,
        data.checked_on,
    )


class _TracerUpload(Upload):
    kind = "tracer"

    def __init__(self, *, actor, cohort, table, file, filename) -> None:
        self.actor, self.cohort = actor, cohort
        self.table, self.file, self.filename = table, file, filename

    def read(self) -> Table:
        if self.table is not None:
            return self.table
        return tracer_read_file(self.file, filename=self.filename)

    def check(self, table: Table) -> _Checked:
        return _check_rows(table, self.actor, self.cohort)

    def preview(self, checked: _Checked) -> ImportResult:
        return _counted(checked, dry_run=True)

    def write(self, checked: _Checked, progress) -> ImportResult:
        progress.phase("writing", total=len(checked.planned))
        with transaction.atomic():
            for enrollment, data, saved in checked.planned:
                if not _same(saved, data):
                    graduate_status_record(actor=self.actor, enrollment=enrollment, data=data)
        progress.set(len(checked.planned))
        return _counted(checked, dry_run=False)

    def log_fields(self) -> dict:
        return {"cohort_id": self.cohort.pk}


def _counted(checked: _Checked, *, dry_run: bool) -> ImportResult:
    result = ImportResult(dry_run=dry_run)
    for _enrollment, data, saved in checked.planned:
        if saved is None:
            result.created += 1
        elif _same(saved, data):
            result.unchanged += 1
        else:
            result.updated += 1
    return result


@dataclass
class _Lookups:
    """What checking a row needs from the database and the whole file, read once."""

    header: object
    #: The cohort's trainees by NIK, as the actor sees them.
    enrollments: dict[str, Enrollment]
    sectors: dict[str, Sector]
    #: The ``checked_on`` column parsed, by row.
    dates: pd.Series
    #: The statuses saved already, by (enrollment id, months after).
    current: dict[tuple[int, int], GraduateStatus]


def _check_rows(table: Table, actor: User, cohort: Cohort) -> _Checked:
    """Every row's errors, or (with none) what each row records."""
    errors: list[RowError] = list(table.errors)
    lookups = _read_lookups(table, actor, cohort)
    seen: dict[tuple, int] = {}
    planned: list[tuple[Enrollment, StatusInput, GraduateStatus | None]] = []
    for row, values in table.frame.iterrows():
        row_errors, plan = _check_row(row, values, lookups, seen)
        if plan is not None:
            planned.append(plan)
        errors.extend(row_errors)
    return _Checked(errors=errors, planned=[] if errors else planned)


def _read_lookups(table: Table, actor: User, cohort: Cohort) -> _Lookups:
    frame = table.frame
    enrollments = {
        e.job_seeker.nik: e
        for e in Enrollment.objects.visible_to(actor)
        .filter(cohort=cohort)
        .select_related("job_seeker", "cohort")
    }
    sectors = {code: None for code in frame.get("sector", pd.Series(dtype=str)) if code}
    sectors = Sector.objects.in_bulk([code.strip() for code in sectors])
    dates = parsing.dates(frame["checked_on"])
    current = {
        (s.enrollment_id, s.months_after): s
        for s in GraduateStatus.objects.filter(enrollment__cohort=cohort)
    }
    return _Lookups(
        header=table.header, enrollments=enrollments, sectors=sectors, dates=dates, current=current
    )


def _check_row(row, values, lookups: _Lookups, seen: dict[tuple, int]):
    """One row's errors and, when it has none, the (trainee, status, saved status) it records.

    ``seen`` collects (trainee, month) → first row, to refuse the same point twice.
    """
    row_errors: list[RowError] = []

    def fail(column: str, value: str, message: str, _row=row, _errors=row_errors) -> None:
        _errors.append(RowError(int(_row), lookups.header(column), str(value), str(message)))

    nik = normalise_nik(str(values["nik"]).strip())
    enrollment = lookups.enrollments.get(nik)
    if enrollment is None:
        fail("nik", values["nik"], _("No trainee of this cohort has this NIK."))
    status = STATUS_WORDS.get(parsing.words(pd.Series([values["status"]])).iloc[0])
    if status is None:
        fail(
            "status",
            values["status"],
            _(
                "Write one of: bekerja, wirausaha, "
                "melanjutkan studi, tidak bekerja, tidak dapat dihubungi."
            ),
        )
    months_text = str(values["months_after"]).strip()
    months = int(months_text) if months_text in ("3", "6", "12") else None
    if months is None:
        fail("months_after", months_text, _("Choose 3, 6 or 12 months."))
    checked = lookups.dates.loc[row]
    if pd.isna(checked):
        fail("checked_on", values["checked_on"], _("Write a date as YYYY-MM-DD or DD-MM-YYYY."))
    code = str(values.get("sector", "") or "").strip()
    sector = lookups.sectors.get(code) if code else None
    if code and sector is None:
        fail("sector", code, _("Unknown KBLI code."))
    if enrollment is not None and months is not None:
        key = (enrollment.pk, months)
        if key in seen:
            fail(
                "months_after",
                months_text,
                _("This trainee and month are also on row %(row)d.") % {"row": seen[key]},
            )
        seen.setdefault(key, int(row))
    if row_errors or enrollment is None:
        return row_errors, None
    data = StatusInput(status=status, checked_on=checked.date(), months_after=months, sector=sector)
    columns = {"non_field_errors": "nik"}
    for field, problems in status_errors(enrollment, data).items():
        for problem in problems:
            column = columns.get(field, field)
            fail(column, values.get(column, ""), problem)
    if row_errors:
        return row_errors, None
    return row_errors, (enrollment, data, lookups.current.get((enrollment.pk, months)))
