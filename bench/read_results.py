"""Benchmark: upload a 100,000-row cohort results file (.xlsx and .csv) through the API.

    PYTHONPATH=. python -m bench.read_results [--rows 100000] [--formats xlsx,csv]

Uses ``DATABASE_URL`` (PostgreSQL recommended; a throw-away test database is created
and dropped) or a SQLite file in bench/.data/. For each format, a fresh process uploads
the file twice through ``POST /api/v1/cohorts/{id}/results/``: the first upload creates
every result (and certifies), the second must find everything unchanged. It prints the
wall time and the upload process's CPU time (the machine may be shared; the database
server's own time is in the wall time only), rows per second and the peak resident
memory of that process.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import multiprocessing
import os
import resource
import sys
import time
import warnings
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent / ".data"

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vokasi.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_DIR / 'bench-source.sqlite3'}")


def setup_django():
    import django

    warnings.filterwarnings("ignore", "No directory at")
    from django.conf import settings

    BENCH_DIR.mkdir(exist_ok=True)
    django.setup()
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        db["TEST"]["NAME"] = str(BENCH_DIR / "bench.sqlite3")
    settings.VOKASI_UPLOAD_MAX_BYTES = 64 * 1024 * 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024 * 1024
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024 * 1024


def seed(rows: int) -> int:
    """A running cohort with ``rows`` enrolled trainees; answers its id."""
    from django.utils import timezone

    from trainees.models import Cohort, Enrollment, JobSeeker, Programme, format_registration_number
    from trainees.nik import build_nik
    from vokasi.models import EducationLevel, LabourOffice, Role, Skill, TrainingProvider, User

    office = LabourOffice.objects.create(
        code="3672", name="Disnaker Kota Cilegon", region_id="36.72"
    )
    provider = TrainingProvider.objects.create(
        code="BBPVP-SRG", name="BBPVP Serang", kind="bbpvp", region_id="36.73.01"
    )
    User.objects.create_user(username="bench-trainer", role=Role.TRAINER, provider=provider)
    programme = Programme.objects.create(
        provider=provider,
        vocation_id="LAS",
        code="LAS-BENCH",
        name="Juru Las SMAW (bench)",
        jp_hours=240,
        funding="apbn",
    )
    programme.skills.set(Skill.objects.filter(vocation_id="LAS")[:3])
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        programme=programme,
        name="Angkatan bench",
        start_date=today - datetime.timedelta(days=60),
        end_date=today - datetime.timedelta(days=10),
        place="Workshop Las",
        quota=40,  # the quota is enforced on enrollment, which the bench bypasses
        status=Cohort.Status.FINISHED,
    )
    smk = EducationLevel.objects.get(code="smk")
    registered = today - datetime.timedelta(days=90)
    batch = []
    for i in range(rows):
        born = datetime.date(1990, 1, 1) + datetime.timedelta(days=i // 9000)
        batch.append(
            JobSeeker(
                office=office,
                registration_number=format_registration_number("3672", registered.year, i + 1),
                nik=build_nik("36.72.04", born, "L", i % 9000 + 1),
                name=f"Peserta {i}",
                name_normalised=f"PESERTA {i}",
                birth_place="Cilegon",
                birth_date=born,
                sex="L",
                address="Jl. Contoh",
                region_id="36.72.04",
                education=smk,
                registered_on=registered,
                expires_on=registered.replace(year=registered.year + 2),
            )
        )
    JobSeeker.objects.bulk_create(batch, batch_size=2000)
    Enrollment.objects.bulk_create(
        [
            Enrollment(cohort=cohort, job_seeker_id=pk, enrolled_on=registered)
            for pk in JobSeeker.objects.values_list("pk", flat=True)
        ],
        batch_size=2000,
    )
    return cohort.pk


HEADER = [
    "NIK",
    "Nama",
    "Kehadiran %",
    "Nilai",
    "Hasil",
    "Kompetensi",
    "Nomor Sertifikat",
    "Tanggal Uji",
]


def result_rows(cohort_id: int):
    from trainees.models import Cohort, Enrollment

    cohort = Cohort.objects.get(pk=cohort_id)
    assessed = cohort.end_date.strftime("%d-%m-%Y")
    people = Enrollment.objects.filter(cohort_id=cohort_id).values_list(
        "job_seeker__nik", "job_seeker__name"
    )
    for i, (nik, name) in enumerate(people.iterator(chunk_size=5000)):
        outcome = ("lulus", "lulus", "lulus", "tidak lulus", "mengundurkan diri")[i % 5]
        competency = ("K" if i % 3 else "BK") if outcome == "lulus" else ""
        yield [
            nik,
            name,
            f"{80 + i % 20},{i % 10}",
            str(60 + i % 41),
            outcome,
            competency,
            f"LSP-LAS/{i:06d}" if competency == "K" else "",
            assessed if competency else "",
        ]


def write_files(cohort_id: int) -> dict[str, Path]:
    from openpyxl import Workbook

    rows = list(result_rows(cohort_id))
    xlsx_path = BENCH_DIR / "results.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Hasil")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(xlsx_path)
    csv_path = BENCH_DIR / "results.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(rows)
    csv_path.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))
    return {"xlsx": xlsx_path, "csv": csv_path}


def upload_twice(cohort_id: int, path: Path, queue) -> None:
    """In a fresh process: two uploads of the same file, timed, and this process's peak RSS."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from rest_framework.test import APIClient

    from vokasi.models import User

    client = APIClient()
    client.force_authenticate(User.objects.get(username="bench-trainer"))
    # A running server has its URLconf (and so pandas) loaded before the upload arrives.
    client.get("/api/v1/cohorts/")
    data = path.read_bytes()
    timings = []
    for _attempt in range(2):
        upload = SimpleUploadedFile(path.name, data)
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.post(
            f"/api/v1/cohorts/{cohort_id}/results/", {"file": upload}, format="multipart"
        )
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        body = response.json()
        if response.status_code != 200:
            queue.put({"error": body.get("detail") or body.get("errors", [])[:3]})
            return
        timings.append((elapsed, cpu, body["created"], body["updated"], body["unchanged"]))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put({"timings": timings, "peak_mb": peak_mb, "bytes": len(data)})


def reset_results(cohort_id: int) -> None:
    from trainees.models import (
        CompetencyAssessment,
        Enrollment,
        JobSeekerSkill,
        ResultUpload,
        TrainingResult,
    )

    TrainingResult.objects.filter(enrollment__cohort_id=cohort_id).delete()
    CompetencyAssessment.objects.filter(enrollment__cohort_id=cohort_id).delete()
    JobSeekerSkill.objects.filter(enrollment__cohort_id=cohort_id).delete()
    ResultUpload.objects.filter(cohort_id=cohort_id).delete()
    Enrollment.objects.filter(cohort_id=cohort_id).update(status="enrolled")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--formats", default="xlsx,csv")
    args = parser.parse_args(argv)

    setup_django()
    from django.db import connection, connections

    creation = connection.creation
    print(
        f"database: {connection.vendor}; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} CPUs; creating a throw-away test database …",
        flush=True,
    )
    test_name = creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        cohort_id = seed(args.rows)
        files = write_files(cohort_id)
        print(f"seeded {args.rows:,} enrolled trainees in {time.perf_counter() - started:.1f} s")
        context = multiprocessing.get_context("fork")
        for fmt in args.formats.split(","):
            path = files[fmt]
            connections.close_all()
            queue = context.Queue()
            child = context.Process(target=upload_twice, args=(cohort_id, path, queue))
            child.start()
            report = queue.get()
            child.join()
            if "error" in report:
                print(f"{fmt}: refused: {report['error']}")
                return 1
            (first, cpu1, *counts1), (second, cpu2, *counts2) = report["timings"]
            size = report["bytes"] / 1_048_576
            print(
                f"{fmt:4} {size:4.1f} MB | first upload {first:6.1f} s wall, {cpu1:5.1f} s CPU: "
                f"{args.rows / first:7,.0f} rows/s ({args.rows / cpu1:7,.0f} per CPU-second); "
                f"created/updated/unchanged {counts1} | same file again {second:6.1f} s wall, "
                f"{cpu2:5.1f} s CPU: {args.rows / second:7,.0f} rows/s; {counts2} | "
                f"peak RSS {report['peak_mb']:,.0f} MB",
                flush=True,
            )
            reset_results(cohort_id)
    finally:
        connections.close_all()
        creation.destroy_test_db(test_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
