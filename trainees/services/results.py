"""A cohort's results file: read, validate in bulk, compare, and save all or nothing.

One row per trainee keyed by NIK (see API.md). Validation is vectorised over the whole
frame; the cohort's enrollments and current results are read in one query each; the
writes are bulk operations in one transaction. Uploading the same file again writes
nothing; a corrected file changes only what differs and records each change.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trainees.models import (
    Cohort,
    CompetencyAssessment,
    Enrollment,
    ResultUpload,
    TrainingResult,
    TrainingResultChange,
)
from trainees.services.bulk import insert_many
from trainees.services.certification import (
    TraineeResult,
    certificate_expiry,
    certification_apply,
)
from trainees.services.training import PLACE_HOLDING, _require, can_manage_training
from vokasi.models import User
from vokasi.tabular import Column, ImportResult, RowError, Table, read_table

COLUMNS: tuple[Column, ...] = (
    Column(
        "nik",
        aliases=("NIK", "NIK peserta", "nomor induk kependudukan", "no KTP", "nomor KTP"),
        text=True,
    ),
    Column(
        "attendance_pct",
        aliases=(
            "attendance",
            "attendance %",
            "kehadiran",
            "kehadiran %",
            "persentase kehadiran",
            "presensi",
        ),
    ),
    Column("score", aliases=("nilai", "nilai akhir", "final score", "skor")),
    Column(
        "outcome",
        aliases=("hasil", "hasil pelatihan", "status kelulusan", "kelulusan", "keterangan"),
    ),
    Column(
        "competency",
        aliases=("kompetensi", "uji kompetensi", "hasil uji kompetensi", "K/BK", "asesmen"),
        required=False,
    ),
    Column(
        "certificate_no",
        aliases=(
            "certificate",
            "certificate number",
            "nomor sertifikat",
            "no sertifikat",
            "sertifikat",
        ),
        required=False,
    ),
    Column(
        "assessed_on",
        aliases=(
            "assessment date",
            "tanggal uji",
            "tanggal uji kompetensi",
            "tanggal asesmen",
            "tanggal sertifikat",
        ),
        required=False,
    ),
    # For people filling the template; never compared or saved.
    Column("name", aliases=("nama", "nama peserta", "trainee"), required=False),
)

_OUTCOME_WORDS = {
    "completed": TrainingResult.Outcome.COMPLETED,
    "complete": TrainingResult.Outcome.COMPLETED,
    "passed": TrainingResult.Outcome.COMPLETED,
    "lulus": TrainingResult.Outcome.COMPLETED,
    "failed": TrainingResult.Outcome.FAILED,
    "fail": TrainingResult.Outcome.FAILED,
    "tidak lulus": TrainingResult.Outcome.FAILED,
    "belum lulus": TrainingResult.Outcome.FAILED,
    "dropped": TrainingResult.Outcome.DROPPED,
    "dropped out": TrainingResult.Outcome.DROPPED,
    "drop out": TrainingResult.Outcome.DROPPED,
    "mengundurkan diri": TrainingResult.Outcome.DROPPED,
    "undur diri": TrainingResult.Outcome.DROPPED,
}
OUTCOME_WORDS = {word: outcome.value for word, outcome in _OUTCOME_WORDS.items()}
COMPETENCY_WORDS = {
    "": "",
    "-": "",
    "k": "K",
    "kompeten": "K",
    "competent": "K",
    "bk": "BK",
    "belum kompeten": "BK",
    "not yet competent": "BK",
    "not competent": "BK",
}
ENROLLMENT_STATUS = {
    TrainingResult.Outcome.COMPLETED.value: Enrollment.Status.COMPLETED.value,
    TrainingResult.Outcome.FAILED.value: Enrollment.Status.FAILED.value,
    TrainingResult.Outcome.DROPPED.value: Enrollment.Status.DROPPED.value,
}
#: The fields a results row sets, in the order the history and the dry run show them.
FIELDS = (
    "attendance_pct",
    "score",
    "outcome",
    "competency",
    "certificate_no",
    "assessed_on",
)
REPORTING = (Cohort.Status.RUNNING, Cohort.Status.FINISHED)
RESULT_FIELDS = (
    "enrollment",
    "attendance_pct",
    "score",
    "outcome",
    "assessment",
    "updated_by",
    "updated_at",
)


# ----------------------------------------------------------------------------- input


def results_read_file(file, *, filename: str | None = None) -> tuple[Table, str]:
    """Read an uploaded .xlsx/.csv; answers the table and the file's SHA-256."""
    if hasattr(file, "seek"):
        file.seek(0)
    data = file if isinstance(file, bytes) else file.read()
    name = filename or getattr(file, "name", None)
    return read_table(data, COLUMNS, filename=name), hashlib.sha256(data).hexdigest()


def results_read_rows(rows: Sequence[dict]) -> Table:
    """JSON rows as a table; row numbers are positions in the list, from 1."""
    if not isinstance(rows, list | tuple) or not all(isinstance(r, dict) for r in rows):
        raise ValidationError({"rows": [_("Send a list of objects, one per trainee.")]})
    keys: list[str] = []
    for row in rows:
        keys.extend(key for key in row if key not in keys)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(keys)
    for row in rows:
        writer.writerow(["" if row.get(key) is None else str(row.get(key)) for key in keys])
    table = read_table(buffer.getvalue().encode("utf-8"), COLUMNS, filename="rows.csv")
    # CSV line 2 is list position 1.
    table.frame.index = table.frame.index - 1
    table.errors = [
        RowError(e.row - 1, e.column, e.value, e.message) for e in table.errors if e.row > 1
    ]
    return table


# ------------------------------------------------------------------------ validation


def _number(series: pd.Series) -> pd.Series:
    cleaned = (
        series.str.strip()
        .str.rstrip("%")
        .str.strip()
        .str.replace(",", ".", regex=False)  # decimal commas from Indonesian Excel
    )
    return pd.to_numeric(cleaned.where(cleaned != ""), errors="coerce")


def _date(series: pd.Series) -> pd.Series:
    text = series.str.strip().str.split("T").str[0].str.split(" ").str[0]
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    local = pd.to_datetime(
        text.str.replace("/", "-", regex=False).str.replace(".", "-", regex=False),
        format="%d-%m-%Y",
        errors="coerce",
    )
    return iso.fillna(local)


def _words(series: pd.Series) -> pd.Series:
    return series.str.lower().str.split().str.join(" ").fillna("")


@dataclass
class _Checked:
    frame: pd.DataFrame  # valid rows only, canonical text values, with enrollment columns
    errors: list[RowError]
    rows: int


def _validate(table: Table, cohort: Cohort) -> _Checked:
    frame = table.frame
    errors: list[RowError] = list(table.errors)
    flagged = {(e.row, e.column) for e in errors}
    header = table.header
    bad = pd.Series(False, index=frame.index)

    def report(mask: pd.Series, column: str, message) -> None:
        nonlocal bad
        title = header(column)
        for row, value in frame.loc[mask, column].items():
            if (row, title) in flagged:
                continue
            flagged.add((row, title))
            text = message(value) if callable(message) else message
            errors.append(RowError(int(row), title, value, text))
        bad |= mask

    # NIK: 16 digits, once per file, enrolled in this cohort.
    nik = frame["nik"].str.replace(" ", "", regex=False)
    already = pd.Series([(row, header("nik")) in flagged for row in frame.index], index=frame.index)
    bad |= already
    report(~already & (nik == ""), "nik", _("NIK is required."))
    report(
        ~already & (nik != "") & ~nik.str.fullmatch(r"\d{16}"),
        "nik",
        _("NIK must be 16 digits."),
    )
    duplicate = (nik != "") & nik.duplicated(keep="first") & ~already
    first_row = pd.Series(frame.index, index=frame.index).groupby(nik).transform("min")
    for row in frame.index[duplicate]:
        title = header("nik")
        flagged.add((row, title))
        errors.append(
            RowError(
                int(row),
                title,
                frame.loc[row, "nik"],
                _("The same NIK is already on row %(row)d.") % {"row": int(first_row[row])},
            )
        )
    bad |= duplicate
    enrolled = pd.DataFrame(
        Enrollment.objects.filter(cohort=cohort, status__in=PLACE_HOLDING).values_list(
            "job_seeker__nik", "pk", "job_seeker_id", "job_seeker__name"
        ),
        columns=["nik", "enrollment_id", "job_seeker_id", "trainee"],
    ).set_index("nik")
    enrollment_id = nik.map(enrolled["enrollment_id"])
    report(
        nik.str.fullmatch(r"\d{16}") & enrollment_id.isna(),
        "nik",
        _("No trainee with this NIK is enrolled in cohort %(cohort)s.") % {"cohort": cohort.name},
    )

    # Attendance and score: numbers from 0 to 100 (score may be left empty).
    attendance = _number(frame["attendance_pct"])
    report(
        frame["attendance_pct"].str.strip() == "", "attendance_pct", _("Attendance is required.")
    )
    not_number = _("Not a number: write a percentage from 0 to 100.")
    report(
        (frame["attendance_pct"].str.strip() != "") & attendance.isna(),
        "attendance_pct",
        not_number,
    )
    report(
        (attendance < 0) | (attendance > 100),
        "attendance_pct",
        _("Attendance must be from 0 to 100."),
    )
    score = _number(frame["score"])
    report(
        (frame["score"].str.strip() != "") & score.isna(),
        "score",
        _("Not a number: write a score from 0 to 100."),
    )
    report((score < 0) | (score > 100), "score", _("The score must be from 0 to 100."))

    # Outcome and competency: known words in either language.
    outcome = _words(frame["outcome"]).map(OUTCOME_WORDS)
    report(
        outcome.isna(),
        "outcome",
        _(
            "Unknown outcome: write lulus, tidak lulus or mengundurkan diri "
            "(completed, failed or dropped)."
        ),
    )
    competency = _words(frame["competency"]).map(COMPETENCY_WORDS)
    report(
        competency.isna(),
        "competency",
        _(
            "Unknown competency result: write K or BK (kompeten, belum kompeten), "
            "or leave it empty."
        ),
    )
    certificate = frame["certificate_no"].str.strip()
    report(certificate.str.len() > 60, "certificate_no", _("At most 60 characters."))
    report(
        (competency == "K") & (certificate == ""),
        "certificate_no",
        _("A Kompeten result needs its certificate number."),
    )
    report(
        (competency == "K") & outcome.notna() & (outcome != TrainingResult.Outcome.COMPLETED),
        "competency",
        _("Only a trainee who completed the training can be Kompeten."),
    )
    assessed = _date(frame["assessed_on"])
    written = frame["assessed_on"].str.strip() != ""
    report(
        written & assessed.isna(),
        "assessed_on",
        _("Not a date: write it as dd-mm-yyyy or yyyy-mm-dd."),
    )
    report(
        competency.isin(["K", "BK"]) & ~written,
        "assessed_on",
        _("Give the date of the competency assessment."),
    )
    report(
        written & (competency == ""),
        "competency",
        _("An assessment date without a result: write K or BK."),
    )
    start = pd.Timestamp(cohort.start_date)
    today = pd.Timestamp(timezone.localdate())
    report(
        assessed.notna() & ((assessed < start) | (assessed > today)),
        "assessed_on",
        _("The assessment date must fall between the cohort's start and today."),
    )

    errors.sort(key=lambda e: (e.row, _column_order(e.column, table)))
    checked = pd.DataFrame(
        {
            "nik": nik,
            "enrollment_id": enrollment_id,
            "attendance_pct": attendance.map(_decimal_text, na_action="ignore").fillna(""),
            "score": score.map(_decimal_text, na_action="ignore").fillna(""),
            "outcome": outcome.fillna(""),
            "competency": competency.fillna(""),
            "certificate_no": certificate.where(competency == "K", ""),
            "assessed_on": assessed.dt.strftime("%Y-%m-%d").fillna(""),
        },
        index=frame.index,
    )[~bad]
    checked = checked.join(enrolled[["job_seeker_id", "trainee"]], on="nik")
    checked["enrollment_id"] = checked["enrollment_id"].astype("int64")
    return _Checked(frame=checked, errors=errors, rows=len(frame))


def _decimal_text(value: float) -> str:
    return f"{round(value + 0.0, 2):.2f}"


def _column_order(title: str, table: Table) -> int:
    names = [c.name for c in COLUMNS]
    for name, written in table.headers.items():
        if written == title:
            return names.index(name)
    return len(names)


# --------------------------------------------------------------------------- compare


def _current(cohort: Cohort) -> pd.DataFrame:
    """The saved results of the cohort, as the same canonical text as a file row."""
    rows = TrainingResult.objects.filter(enrollment__cohort=cohort).values_list(
        "enrollment_id",
        "pk",
        "attendance_pct",
        "score",
        "outcome",
        "assessment_id",
        "assessment__result",
        "assessment__certificate_no",
        "assessment__assessed_on",
    )
    frame = pd.DataFrame(
        list(rows),
        columns=[
            "enrollment_id",
            "result_id",
            "attendance_pct",
            "score",
            "outcome",
            "assessment_id",
            "competency",
            "certificate_no",
            "assessed_on",
        ],
    )
    text = pd.DataFrame({"enrollment_id": frame["enrollment_id"].astype("int64")})
    text["result_id"] = frame["result_id"]
    text["assessment_id"] = frame["assessment_id"]
    text["attendance_pct"] = frame["attendance_pct"].map(lambda v: f"{v:.2f}")
    text["score"] = frame["score"].map(lambda v: "" if v is None else f"{v:.2f}")
    text["outcome"] = frame["outcome"]
    text["competency"] = frame["competency"].fillna("")
    text["certificate_no"] = frame["certificate_no"].fillna("")
    text["assessed_on"] = frame["assessed_on"].map(lambda d: d.isoformat() if d else "")
    return text.set_index("enrollment_id")


@dataclass
class _Plan:
    frame: pd.DataFrame  # checked rows joined with the saved values ("<field>_old")
    created: pd.Series
    changed: pd.DataFrame  # one boolean column per field
    updated: pd.Series


def _plan(checked: pd.DataFrame, cohort: Cohort) -> _Plan:
    current = _current(cohort)
    frame = checked.join(current, on="enrollment_id", suffixes=("", "_old"))
    created = frame["result_id"].isna()
    changed = pd.DataFrame(
        {f: (frame[f] != frame[f"{f}_old"]) & ~created for f in FIELDS}, index=frame.index
    )
    updated = changed.any(axis=1)
    return _Plan(frame=frame, created=created, changed=changed, updated=updated)


def _describe(plan: _Plan) -> list[dict]:
    """The dry-run table: every created or updated row, with old and new values."""
    described = []
    touched = plan.frame[plan.created | plan.updated]
    changed = plan.changed[plan.created | plan.updated]
    for record, flags in zip(touched.itertuples(), changed.itertuples(), strict=True):
        created = pd.isna(record.result_id)
        fields = {}
        for field in FIELDS:
            new = getattr(record, field)
            if created and new:
                fields[field] = {"old": "", "new": new}
            elif not created and getattr(flags, field):
                fields[field] = {"old": getattr(record, f"{field}_old"), "new": new}
        described.append(
            {
                "row": int(record.Index),
                "nik": record.nik,
                "name": record.trainee,
                "action": "create" if created else "update",
                "fields": fields,
            }
        )
    return described


# ------------------------------------------------------------------------------ save


def cohort_results_import(
    *,
    actor: User,
    cohort: Cohort,
    table: Table,
    dry_run: bool = False,
    filename: str = "",
    sha256: str = "",
) -> ImportResult:
    """Validate every row; unless it is a dry run and when nothing is wrong, save it all.

    Answers an ``ImportResult``; with errors nothing is saved. Raises ValidationError when
    the cohort cannot take results at all (not running or finished).
    """
    _require(can_manage_training(actor))
    if cohort.status not in REPORTING:
        raise ValidationError(
            _("Results are reported for a running or finished cohort; this one is %(status)s.")
            % {"status": cohort.get_status_display()}
        )
    checked = _validate(table, cohort)
    if checked.errors:
        return ImportResult(errors=checked.errors, dry_run=dry_run)
    if dry_run:
        plan = _plan(checked.frame, cohort)
        return _result(plan, dry_run=True, changes=_describe(plan))
    with transaction.atomic():
        # One upload per cohort at a time; the comparison is made under the lock.
        Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
        plan = _plan(checked.frame, cohort)
        if plan.created.any() or plan.updated.any():
            _save(plan, cohort, actor, filename=filename, sha256=sha256, rows=checked.rows)
    return _result(plan, dry_run=False, changes=[])


def _result(plan: _Plan, *, dry_run: bool, changes: list[dict]) -> ImportResult:
    created = int(plan.created.sum())
    updated = int(plan.updated.sum())
    return ImportResult(
        created=created,
        updated=updated,
        unchanged=len(plan.frame) - created - updated,
        dry_run=dry_run,
        changes=changes,
    )


def _chunks(items: list, size: int = 5000) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _save(plan: _Plan, cohort: Cohort, actor: User, *, filename: str, sha256: str, rows: int):
    now = timezone.now()
    frame = plan.frame
    touched = frame[plan.created | plan.updated]
    upload = ResultUpload.objects.create(
        cohort=cohort,
        uploaded_by=actor,
        filename=filename[:200],
        sha256=sha256,
        rows=rows,
        created=int(plan.created.sum()),
        updated=int(plan.updated.sum()),
        unchanged=len(frame) - int(plan.created.sum()) - int(plan.updated.sum()),
    )
    # Assessments reported but not yet linked to a result (entered another way) are
    # reused when their date matches, so (enrollment, date) stays unique.
    unlinked = {
        (enrollment_id, assessed_on.isoformat()): pk
        for pk, enrollment_id, assessed_on in CompetencyAssessment.objects.filter(
            enrollment__cohort=cohort, reported_in__isnull=True
        ).values_list("pk", "enrollment_id", "assessed_on")
    }

    new_assessments: dict[int, CompetencyAssessment] = {}
    changed_assessments: list[CompetencyAssessment] = []
    dropped_assessments: list[int] = []
    results_new: list[list] = []
    results_changed: list[TrainingResult] = []
    history: list[TrainingResultChange] = []
    certification: list[TraineeResult] = []
    by_status: dict[str, list[int]] = {}

    for row in touched.itertuples():
        enrollment_id = int(row.enrollment_id)
        assessed_on = datetime.date.fromisoformat(row.assessed_on) if row.assessed_on else None
        assessment_id = None if pd.isna(row.assessment_id) else int(row.assessment_id)
        if row.competency:
            values = {
                "result": row.competency,
                "assessed_on": assessed_on,
                "certificate_no": row.certificate_no if row.competency == "K" else "",
                "certificate_expires_on": certificate_expiry(assessed_on)
                if row.competency == "K"
                else None,
                "needs_retest": row.competency == "BK",
            }
            reuse = assessment_id or unlinked.get((enrollment_id, row.assessed_on))
            if reuse:
                changed_assessments.append(CompetencyAssessment(pk=reuse, **values))
                assessment_id = reuse
            else:
                new_assessments[enrollment_id] = CompetencyAssessment(
                    enrollment_id=enrollment_id, **values
                )
        elif assessment_id:
            dropped_assessments.append(assessment_id)
            assessment_id = None
        attendance = Decimal(row.attendance_pct)
        score = Decimal(row.score) if row.score else None
        if pd.isna(row.result_id):
            results_new.append(
                [enrollment_id, attendance, score, row.outcome, assessment_id, actor.pk, now]
            )
        else:
            results_changed.append(
                TrainingResult(
                    pk=int(row.result_id),
                    enrollment_id=enrollment_id,
                    attendance_pct=attendance,
                    score=score,
                    outcome=row.outcome,
                    assessment_id=assessment_id,
                    updated_by=actor,
                    updated_at=now,
                )
            )
            for field in FIELDS:
                old, new = getattr(row, f"{field}_old"), getattr(row, field)
                if old != new:
                    history.append(
                        TrainingResultChange(
                            enrollment_id=enrollment_id,
                            upload=upload,
                            field=field,
                            old_value=old or "",
                            new_value=new or "",
                            changed_at=now,
                            changed_by=actor,
                        )
                    )
        by_status.setdefault(ENROLLMENT_STATUS[row.outcome], []).append(enrollment_id)
        certification.append(
            TraineeResult(
                enrollment_id=enrollment_id,
                job_seeker_id=int(row.job_seeker_id),
                outcome=row.outcome,
                competency=row.competency,
                assessed_on=assessed_on,
                certificate_no=row.certificate_no,
            )
        )

    if dropped_assessments:
        for ids in _chunks(dropped_assessments):
            TrainingResult.objects.filter(assessment_id__in=ids).update(assessment=None)
            CompetencyAssessment.objects.filter(pk__in=ids).delete()
    if changed_assessments:
        CompetencyAssessment.objects.bulk_update(
            changed_assessments,
            ["result", "assessed_on", "certificate_no", "certificate_expires_on", "needs_retest"],
            batch_size=1000,
        )
    if new_assessments:
        CompetencyAssessment.objects.bulk_create(new_assessments.values(), batch_size=2000)
        for result in results_changed:
            created = new_assessments.get(result.enrollment_id)
            if created is not None:
                result.assessment_id = created.pk
        for values in results_new:
            created = new_assessments.get(values[0])
            if created is not None:
                values[4] = created.pk
    insert_many(TrainingResult, RESULT_FIELDS, [tuple(values) for values in results_new])
    if results_changed:
        TrainingResult.objects.bulk_update(
            results_changed,
            ["attendance_pct", "score", "outcome", "assessment", "updated_by", "updated_at"],
            batch_size=1000,
        )
    for status, ids in by_status.items():
        for chunk in _chunks(ids):
            Enrollment.objects.filter(pk__in=chunk).exclude(status=status).update(status=status)
    if history:
        TrainingResultChange.objects.bulk_create(history, batch_size=2000)
    certification_apply(cohort=cohort, results=certification)


# -------------------------------------------------------------------------- template

#: (column, header written in the template): Indonesian headers, each a known alias.
TEMPLATE_HEADERS = (
    ("nik", "NIK"),
    ("name", "Nama"),
    ("attendance_pct", "Kehadiran %"),
    ("score", "Nilai"),
    ("outcome", "Hasil"),
    ("competency", "Kompetensi"),
    ("certificate_no", "Nomor Sertifikat"),
    ("assessed_on", "Tanggal Uji"),
)
OUTCOME_IN_TEMPLATE = {
    "completed": "lulus",
    "failed": "tidak lulus",
    "dropped": "mengundurkan diri",
}


def results_template_xlsx(cohort: Cohort) -> bytes:
    """The cohort's results workbook, one row per trainee, prefilled with saved results.

    NIK cells are text (format "@"), so Excel cannot turn them into 3.67201E+15; outcome
    and competency offer drop-down lists; a second sheet explains the columns.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    enrollments = (
        Enrollment.objects.filter(cohort=cohort, status__in=PLACE_HOLDING)
        .select_related("job_seeker", "result__assessment")
        .order_by("job_seeker__name", "pk")
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Hasil"
    sheet.append([title for _name, title in TEMPLATE_HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 0
    for enrollment in enrollments:
        count += 1
        result = getattr(enrollment, "result", None)
        assessment = result.assessment if result else None
        sheet.append(
            [
                enrollment.job_seeker.nik,
                enrollment.job_seeker.name,
                float(result.attendance_pct) if result else None,
                float(result.score) if result and result.score is not None else None,
                OUTCOME_IN_TEMPLATE.get(result.outcome) if result else None,
                assessment.result if assessment else None,
                (assessment.certificate_no or None) if assessment else None,
                assessment.assessed_on if assessment else None,
            ]
        )
    last = count + 200  # room for rows typed in later, formatted the same way
    for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=1, max_col=1):
        cell.number_format = "@"
        if cell.value is not None:
            cell.data_type = "s"
    for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=8, max_col=8):
        cell.number_format = "DD-MM-YYYY"
    outcomes = DataValidation(
        type="list", formula1='"lulus,tidak lulus,mengundurkan diri"', allow_blank=False
    )
    outcomes.add(f"E2:E{last}")
    competencies = DataValidation(type="list", formula1='"K,BK"', allow_blank=True)
    competencies.add(f"F2:F{last}")
    sheet.add_data_validation(outcomes)
    sheet.add_data_validation(competencies)
    for letter, width in zip("ABCDEFGH", (20, 32, 13, 8, 20, 12, 24, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "C2"

    notes = workbook.create_sheet("Petunjuk")
    for line in (
        _("Training results: %(programme)s — %(cohort)s")
        % {"programme": cohort.programme.name, "cohort": cohort.name},
        _("One row per trainee; the NIK must be a trainee of this cohort. Keep the headers."),
        _("Kehadiran % (attendance) and Nilai (score): numbers from 0 to 100."),
        _("Hasil (outcome): lulus, tidak lulus or mengundurkan diri."),
        _("Kompetensi: K (kompeten) or BK (belum kompeten); empty when not assessed."),
        _("A K needs its Nomor Sertifikat; Tanggal Uji is needed whenever Kompetensi is set."),
        _("Uploading the same file again changes nothing; corrections are kept in the history."),
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
