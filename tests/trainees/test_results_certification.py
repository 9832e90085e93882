"""cohort_results_import and certification: K certifies, completion trains, BK re-tests."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.trainees.language import english  # noqa: F401
from tests.trainees.results_files import rows_for, running_cohort, xlsx
from trainees.models import (
    Cohort,
    CompetencyAssessment,
    Enrollment,
    JobSeeker,
    JobSeekerSkill,
    TrainingResult,
    format_registration_number,
)
from trainees.nik import build_nik
from trainees.services.results import cohort_results_import
from trainees.services.results.reading import results_read_file
from vokasi.models import EducationLevel

pytestmark = pytest.mark.django_db

Source = JobSeekerSkill.Source


def import_rows(world, cohort, rows, **kw):
    table, digest = results_read_file(xlsx(rows), filename="hasil.xlsx")
    return cohort_results_import(
        actor=world.trainer_a, cohort=cohort, table=table, sha256=digest, **kw
    )


@pytest.fixture
def cohort(world):
    return running_cohort(world, trainees=3)


def test_kompeten_certifies_every_skill_of_the_programme(world, cohort):
    rows = rows_for(cohort, certificate_no="LSP-LAS/2026/0042")
    assessed_on = cohort.end_date
    result = import_rows(world, cohort, rows)
    assert result.ok and result.created == 3
    person = cohort.enrollments.order_by("pk").first().job_seeker
    rows_held = JobSeekerSkill.objects.filter(job_seeker=person)
    assert set(rows_held.values_list("skill_id", flat=True)) == set(
        cohort.programme.skills.values_list("code", flat=True)
    )
    for row in rows_held:
        assert row.source == Source.CERTIFIED
        assert row.certificate_no == "LSP-LAS/2026/0042"
        assert row.acquired_on == assessed_on
        assert row.certificate_expires_on == assessed_on.replace(year=assessed_on.year + 3)
        assert row.enrollment.cohort == cohort


def test_a_declared_skill_is_upgraded_to_certified(world, cohort):
    person = cohort.enrollments.order_by("pk").first().job_seeker
    skill = cohort.programme.skills.first()
    factories.give_skill(person, skill.code, Source.DECLARED)
    import_rows(world, cohort, rows_for(cohort))
    row = JobSeekerSkill.objects.get(job_seeker=person, skill=skill)
    assert row.source == Source.CERTIFIED


def test_taking_back_a_result_returns_a_declared_skill_to_declared(world, cohort):
    person = cohort.enrollments.order_by("pk").first().job_seeker
    declared, *granted_only = cohort.programme.skills.order_by("code")
    factories.give_skill(person, declared.code, Source.DECLARED)
    import_rows(world, cohort, rows_for(cohort))
    assert JobSeekerSkill.objects.get(job_seeker=person, skill=declared).declared

    rows = rows_for(cohort, competency="", certificate_no="", assessed_on="")
    rows[0][3] = "tidak lulus"  # the first trainee's result was wrong: failed, not competent
    assert import_rows(world, cohort, rows).ok

    row = JobSeekerSkill.objects.get(job_seeker=person, skill=declared)
    assert (row.source, row.enrollment_id, row.certificate_no) == (Source.DECLARED, None, "")
    assert not row.declared
    assert not JobSeekerSkill.objects.filter(job_seeker=person, skill__in=granted_only).exists()


def test_belum_kompeten_leaves_the_trainee_trained_and_due_for_a_retest(world, cohort):
    import_rows(world, cohort, rows_for(cohort, competency="BK", certificate_no=""))
    assert set(JobSeekerSkill.objects.values_list("source", flat=True)) == {Source.TRAINED}
    assert not JobSeekerSkill.objects.exclude(certificate_no="").exists()
    assessments = CompetencyAssessment.objects.all()
    assert {(a.result, a.needs_retest) for a in assessments} == {("BK", True)}


def test_completion_without_an_assessment_trains(world, cohort):
    import_rows(world, cohort, rows_for(cohort, competency="", certificate_no="", assessed_on=""))
    assert set(JobSeekerSkill.objects.values_list("source", flat=True)) == {Source.TRAINED}
    assert not CompetencyAssessment.objects.exists()
    assert set(Enrollment.objects.values_list("status", flat=True)) == {"completed"}


def test_failing_or_dropping_out_gives_no_skill(world, cohort):
    rows = rows_for(cohort, competency="", certificate_no="", assessed_on="")
    rows[0][3], rows[1][3], rows[2][3] = "tidak lulus", "mengundurkan diri", "failed"
    assert import_rows(world, cohort, rows).ok
    assert not JobSeekerSkill.objects.exists()
    statuses = sorted(Enrollment.objects.values_list("status", flat=True))
    assert statuses == ["dropped", "failed", "failed"]


def test_kompeten_needs_a_completed_training(world, cohort):
    rows = rows_for(cohort)
    rows[0][3] = "tidak lulus"
    result = import_rows(world, cohort, rows)
    assert [(e.row, e.column) for e in result.errors] == [(2, "Kompetensi")]


def test_a_certified_skill_is_never_downgraded_by_a_later_cohort(world, cohort):
    import_rows(world, cohort, rows_for(cohort))
    person = cohort.enrollments.order_by("pk").first().job_seeker
    later = factories.cohort(
        cohort.programme,
        start_date=cohort.end_date + datetime.timedelta(days=1),
        end_date=cohort.end_date + datetime.timedelta(days=10),
        status=Cohort.Status.FINISHED,
    )
    factories.enrollment(later, person)
    rows = rows_for(
        later, competency="BK", certificate_no="", assessed_on=later.end_date.isoformat()
    )
    assert import_rows(world, later, rows).ok
    assert set(
        JobSeekerSkill.objects.filter(job_seeker=person).values_list("source", flat=True)
    ) == {Source.CERTIFIED}


def test_an_assessment_date_outside_the_cohort_is_refused(world, cohort):
    rows = rows_for(cohort)
    rows[0][6] = (cohort.start_date - datetime.timedelta(days=1)).isoformat()
    rows[1][6] = "15/01/2099"
    result = import_rows(world, cohort, rows)
    assert [(e.row, e.column) for e in result.errors] == [(2, "Tanggal Uji"), (3, "Tanggal Uji")]


def test_dates_are_read_in_indonesian_order(world, cohort):
    rows = rows_for(cohort, assessed_on=cohort.end_date.strftime("%d-%m-%Y"))
    rows[0][6] = cohort.end_date.strftime("%d/%m/%Y")
    assert import_rows(world, cohort, rows).ok
    assert set(CompetencyAssessment.objects.values_list("assessed_on", flat=True)) == {
        cohort.end_date
    }


def test_messages_are_in_bahasa_indonesia_by_default(world, cohort, settings):
    settings.LANGUAGE_CODE = "id"
    rows = rows_for(cohort)
    rows[0][2] = "101"
    (error,) = import_rows(world, cohort, rows).errors
    assert error.message == "Nilai harus dari 0 sampai 100."


def many_trainees(world, cohort: Cohort, count: int) -> None:
    """``count`` registered job seekers enrolled in ``cohort``, written in bulk."""
    smk = EducationLevel.objects.get(code="smk")
    today = datetime.date(2026, 1, 5)
    people = [
        JobSeeker(
            office=world.office_a,
            registration_number=format_registration_number("3672", 2026, 500_000 + i),
            nik=build_nik(
                "36.72.04",
                datetime.date(1990, 1, 1) + datetime.timedelta(days=i // 9000),
                "L",
                i % 9000 + 1,
            ),
            name=f"Peserta {i}",
            name_normalised=f"PESERTA {i}",
            birth_place="Cilegon",
            birth_date=datetime.date(1990, 1, 1) + datetime.timedelta(days=i // 9000),
            sex="L",
            address="Jl. Contoh",
            region_id="36.72.04",
            education=smk,
            registered_on=today,
            expires_on=today.replace(year=2028),
        )
        for i in range(count)
    ]
    JobSeeker.objects.bulk_create(people, batch_size=1000)
    people = JobSeeker.objects.filter(registration_number__startswith="3672-2026-5")
    Enrollment.objects.bulk_create(
        [Enrollment(cohort=cohort, job_seeker=p, enrolled_on=today) for p in people],
        batch_size=1000,
    )


def test_the_same_5000_row_file_twice_writes_nothing_the_second_time(world):
    cohort = running_cohort(world, trainees=0)
    many_trainees(world, cohort, 5000)
    data = xlsx(rows_for(cohort))
    first = import_rows(world, cohort, rows_for(cohort))
    assert (first.created, first.errors) == (5000, [])
    assert TrainingResult.objects.count() == 5000
    table, _digest = results_read_file(data, filename="hasil.xlsx")
    with CaptureQueriesContext(connection) as queries:
        again = cohort_results_import(actor=world.trainer_a, cohort=cohort, table=table)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5000)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert len(queries.captured_queries) < 10
