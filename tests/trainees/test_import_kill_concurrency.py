"""An import killed midway (SIGKILL, as the OOM killer or a deploy does) leaves nothing
behind, on PostgreSQL.

A separate Python process runs the real import against the test database. A small hook
in that process (not in the code under test) announces the moment the first rows have
been written inside the import's transaction and then waits; the test sees that
backend "idle in transaction" in ``pg_stat_activity``, kills the process with SIGKILL
and checks that PostgreSQL rolled everything back.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.trainees.results_files import csv_bytes as results_csv
from tests.trainees.results_files import rows_for, running_cohort
from tests.trainees.test_job_seeker_import import csv_bytes, person_row
from trainees.models import (
    CompetencyAssessment,
    Enrollment,
    JobSeeker,
    JobSeekerSkill,
    ResultUpload,
    TrainingResult,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="killing a writer needs PostgreSQL"
    ),
]
ROOT = Path(__file__).resolve().parents[2]

PRELUDE = """
import os, sys, time
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT pg_backend_pid()")
    print("PID", cursor.fetchone()[0], flush=True)

def stop_after(module, name):
    original = getattr(module, name)
    def hooked(*args, **kwargs):
        original(*args, **kwargs)
        print("WRITTEN", flush=True)
        time.sleep(120)  # killed here, inside the transaction
    setattr(module, name, hooked)
"""


def database_url() -> str:
    db = connection.settings_dict
    return "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{**db, "HOST": db["HOST"] or "127.0.0.1", "PORT": db["PORT"] or 5432}
    )


def run_and_kill(script: str) -> None:
    """Run ``script`` after PRELUDE in a new process; SIGKILL it once it has written
    rows inside its transaction, and wait until PostgreSQL has dropped its backend."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "vokasi.settings",
        "DEBUG": "1",
        "PYTHONPATH": str(ROOT),
    }
    process = subprocess.Popen(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(script)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        backend = None
        for line in process.stdout:
            if line.startswith("PID"):
                backend = int(line.split()[1])
            if line.startswith("WRITTEN"):
                break
        else:
            pytest.fail(f"the import ended before writing: {process.stderr.read()[-2000:]}")
        with connection.cursor() as cursor:
            cursor.execute("SELECT state FROM pg_stat_activity WHERE pid = %s", [backend])
            assert cursor.fetchone() == ("idle in transaction",)
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        assert process.returncode == -signal.SIGKILL
        deadline = time.monotonic() + 30
        with connection.cursor() as cursor:
            while time.monotonic() < deadline:
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [backend])
                if cursor.fetchone()[0] == 0:
                    break
                time.sleep(0.05)
            else:
                pytest.fail("PostgreSQL kept the killed import's backend")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(30)
        process.stdout.close()
        process.stderr.close()


def test_a_job_seeker_import_killed_while_inserting_leaves_nobody_registered(world, tmp_path):
    big = tmp_path / "job-fair.csv"
    big.write_bytes(csv_bytes([person_row(n) for n in range(1, 3001)]))
    run_and_kill(
        f"""
        from trainees.services.registration import importing as job_seeker_import
        from trainees.services.registration import saving as job_seeker_saving
        from vokasi.models import LabourOffice, User
        stop_after(job_seeker_saving, "insert_many")
        job_seeker_import.job_seekers_import(
            office=LabourOffice.objects.get(pk={world.office_a.pk}),
            file={str(big)!r},
            filename="job-fair.csv",
            imported_by=User.objects.get(pk={world.officer_a.pk}),
        )
        print("COMMITTED", flush=True)
        """
    )
    assert JobSeeker.objects.count() == 0
    assert JobSeekerSkill.objects.count() == 0
    # And the same file imports cleanly afterwards: the office lock was released.
    from trainees.services.registration.importing import job_seekers_import

    result = job_seekers_import(
        office=world.office_a, file=big.read_bytes(), filename="job-fair.csv"
    )
    assert result.errors == [] and result.created == 3000
    assert JobSeeker.objects.count() == 3000


def test_a_results_upload_killed_while_saving_leaves_no_result_and_no_upload_record(
    world, tmp_path
):
    cohort = running_cohort(world, trainees=16)
    statuses = sorted(Enrollment.objects.values_list("pk", "status"))
    results_file = tmp_path / "hasil.csv"
    results_file.write_bytes(results_csv(rows_for(cohort)))
    run_and_kill(
        f"""
        from trainees.models import Cohort
        from trainees.services import results
        from trainees.services.results import reading as results_reading
        from trainees.services.results import saving as results_saving
        from vokasi.models import User
        stop_after(results_saving, "insert_many")
        with open({str(results_file)!r}, "rb") as handle:
            table, digest = results_reading.results_read_file(handle, filename="hasil.csv")
        results.cohort_results_import(
            actor=User.objects.get(pk={world.trainer_a.pk}),
            cohort=Cohort.objects.get(pk={cohort.pk}),
            table=table,
            filename="hasil.csv",
            sha256=digest,
        )
        print("COMMITTED", flush=True)
        """
    )
    assert TrainingResult.objects.count() == 0
    assert CompetencyAssessment.objects.count() == 0
    assert ResultUpload.objects.count() == 0
    assert sorted(Enrollment.objects.values_list("pk", "status")) == statuses
    assert not JobSeekerSkill.objects.filter(source=JobSeekerSkill.Source.CERTIFIED).exists()


def test_the_killed_processes_really_ran_the_import(world, tmp_path):
    """The hook is reached only through the real code path: without it the same script
    commits (so the tests above kill a real import, not a stub)."""
    cohort = running_cohort(world, trainees=2)
    results_file = tmp_path / "hasil.csv"
    results_file.write_bytes(results_csv(rows_for(cohort)))
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "vokasi.settings",
        "DEBUG": "1",
        "PYTHONPATH": str(ROOT),
    }
    script = f"""
from trainees.models import Cohort
from trainees.services import results
from trainees.services.results import reading as results_reading
from vokasi.models import User
table, digest = results_reading.results_read_file(open({str(results_file)!r}, "rb"))
results.cohort_results_import(
    actor=User.objects.get(pk={world.trainer_a.pk}),
    cohort=Cohort.objects.get(pk={cohort.pk}),
    table=table,
)
print("COMMITTED", flush=True)
"""
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE + script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "COMMITTED" in done.stdout, done.stderr[-2000:]
    assert TrainingResult.objects.count() == 2
