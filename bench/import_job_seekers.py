"""Benchmark: register 50,000 job seekers from one CSV file, against the usual tools.

    DATABASE_URL=postgres://… PYTHONPATH=. python -m bench.import_job_seekers [--rows 50000]

In a throw-away database (``<name>_import`` next to the ``DATABASE_URL`` one on
PostgreSQL, a temporary file on SQLite; migrated, reference data loaded) it generates a
CSV like a job fair's list (Indonesian headers, ``;`` separated, NIKs agreeing with birth
date and sex, declared skills) and times, on the same file and an empty table each time:

* ``job_seekers_import`` (ours: every rule, dedup, row errors, all or nothing);
* the same file again: nothing may be written (counts and ``updated_at`` checked);
* django-import-export with a ``ModelResource`` mapping the same columns, first with its
  fastest documented options (``use_bulk``, ``force_init_instance``, ``skip_diff``), then
  with its default options (one lookup and one INSERT per row, dedup on the NIK);
* on PostgreSQL, the floor: a raw ``COPY`` of the file into a temporary table and one
  ``INSERT … SELECT … ON CONFLICT (nik) DO NOTHING`` (plus the skills) in SQL;
* on SQLite, the floor: the very rows our import wrote (read back as stored, ids
  included) inserted again into the same emptied, indexed tables with one raw
  ``executemany`` per table in one transaction: what the database itself needs.

Targets: within 1.2x of the database's floor, and at least 5x import-export's fastest
options.

The baselines do less than we do (no NIK checks, no row errors, and import-export's bulk
mode cannot write the many-to-many skills), so the ratios are conservative. Each result is
one line through ``bench.common.report`` (and a JSON line under ``BENCH_JSON``); the peak
RSS on our lines is the process's peak right after our import, before any baseline ran.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import os
import sys
import tempfile
import time
import warnings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vokasi.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("DEBUG", "1")

HEADER = ["NIK", "Nama", "Tempat Lahir", "Tanggal Lahir", "Jenis Kelamin", "Alamat",
          "Kecamatan", "No HP", "Pendidikan", "Jurusan", "Keterampilan", "Persetujuan"]  # fmt: skip


def generate_csv(rows: int) -> bytes:
    """A job fair's list: unique NIKs that agree with birth date and sex, all valid."""
    from trainees.nik import build_nik

    districts = [f"36.72.0{i}" for i in range(1, 9)]
    educations = ["SMA", "SMK", "D3", "S1", "SMP"]
    skills = ["LAS-SMAW", "LAS-GTAW; LAS-GMAW", "", ""]
    base = datetime.date(1975, 1, 1)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
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


# ----------------------------------------------------------------- django-import-export


def resources(office, today: datetime.date):
    """The ModelResources a developer would write for this file: default and fastest."""
    from django.conf import settings
    from import_export import fields, resources, widgets

    from trainees.models import JobSeeker, normalise_name
    from trainees.services.registration import add_months

    sexes = {"laki-laki": "L", "l": "L", "perempuan": "P", "p": "P"}
    expires = add_months(today, settings.VOKASI["REGISTRATION_VALID_MONTHS"])

    class SexWidget(widgets.Widget):
        def clean(self, value, row=None, **kwargs):
            return sexes[str(value).strip().lower()]

    class LowerWidget(widgets.Widget):
        def clean(self, value, row=None, **kwargs):
            return str(value).strip().lower()

    class YesNoWidget(widgets.Widget):
        def clean(self, value, row=None, **kwargs):
            return str(value).strip().lower() == "ya"

    def column(attribute, header, widget=None):
        return fields.Field(attribute=attribute, column_name=header, widget=widget)

    class JobSeekerResource(resources.ModelResource):
        """Same columns as the file; FKs by their code (no lookup per row)."""

        nik = column("nik", "NIK")
        name = column("name", "Nama")
        birth_place = column("birth_place", "Tempat Lahir")
        birth_date = column("birth_date", "Tanggal Lahir", widgets.DateWidget("%d-%m-%Y"))
        sex = column("sex", "Jenis Kelamin", SexWidget())
        address = column("address", "Alamat")
        region = column("region_id", "Kecamatan")
        phone = column("phone", "No HP")
        education = column("education_id", "Pendidikan", LowerWidget())
        major = column("major", "Jurusan")
        consent = column("consent_share_contact", "Persetujuan", YesNoWidget())

        class Meta:
            model = JobSeeker
            import_id_fields = ("nik",)  # dedup on the NIK
            fields = ("nik", "name", "birth_place", "birth_date", "sex", "address", "region",
                      "phone", "education", "major", "consent")  # fmt: skip

        def __init__(self):
            super().__init__()
            self.serial = 0

        def before_save_instance(self, instance, row, **kwargs):
            self.serial += 1
            instance.office = office
            instance.registration_number = f"{office.code}-{today.year}-{self.serial:07d}"
            instance.name_normalised = normalise_name(instance.name)
            instance.registered_on = today
            instance.expires_on = expires

    class FastJobSeekerResource(JobSeekerResource):
        class Meta(JobSeekerResource.Meta):
            use_bulk = True
            force_init_instance = True
            skip_diff = True
            batch_size = 1000

    return JobSeekerResource, FastJobSeekerResource


def import_export_run(resource_class, data: bytes) -> int:
    import tablib

    dataset = tablib.Dataset().load(data.decode("utf-8"), format="csv", delimiter=";")
    result = resource_class().import_data(dataset, raise_errors=True, use_transactions=True)
    assert not result.has_errors() and not result.has_validation_errors()
    return result.totals["new"]


# --------------------------------------------------------------------- raw PostgreSQL


def raw_copy_upsert(data: bytes, office, today: datetime.date) -> None:
    """The floor on PostgreSQL: COPY the file into a temp table, then set-based SQL."""
    from django.conf import settings
    from django.db import connection, transaction
    from django.utils import timezone

    from trainees.models import JobSeeker, JobSeekerSkill
    from trainees.services.registration import add_months, next_due_after

    now = timezone.now()
    given = {
        "office_id": ("%s", office.pk),
        "registration_number": (
            "%s || '-' || lpad((row_number() OVER (ORDER BY t.ord))::text, 7, '0')",
            f"{office.code}-{today.year}",
        ),
        "nik": ("t.nik", None),
        "name": ("t.nama", None),
        "name_normalised": ("upper(t.nama)", None),
        "birth_place": ("t.tempat_lahir", None),
        "birth_date": ("to_date(t.tanggal_lahir, 'DD-MM-YYYY')", None),
        "sex": ("CASE lower(t.jenis_kelamin) WHEN 'perempuan' THEN 'P' ELSE 'L' END", None),
        "address": ("t.alamat", None),
        "region_id": ("t.kecamatan", None),
        "phone": ("t.no_hp", None),
        "education_id": ("lower(t.pendidikan)", None),
        "major": ("t.jurusan", None),
        "consent_share_contact": ("lower(t.persetujuan) = 'ya'", None),
        "consent_changed_at": ("CASE WHEN lower(t.persetujuan) = 'ya' THEN %s END", now),
        "registered_on": ("%s", today),
        "expires_on": ("%s", add_months(today, settings.VOKASI["REGISTRATION_VALID_MONTHS"])),
        "next_report_due": ("%s", next_due_after(today, today)),
        "created_at": ("%s", now),
        "updated_at": ("%s", now),
    }
    names, expressions, params = _select_list(JobSeeker, given)
    skill_names, skill_expressions, skill_params = _select_list(
        JobSeekerSkill,
        {
            "job_seeker_id": ("j.id", None),
            "skill_id": ("trim(upper(code))", None),
            "source": ("%s", int(JobSeekerSkill.Source.DECLARED)),
            "declared_from": ("%s", today),
        },
    )
    staging = ", ".join(
        f"{h.lower().replace(' ', '_')} text" for h in HEADER
    )  # nik text, nama text, …
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE t_import ({staging}) ON COMMIT DROP")
        with cursor.cursor.copy(
            "COPY t_import FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)"
        ) as copy:
            copy.write(data)
        cursor.execute("ALTER TABLE t_import ADD COLUMN ord bigserial")
        cursor.execute(
            f"INSERT INTO {JobSeeker._meta.db_table} ({', '.join(names)}) "
            f"SELECT {', '.join(expressions)} FROM t_import t ORDER BY t.ord "
            "ON CONFLICT (nik) DO NOTHING",
            params,
        )
        cursor.execute(
            f"INSERT INTO {JobSeekerSkill._meta.db_table} ({', '.join(skill_names)}) "
            f"SELECT {', '.join(skill_expressions)} FROM t_import t "
            f"JOIN {JobSeeker._meta.db_table} j ON j.nik = t.nik, "
            "unnest(string_to_array(t.keterampilan, ';')) AS code "
            "WHERE trim(code) <> '' ON CONFLICT DO NOTHING",
            skill_params,
        )


# --------------------------------------------------------------------------- raw SQLite


def stored_rows() -> list[tuple[str, list[str], list[tuple]]]:
    """Every row of the job-seeker and skill tables as stored: (table, columns, rows)."""
    from django.db import connection

    from trainees.models import JobSeeker, JobSeekerSkill

    out = []
    with connection.cursor() as cursor:
        for model in (JobSeeker, JobSeekerSkill):
            table = model._meta.db_table
            cursor.execute(f"SELECT * FROM {table} ORDER BY id")
            columns = [column[0] for column in cursor.description]
            out.append((table, columns, cursor.fetchall()))
    return out


def raw_executemany(stored) -> None:
    """The floor on SQLite: the same rows into the same tables (every index in place),
    one ``executemany`` per table, one transaction, through the bare sqlite3 cursor."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for table, columns, rows in stored:
            marks = ", ".join("?" * len(columns))
            names = ", ".join(connection.ops.quote_name(column) for column in columns)
            cursor.cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _select_list(model, given: dict) -> tuple[list[str], list[str], list]:
    """Column names, SQL expressions and parameters for every column of ``model``:
    ``given`` maps a column to (expression, parameter); the others get their default."""
    from django.db import connection

    names, expressions, params = [], [], []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        names.append(connection.ops.quote_name(f.column))
        if f.column in given:
            sql, value = given[f.column]
            expressions.append(sql)
            if "%s" in sql:
                params.append(value)
        else:
            expressions.append("%s")
            params.append(f.get_db_prep_save(f.get_default(), connection))
    return names, expressions, params


# ------------------------------------------------------------------------------ run


def empty_tables() -> None:
    from trainees.models import JobSeeker, JobSeekerSkill

    JobSeekerSkill.objects.all()._raw_delete(JobSeekerSkill.objects.db)
    JobSeeker.objects.all()._raw_delete(JobSeeker.objects.db)


def timed(function, *args):
    """(result, wall seconds, this process's CPU seconds)."""
    started, cpu = time.perf_counter(), time.process_time()
    value = function(*args)
    return value, time.perf_counter() - started, time.process_time() - cpu


def run(rows: int, default_rows: int) -> None:
    import django

    warnings.filterwarnings("ignore", "No directory at")
    from django.conf import settings

    django.setup()
    from django.db import connection
    from django.db.models import Max
    from django.utils import timezone

    from bench.common import Result, peak_rss_mb, report
    from trainees.models import JobSeeker, JobSeekerSkill
    from trainees.services.registration.importing import job_seekers_import
    from vokasi.models import LabourOffice

    settings.VOKASI_UPLOAD_MAX_BYTES = 256 * 1024 * 1024
    db = settings.DATABASES["default"]
    tmp = tempfile.mkdtemp(prefix="vokasi-bench-")
    if connection.vendor == "sqlite":
        db["TEST"]["NAME"] = os.path.join(tmp, "import.sqlite3")
    else:
        db["TEST"]["NAME"] = f"{db['NAME']}_import"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    vendor = connection.vendor
    try:
        office = LabourOffice.objects.create(
            code="3672", name="Disnaker Kota Cilegon", region_id="36.72"
        )
        today = timezone.localdate()
        data = generate_csv(rows)

        def ours():
            result = job_seekers_import(office=office, file=data, filename="bench.csv")
            assert result.ok, result.errors[:5]
            return result

        first, first_s, first_cpu = timed(ours)
        peak = peak_rss_mb()
        assert first.created == rows == JobSeeker.objects.count(), first
        skills = JobSeekerSkill.objects.count()
        stamp = JobSeeker.objects.aggregate(last=Max("updated_at"))["last"]

        again, again_s, again_cpu = timed(ours)
        assert again.created == 0 and again.unchanged == rows, again
        assert JobSeeker.objects.count() == rows and JobSeekerSkill.objects.count() == skills
        assert JobSeeker.objects.aggregate(last=Max("updated_at"))["last"] == stamp
        ours_rate = rows / first_s
        written = stored_rows() if vendor == "sqlite" else None

        default_class, fast_class = resources(office, today)
        empty_tables()
        created, fast_s, fast_cpu = timed(import_export_run, fast_class, data)
        assert created == rows == JobSeeker.objects.count()
        fast_rate = rows / fast_s

        empty_tables()
        sample = data if default_rows >= rows else b"\n".join(data.split(b"\n")[: default_rows + 1])
        created, default_s, default_cpu = timed(import_export_run, default_class, sample)
        assert created == default_rows == JobSeeker.objects.count()
        default_rate = default_rows / default_s

        common = {"database": vendor, "peak_rss_mb": peak}
        where = f"{rows:,} rows, {len(data) / 1e6:.1f} MB CSV"
        report(Result(
            scenario=f"import {rows:,} job seekers (CSV)", ours=ours_rate, unit="rows/s",
            baseline=fast_rate, baseline_name="import-export bulk+skip_diff",
            target=">= 5x", met=ours_rate >= 5 * fast_rate, **common,
            notes=f"{where}; ours {first_s:.1f} s wall / {first_cpu:.1f} s CPU, baseline "
                  f"{fast_s:.1f} s wall / {fast_cpu:.1f} s CPU (no skills: bulk mode has no m2m)",
        ))  # fmt: skip
        report(Result(
            scenario=f"import {rows:,} job seekers (CSV)", ours=ours_rate, unit="rows/s",
            baseline=default_rate, baseline_name="import-export default options",
            target=">= 20x", met=ours_rate >= 20 * default_rate, **common,
            notes=f"baseline on {default_rows:,} rows: {default_s:.1f} s wall / "
                  f"{default_cpu:.1f} s CPU",
        ))  # fmt: skip
        report(Result(
            scenario=f"re-import the same {rows:,} rows", ours=again_s, unit="s",
            baseline=first_s, baseline_name="our first import",
            target="<= 1.2x, 0 written", met=again_s <= 1.2 * first_s, **common,
            notes=f"unchanged {again.unchanged:,}, created 0, rows/updated_at unchanged; "
                  f"CPU {again_cpu:.1f} s vs {first_cpu:.1f} s",
        ))  # fmt: skip

        if vendor == "postgresql":
            empty_tables()
            _none, raw_s, _cpu = timed(raw_copy_upsert, data, office, today)
            assert JobSeeker.objects.count() == rows
            assert JobSeekerSkill.objects.count() == skills
            report(Result(
                scenario=f"import {rows:,} job seekers (CSV)", ours=first_s, unit="s",
                baseline=raw_s, baseline_name="raw COPY + INSERT ON CONFLICT",
                target="<= 1.2x", met=first_s <= 1.2 * raw_s, **common,
                notes=f"{where}; ours {first_cpu:.1f} s CPU in Python",
            ))  # fmt: skip
        if vendor == "sqlite":
            empty_tables()
            _none, raw_s, _cpu = timed(raw_executemany, written)
            assert JobSeeker.objects.count() == rows
            assert JobSeekerSkill.objects.count() == skills
            report(Result(
                scenario=f"import {rows:,} job seekers (CSV)", ours=first_s, unit="s",
                baseline=raw_s, baseline_name="raw executemany of the same rows",
                target="<= 1.2x", met=first_s <= 1.2 * raw_s, **common,
                notes=f"{where}; ours {first_cpu:.1f} s CPU in this process (SQLite "
                      "writes in it too)",
            ))  # fmt: skip
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument(
        "--default-rows",
        type=int,
        default=None,
        help="rows for import-export's default options (slow: one lookup and INSERT a row); "
        "default: all",
    )
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/source.sqlite3"
    run(args.rows, min(args.default_rows or args.rows, args.rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
