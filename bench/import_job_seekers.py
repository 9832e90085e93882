"""Benchmark: register 50,000 job seekers from one CSV file, on SQLite and PostgreSQL.

    PYTHONPATH=. python -m bench.import_job_seekers [--rows 50000] [--databases sqlite,postgres]

For each database a fresh process builds a throw-away database (migrated, reference
data loaded), generates a CSV like a job fair's list (Indonesian headers, ``;``
separated, NIKs agreeing with birth date and sex), and runs ``job_seekers_import``
twice: the first run registers everyone, the second must find everyone unchanged.
It prints the wall time, rows per second, this process's CPU time (on a shared machine
the wall time mostly measures the neighbours) and its peak resident memory.

PostgreSQL comes from ``BENCH_POSTGRES_URL`` (default: the ``DATABASE_URL`` if it is
PostgreSQL, else postgres://vokasi:vokasi@127.0.0.1:5432/vokasi); a ``bench_<name>``
database is created and dropped next to it.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings

DEFAULT_POSTGRES = "postgres://vokasi:vokasi@127.0.0.1:5432/vokasi"


def generate_csv(rows: int) -> bytes:
    """A job fair's list: unique NIKs that agree with birth date and sex, all valid."""
    from trainees.nik import build_nik

    districts = [f"36.72.0{i}" for i in range(1, 9)]
    educations = ["SMA", "SMK", "D3", "S1", "SMP"]
    skills = ["LAS-SMAW", "LAS-GTAW; LAS-GMAW", "", ""]
    base = datetime.date(1975, 1, 1)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        ["NIK", "Nama", "Tempat Lahir", "Tanggal Lahir", "Jenis Kelamin", "Alamat", "Kecamatan",
         "No HP", "Pendidikan", "Jurusan", "Keterampilan", "Persetujuan"]
    )  # fmt: skip
    for n in range(rows):
        # (birth date, serial) is unique per row, so the NIK is too.
        born = base + datetime.timedelta(days=n % 5000)
        serial = n // 5000 + 1
        sex = "P" if n % 2 else "L"
        region = districts[n % len(districts)]
        writer.writerow(
            [
                build_nik(region, born, sex, serial),
                "Pencari Kerja " + "".join(chr(65 + n // 26**i % 26) for i in range(3)),
                "Cilegon",
                born.strftime("%d-%m-%Y"),
                "Perempuan" if sex == "P" else "Laki-laki",
                f"Jl. Industri No. {n % 300 + 1}",
                region,
                f"08{n:010d}",
                educations[n % len(educations)],
                "Teknik",
                skills[n % len(skills)],
                "ya" if n % 3 else "tidak",
            ]
        )
    return out.getvalue().encode("utf-8")


def run_one(rows: int) -> None:
    """In this process: build the database, import twice, print the figures."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vokasi.settings")
    warnings.filterwarnings("ignore", "No directory at")
    import django
    from django.conf import settings

    django.setup()
    from django.db import connection

    db = settings.DATABASES["default"]
    settings.VOKASI_UPLOAD_MAX_BYTES = 256 * 1024 * 1024
    if connection.vendor == "sqlite":
        db["TEST"]["NAME"] = os.environ["BENCH_SQLITE_FILE"]
    else:
        db["TEST"]["NAME"] = f"bench_{db['NAME']}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from trainees.models import JobSeeker
        from trainees.services.job_seeker_import import job_seekers_import
        from vokasi.models import LabourOffice

        office = LabourOffice.objects.create(code="3672", name="Disnaker Kota Cilegon",
                                             region_id="36.72")  # fmt: skip
        started = time.perf_counter()
        data = generate_csv(rows)
        generated = time.perf_counter() - started

        started, cpu = time.perf_counter(), time.process_time()
        first = job_seekers_import(office=office, file=data, filename="bench.csv")
        first_s, first_cpu = time.perf_counter() - started, time.process_time() - cpu
        assert first.ok, first.errors[:5]
        assert first.created == rows == JobSeeker.objects.count(), first

        started, cpu = time.perf_counter(), time.process_time()
        again = job_seekers_import(office=office, file=data, filename="bench.csv")
        again_s, again_cpu = time.perf_counter() - started, time.process_time() - cpu
        assert again.ok and again.created == 0 and again.unchanged == rows, again

        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lines = [
            f"{connection.vendor:<10} {rows:>7,} rows  file {len(data) / 1e6:5.1f} MB "
            f"(generated in {generated:.1f} s)",
            f"  import     {first_s:6.1f} s  {rows / first_s:>8,.0f} rows/s  "
            f"(created {first.created:,}; this process's CPU {first_cpu:.1f} s)",
            f"  re-import  {again_s:6.1f} s  {rows / again_s:>8,.0f} rows/s  "
            f"(unchanged {again.unchanged:,}; this process's CPU {again_cpu:.1f} s)",
            f"  peak RSS   {peak_mb:6.0f} MB",
        ]
        print("\n".join(lines), flush=True)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_one(args.rows)
        return
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    with tempfile.TemporaryDirectory() as tmp:
        urls = {
            "sqlite": f"sqlite:///{tmp}/source.sqlite3",
            "postgres": os.environ.get("BENCH_POSTGRES_URL")
            or (
                os.environ["DATABASE_URL"]
                if os.environ.get("DATABASE_URL", "").startswith("postgres")
                else DEFAULT_POSTGRES
            ),
        }
        for name in args.databases.split(","):
            env = {**os.environ, "DATABASE_URL": urls[name],
                   "BENCH_SQLITE_FILE": f"{tmp}/bench.sqlite3"}  # fmt: skip
            command = [sys.executable, "-m", "bench.import_job_seekers", "--run",
                       "--rows", str(args.rows)]  # fmt: skip
            subprocess.run(command, env=env, check=True)


if __name__ == "__main__":
    main()
