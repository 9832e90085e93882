"""Reading and checking a cohort's results file: every row, every rule, in bulk.

The columns and the words accepted in them (Indonesian and English), reading an upload
or JSON rows through the shared tabular engine, and vectorised validation that answers
the valid rows in canonical text plus every error with row, column, value and reason.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from trainees.models import Cohort, Enrollment, TrainingResult
from trainees.nik import nik_format_problem, normalise_nik, repeated_nik
from trainees.services.training import PLACE_HOLDING
from vokasi.tabular import Column, RowError, Table, parsing, read_table
from vokasi.tabular.errors import RowErrors

COLUMNS: tuple[Column, ...] = (
    Column(
        "nik",
        label=_l("NIK"),
        aliases=("NIK", "NIK peserta", "nomor induk kependudukan", "no KTP", "nomor KTP"),
        text=True,
    ),
    Column(
        "attendance_pct",
        label=_l("Attendance (%)"),
        aliases=(
            "attendance",
            "attendance %",
            "kehadiran",
            "kehadiran %",
            "persentase kehadiran",
            "presensi",
        ),
    ),
    Column(
        "score", label=_l("Final score"), aliases=("nilai", "nilai akhir", "final score", "skor")
    ),
    Column(
        "outcome",
        label=_l("Outcome"),
        aliases=("hasil", "hasil pelatihan", "status kelulusan", "kelulusan", "keterangan"),
    ),
    Column(
        "competency",
        label=_l("Competency (K/BK)"),
        aliases=("kompetensi", "uji kompetensi", "hasil uji kompetensi", "K/BK", "asesmen"),
        required=False,
    ),
    Column(
        "certificate_no",
        label=_l("Certificate number"),
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
        label=_l("Assessment date"),
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
    Column("name", label=_l("Name"), aliases=("nama", "nama peserta", "trainee"), required=False),
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

# ----------------------------------------------------------------------------- input


def results_read_file(file, *, filename: str | None = None) -> tuple[Table, str]:
    """Read an uploaded .xlsx/.csv; answers the table and the file's SHA-256."""
    if hasattr(file, "seek"):
        file.seek(0)
    # One byte over the limit is enough for the reader to refuse it (413) unread.
    data = file if isinstance(file, bytes) else file.read(settings.VOKASI_UPLOAD_MAX_BYTES + 1)
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


@dataclass
class CheckedRows:
    frame: pd.DataFrame  # valid rows only, canonical text values, with enrollment columns
    errors: list[RowError]
    rows: int


def validate_results(table: Table, cohort: Cohort) -> CheckedRows:
    """Every rule over every row; the valid rows in canonical text, and every error."""
    frame = table.frame
    found = RowErrors(table, one_per_cell=True)
    nik, enrolled = _check_niks(frame, found, cohort)
    attendance, score = _check_numbers(frame, found)
    outcome, competency = _check_words(frame, found)
    certificate = frame["certificate_no"].str.strip()
    assessed = _check_assessment(frame, found, cohort, outcome, competency, certificate)
    found.sort(lambda e: _column_order(e.column, table))
    checked = pd.DataFrame(
        {
            "nik": nik,
            "enrollment_id": nik.map(enrolled["enrollment_id"]),
            "attendance_pct": attendance.map(_decimal_text, na_action="ignore").fillna(""),
            "score": score.map(_decimal_text, na_action="ignore").fillna(""),
            "outcome": outcome.fillna(""),
            "competency": competency.fillna(""),
            "certificate_no": certificate.where(competency == "K", ""),
            "assessed_on": assessed.dt.strftime("%Y-%m-%d").fillna(""),
        },
        index=frame.index,
    )[~found.bad]
    checked = checked.join(enrolled[["job_seeker_id", "trainee"]], on="nik")
    checked["enrollment_id"] = checked["enrollment_id"].astype("int64")
    return CheckedRows(frame=checked, errors=found.errors, rows=len(frame))


def _check_niks(frame: pd.DataFrame, found: RowErrors, cohort: Cohort):
    """16 digits (the same words as registration), once per file, enrolled in this
    cohort. Answers the normalised NIKs and the cohort's enrollments by NIK."""
    nik = frame["nik"].map(normalise_nik)
    found.flag_each(nik.map(nik_format_problem), "nik")
    found.flag_repeated(nik, "nik", repeated_nik())
    enrolled = pd.DataFrame(
        Enrollment.objects.filter(cohort=cohort, status__in=PLACE_HOLDING).values_list(
            "job_seeker__nik", "pk", "job_seeker_id", "job_seeker__name"
        ),
        columns=["nik", "enrollment_id", "job_seeker_id", "trainee"],
    ).set_index("nik")
    found.flag(
        nik.str.fullmatch(r"[0-9]{16}") & nik.map(enrolled["enrollment_id"]).isna(),
        "nik",
        _("No trainee with this NIK is enrolled in cohort %(cohort)s.") % {"cohort": cohort.name},
    )
    return nik, enrolled


def _check_numbers(frame: pd.DataFrame, found: RowErrors) -> tuple[pd.Series, pd.Series]:
    """Attendance and score: numbers from 0 to 100 (the score may be left empty)."""
    attendance = _number(frame["attendance_pct"])
    written = frame["attendance_pct"].str.strip() != ""
    found.flag(~written, "attendance_pct", _("Attendance is required."))
    found.flag(
        written & attendance.isna(),
        "attendance_pct",
        _("Not a number: write a percentage from 0 to 100."),
    )
    found.flag(
        (attendance < 0) | (attendance > 100),
        "attendance_pct",
        _("Attendance must be from 0 to 100."),
    )
    score = _number(frame["score"])
    found.flag(
        (frame["score"].str.strip() != "") & score.isna(),
        "score",
        _("Not a number: write a score from 0 to 100."),
    )
    found.flag((score < 0) | (score > 100), "score", _("The score must be from 0 to 100."))
    return attendance, score


def _check_words(frame: pd.DataFrame, found: RowErrors) -> tuple[pd.Series, pd.Series]:
    """Outcome and competency: known words in either language."""
    outcome = parsing.words(frame["outcome"]).map(OUTCOME_WORDS)
    found.flag(
        outcome.isna(),
        "outcome",
        _(
            "Unknown outcome: write lulus, tidak lulus or mengundurkan diri "
            "(completed, failed or dropped)."
        ),
    )
    competency = parsing.words(frame["competency"]).map(COMPETENCY_WORDS)
    found.flag(
        competency.isna(),
        "competency",
        _(
            "Unknown competency result: write K or BK (kompeten, belum kompeten), "
            "or leave it empty."
        ),
    )
    return outcome, competency


def _check_assessment(frame, found: RowErrors, cohort, outcome, competency, certificate):
    """A Kompeten result needs its certificate and a completed training; a result needs
    its date, which falls in the cohort's time. Answers the assessment dates."""
    found.flag(certificate.str.len() > 60, "certificate_no", _("At most 60 characters."))
    found.flag(
        (competency == "K") & (certificate == ""),
        "certificate_no",
        _("A Kompeten result needs its certificate number."),
    )
    found.flag(
        (competency == "K") & outcome.notna() & (outcome != TrainingResult.Outcome.COMPLETED),
        "competency",
        _("Only a trainee who completed the training can be Kompeten."),
    )
    assessed = parsing.dates(frame["assessed_on"])
    written = frame["assessed_on"].str.strip() != ""
    found.flag(
        written & assessed.isna(),
        "assessed_on",
        _("Not a date: write it as dd-mm-yyyy or yyyy-mm-dd."),
    )
    found.flag(
        competency.isin(["K", "BK"]) & ~written,
        "assessed_on",
        _("Give the date of the competency assessment."),
    )
    found.flag(
        written & (competency == ""),
        "competency",
        _("An assessment date without a result: write K or BK."),
    )
    start = pd.Timestamp(cohort.start_date)
    today = pd.Timestamp(timezone.localdate())
    found.flag(
        assessed.notna() & ((assessed < start) | (assessed > today)),
        "assessed_on",
        _("The assessment date must fall between the cohort's start and today."),
    )
    return assessed


def _decimal_text(value: float) -> str:
    return f"{round(value + 0.0, 2):.2f}"


def _column_order(title: str, table: Table) -> int:
    names = [c.name for c in COLUMNS]
    for name, written in table.headers.items():
        if written == title:
            return names.index(name)
    return len(names)
