"""The results workbook a provider downloads for a cohort, prefilled with its trainees."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from trainees.models import Cohort, Enrollment
from trainees.services.training import PLACE_HOLDING
from vokasi.exports import safe_cell

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
    and competency offer drop-down lists; a second sheet explains the columns. Every
    value goes through ``vokasi.exports.safe_cell``, as in every file Vokasi writes.
    """
    from openpyxl import Workbook

    enrollments = (
        Enrollment.objects.filter(cohort=cohort, status__in=PLACE_HOLDING)
        .select_related("job_seeker", "result__assessment")
        .order_by("job_seeker__name", "pk")
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Hasil"
    count = _write_results_rows(sheet, enrollments)
    _format_results_sheet(sheet, last=count + 200)  # room for rows typed in later
    _write_notes_sheet(workbook, cohort)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_results_rows(sheet, enrollments) -> int:
    """The bold header row, then one row per enrollment; returns how many were written."""
    from openpyxl.styles import Font

    sheet.append([title for _name, title in TEMPLATE_HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 0
    for enrollment in enrollments:
        count += 1
        result = getattr(enrollment, "result", None)
        assessment = result.assessment if result else None
        row = [
            enrollment.job_seeker.nik,
            enrollment.job_seeker.name,
            float(result.attendance_pct) if result else None,
            float(result.score) if result and result.score is not None else None,
            OUTCOME_IN_TEMPLATE.get(result.outcome) if result else None,
            assessment.result if assessment else None,
            (assessment.certificate_no or None) if assessment else None,
            assessment.assessed_on if assessment else None,
        ]
        # Names and certificate numbers are as typed: never let one run as a formula.
        sheet.append([safe_cell(value) for value in row])
    return count


def _format_results_sheet(sheet, *, last: int) -> None:
    """NIK as text, dates as dates, drop-down lists, widths and frozen panes to row ``last``."""
    from openpyxl.worksheet.datavalidation import DataValidation

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


def _write_notes_sheet(workbook, cohort: Cohort) -> None:
    """The second sheet, "Petunjuk", explaining the columns to whoever fills them in."""
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
        notes.append([safe_cell(line)])
    notes.column_dimensions["A"].width = 100
