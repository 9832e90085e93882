"""Real results files for the upload tests: .xlsx through openpyxl, CSV through csv."""

from __future__ import annotations

import csv
import datetime
import io

from django.utils import timezone
from openpyxl import Workbook

from tests import factories
from trainees.models import Cohort

HEADER_EN = [
    "nik",
    "attendance_pct",
    "score",
    "outcome",
    "competency",
    "certificate_no",
    "assessed_on",
]
HEADER_ID = [
    "NIK",
    "Kehadiran %",
    "Nilai",
    "Hasil",
    "Kompetensi",
    "Nomor Sertifikat",
    "Tanggal Uji",
]


def running_cohort(world, trainees: int = 16, **kw) -> Cohort:
    start = kw.pop("start_date", timezone.localdate() - datetime.timedelta(days=60))
    cohort = factories.cohort(
        factories.programme(world.provider_a, "LAS", **kw),
        start_date=start,
        end_date=start + datetime.timedelta(days=45),
        status=Cohort.Status.RUNNING,
    )
    for _ in range(trainees):
        factories.enrollment(cohort, factories.job_seeker(world.office_a))
    return cohort


def rows_for(cohort: Cohort, **overrides) -> list[list]:
    """One completed, competent row per enrolled trainee, in NIK order."""
    assessed = (cohort.end_date).isoformat()
    rows = []
    for i, enrollment in enumerate(cohort.enrollments.select_related("job_seeker").order_by("pk")):
        rows.append(
            [
                enrollment.job_seeker.nik,
                overrides.get("attendance_pct", "95"),
                overrides.get("score", str(70 + i % 30)),
                overrides.get("outcome", "lulus"),
                overrides.get("competency", "K"),
                overrides.get("certificate_no", f"LSP-LAS/{i + 1:04d}"),
                overrides.get("assessed_on", assessed),
            ]
        )
    return rows


def xlsx(rows: list[list], header: list[str] = HEADER_ID, *, nik_as_number=False) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Hasil"
    sheet.append(header)
    for row in rows:
        row = list(row)
        if nik_as_number and row[0]:
            row[0] = int(row[0])  # what Excel does to a NIK typed into a General cell
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: list[list], header: list[str] = HEADER_EN, *, sep=",", encoding="utf-8"
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def upload(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
