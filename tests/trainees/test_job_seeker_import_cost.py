"""What checking a job-seeker list costs: a fixed number of queries whatever the number
of rows, the reference tables read afresh for every upload, and a file sent again while
it waits for a worker answered from the queue."""

from __future__ import annotations

from unittest import mock

import pytest

from tests.trainees.test_job_seeker_import import csv_bytes, person_row, run
from vokasi.jobs.models import Job
from vokasi.jobs.services import job_submit
from vokasi.models import EducationLevel, Occupation

pytestmark = pytest.mark.django_db


def test_checking_a_list_asks_two_questions_however_many_rows(world, django_assert_num_queries):
    occupation = Occupation.objects.order_by("code").first()
    rows = [
        person_row(n, Keterampilan="LAS-SMAW; LAS-GTAW", Jabatan=occupation.code)
        for n in range(1, 31)
    ]
    # The reference rows (kecamatan, education, occupations, skills) in one statement,
    # and the NIKs already registered in another.
    with django_assert_num_queries(2):
        result = run(world, csv_bytes(rows), dry_run=True)
    assert (result.created, result.errors) == (30, [])


def test_a_list_with_errors_asks_the_same_two(world, django_assert_num_queries):
    rows = [person_row(n) for n in range(1, 11)]
    rows[3]["Keterampilan"] = "NOPE-1"
    rows[4]["Kecamatan"] = "Mars"
    rows[5]["NIK"] = rows[0]["NIK"]
    with django_assert_num_queries(2):
        result = run(world, csv_bytes(rows), dry_run=True)
    assert {(e.row, e.column) for e in result.errors} == {
        (5, "Keterampilan"),
        (6, "Kecamatan"),
        (7, "NIK"),
    }


def test_a_name_changed_in_the_admin_is_read_by_the_next_upload(world):
    rows = [person_row(1, Pendidikan="Sekolah Menengah Kejuruan")]
    assert [e.column for e in run(world, csv_bytes(rows), dry_run=True).errors] == ["Pendidikan"]
    EducationLevel.objects.filter(code="smk").update(name="Sekolah Menengah Kejuruan")
    result = run(world, csv_bytes(rows), dry_run=True)
    assert (result.created, result.errors) == (1, [])


def test_a_file_sent_again_while_it_waits_is_answered_from_the_queue(
    world, django_assert_num_queries
):
    data = csv_bytes([person_row(1)])
    job, created = job_submit(
        owner=world.officer_a, kind="job_seekers_import", params={}, file=data, filename="a.csv"
    )
    assert created and job.file
    with (
        mock.patch("django.db.models.fields.files.FieldFile.save") as stored,
        django_assert_num_queries(1),
    ):
        again, created_again = job_submit(
            owner=world.officer_a,
            kind="job_seekers_import",
            params={},
            file=data,
            filename="a.csv",
        )
    assert (again, created_again) == (job, False)
    assert not stored.called
    assert Job.objects.count() == 1
