"""POST /api/v1/cohorts/{id}/results/: read, validate, dry run, all or nothing."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests import factories
from tests.trainees.language import english  # noqa: F401
from tests.trainees.results_files import (
    HEADER_EN,
    HEADER_ID,
    csv_bytes,
    rows_for,
    running_cohort,
    upload,
    xlsx,
)
from trainees.models import (
    CompetencyAssessment,
    Enrollment,
    JobSeekerSkill,
    ResultUpload,
    TrainingResult,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(world):
    return running_cohort(world)


def post(api, cohort, data: bytes, name: str, *, dry_run=False, user=None):
    url = f"/api/v1/cohorts/{cohort.pk}/results/" + ("?dry_run=true" if dry_run else "")
    return api.post(url, {"file": upload(data, name)}, format="multipart")


def errors_of(response) -> list[tuple]:
    return [(e["row"], e["column"], e["value"], e["message"]) for e in response.json()["errors"]]


def test_an_indonesian_xlsx_saves_every_result_and_certifies(api, world, cohort):
    response = post(api.as_user(world.trainer_a), cohort, xlsx(rows_for(cohort)), "hasil.xlsx")
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "created": 16,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "dry_run": False,
    }
    assert TrainingResult.objects.filter(enrollment__cohort=cohort).count() == 16
    assert set(cohort.enrollments.values_list("status", flat=True)) == {"completed"}
    assert CompetencyAssessment.objects.filter(result="K", needs_retest=False).count() == 16
    skills = cohort.programme.skills.count()
    certified = JobSeekerSkill.objects.filter(source=JobSeekerSkill.Source.CERTIFIED)
    assert certified.count() == 16 * skills
    assert ResultUpload.objects.get().created == 16


def test_an_english_csv_with_semicolons_and_decimal_commas_is_read(api, world, cohort):
    rows = rows_for(cohort, attendance_pct="87,5", score="80,25", outcome="completed")
    data = csv_bytes(rows, sep=";", encoding="cp1252")
    response = post(api.as_user(world.trainer_a), cohort, data, "results.csv")
    assert response.status_code == 200, response.json()
    result = TrainingResult.objects.filter(enrollment__cohort=cohort).first()
    assert (str(result.attendance_pct), str(result.score)) == ("87.50", "80.25")


def test_json_rows_are_accepted_too(api, world, cohort):
    rows = [dict(zip(HEADER_EN, row, strict=True)) for row in rows_for(cohort)]
    rows[0]["attendance_pct"] = 96.5
    response = api.as_user(world.trainer_a).post(
        f"/api/v1/cohorts/{cohort.pk}/results/", {"rows": rows}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["created"] == 16


def test_json_row_errors_are_numbered_from_one(api, world, cohort):
    rows = [dict(zip(HEADER_EN, row, strict=True)) for row in rows_for(cohort)]
    rows[2]["score"] = 101
    response = api.as_user(world.trainer_a).post(
        f"/api/v1/cohorts/{cohort.pk}/results/", {"rows": rows}, format="json"
    )
    assert response.status_code == 400
    assert errors_of(response) == [(3, "score", "101", "The score must be from 0 to 100.")]


def test_a_dry_run_reports_what_would_change_and_saves_nothing(api, world, cohort):
    response = post(
        api.as_user(world.trainer_a), cohort, xlsx(rows_for(cohort)), "h.xlsx", dry_run=True
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["created"], body["dry_run"]) == (16, True)
    assert body["changes"][0]["action"] == "create"
    assert body["changes"][0]["fields"]["outcome"] == {"old": "", "new": "completed"}
    assert not TrainingResult.objects.exists()
    assert not JobSeekerSkill.objects.exists()


def test_the_same_file_again_changes_nothing(api, world, cohort):
    data = xlsx(rows_for(cohort))
    api.as_user(world.trainer_a)
    assert post(api, cohort, data, "hasil.xlsx").status_code == 200
    before = list(TrainingResult.objects.values_list("pk", "updated_at"))
    response = post(api, cohort, data, "hasil.xlsx")
    assert response.json() == {
        "created": 0,
        "updated": 0,
        "unchanged": 16,
        "errors": [],
        "dry_run": False,
    }
    assert list(TrainingResult.objects.values_list("pk", "updated_at")) == before
    assert ResultUpload.objects.count() == 1


def test_a_corrected_file_updates_only_what_changed_and_keeps_the_history(api, world, cohort):
    rows = rows_for(cohort)
    api.as_user(world.trainer_a)
    post(api, cohort, xlsx(rows), "hasil.xlsx")
    rows[3][2] = "55"  # score corrected
    rows[5][4], rows[5][5] = "BK", ""  # was K by mistake
    rows[5][3] = "lulus"
    response = post(api, cohort, xlsx(rows), "hasil-revisi.xlsx")
    assert response.json()["updated"] == 2
    assert response.json()["unchanged"] == 14
    nik_3, nik_5 = rows[3][0], rows[5][0]
    changed = TrainingResult.objects.get(enrollment__job_seeker__nik=nik_3)
    assert str(changed.score) == "55.00"
    history = {
        (c.enrollment.job_seeker.nik, c.field, c.old_value, c.new_value)
        for c in cohort.enrollments.first().result_changes.model.objects.select_related(
            "enrollment__job_seeker"
        )
    }
    assert (nik_3, "score", f"{70 + 3}.00", "55.00") in history
    assert (nik_5, "competency", "K", "BK") in history
    assert (nik_5, "certificate_no", "LSP-LAS/0006", "") in history
    retest = CompetencyAssessment.objects.get(enrollment__job_seeker__nik=nik_5)
    assert (retest.result, retest.needs_retest) == ("BK", True)
    # The K given by mistake is taken back: trained, no longer certified.
    sources = set(
        JobSeekerSkill.objects.filter(job_seeker__nik=nik_5).values_list("source", flat=True)
    )
    assert sources == {JobSeekerSkill.Source.TRAINED}
    assert ResultUpload.objects.count() == 2


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("Nilai", "101", "The score must be from 0 to 100."),
        ("Kehadiran %", "abc", "Not a number: write a percentage from 0 to 100."),
        ("Kehadiran %", "-1", "Attendance must be from 0 to 100."),
        ("Hasil", "lulus sebagian", "Unknown outcome: write lulus, tidak lulus or"),
        ("Kompetensi", "KB", "Unknown competency result"),
        ("Tanggal Uji", "31-02-2026", "Not a date"),
        ("Nomor Sertifikat", "", "A Kompeten result needs its certificate number."),
        ("Tanggal Uji", "", "Give the date of the competency assessment."),
        ("Kompetensi", "", "An assessment date without a result: write K or BK."),
        ("NIK", "36720412", "NIK must be 16 digits, not 8."),
    ],
)
def test_each_bad_cell_is_reported_with_row_column_value_and_reason(
    api, world, cohort, column, value, message
):
    rows = rows_for(cohort)
    rows[4][HEADER_ID.index(column)] = value
    response = post(api.as_user(world.trainer_a), cohort, xlsx(rows), "hasil.xlsx")
    assert response.status_code == 400
    ((row, col, val, msg),) = errors_of(response)
    assert (row, col, val) == (6, column, value)
    assert msg.startswith(message)
    assert not TrainingResult.objects.exists()


def test_every_error_is_listed_and_nothing_is_saved(api, world, cohort):
    rows = rows_for(cohort)
    rows[0][2] = "101"
    rows[1][1] = "abc"
    rows[2][3] = "graduated"
    response = post(api.as_user(world.trainer_a), cohort, xlsx(rows), "hasil.xlsx")
    assert response.status_code == 400
    assert [(e[0], e[1]) for e in errors_of(response)] == [
        (2, "Nilai"),
        (3, "Kehadiran %"),
        (4, "Hasil"),
    ]
    assert not TrainingResult.objects.exists()
    assert not Enrollment.objects.filter(status="completed").exists()


def test_a_nik_not_in_the_cohort_is_an_error(api, world, cohort):
    stranger = factories.job_seeker(world.office_a)
    rows = rows_for(cohort)
    rows[0][0] = stranger.nik
    response = post(api.as_user(world.trainer_a), cohort, xlsx(rows), "hasil.xlsx")
    assert errors_of(response) == [
        (2, "NIK", stranger.nik, f"No trainee with this NIK is enrolled in cohort {cohort.name}.")
    ]


def test_a_withdrawn_trainee_is_not_in_the_cohort(api, world, cohort):
    enrollment = cohort.enrollments.order_by("pk").first()
    Enrollment.objects.filter(pk=enrollment.pk).update(status="withdrawn")
    response = post(api.as_user(world.trainer_a), cohort, xlsx(rows_for(cohort)), "h.xlsx")
    assert response.status_code == 400
    assert errors_of(response)[0][1] == "NIK"


def test_the_same_nik_twice_is_an_error_on_the_second_row(api, world, cohort):
    rows = rows_for(cohort)
    rows[7][0] = rows[2][0]
    response = post(api.as_user(world.trainer_a), cohort, xlsx(rows), "hasil.xlsx")
    assert errors_of(response) == [(9, "NIK", rows[2][0], "This NIK is also on row 4 of the file.")]


def test_a_nik_excel_turned_into_a_number_is_refused_clearly(api, world, cohort):
    rows = rows_for(cohort)
    response = post(
        api.as_user(world.trainer_a), cohort, xlsx(rows, nik_as_number=True), "hasil.xlsx"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert len(errors) == 16
    assert errors[0]["column"] == "NIK"
    assert errors[0]["value"].startswith("3.672")
    assert "E+15" in errors[0]["value"]
    assert "stored this NIK as a number" in errors[0]["message"]


def test_a_csv_with_scientific_niks_is_refused_clearly(api, world, cohort):
    rows = rows_for(cohort)
    rows[0][0] = "3.67201E+15"
    response = post(api.as_user(world.trainer_a), cohort, csv_bytes(rows), "results.csv")
    ((row, column, value, message),) = errors_of(response)
    assert (row, column, value) == (2, "nik", "3.67201E+15")
    assert "as a number" in message


def test_a_missing_column_is_refused(api, world, cohort):
    rows = [row[:2] + row[3:] for row in rows_for(cohort)]
    header = HEADER_ID[:2] + HEADER_ID[3:]
    response = post(api.as_user(world.trainer_a), cohort, xlsx(rows, header), "hasil.xlsx")
    assert response.status_code == 400
    assert "score" in response.json()["detail"]
    assert response.json()["errors"][0]["column"] == "score"


def test_a_renamed_text_file_is_415(api, world, cohort):
    data = b"this is not a workbook, just text\n"
    response = post(api.as_user(world.trainer_a), cohort, data, "hasil.xlsx")
    assert response.status_code == 415
    assert "not an Excel workbook" in response.json()["detail"]


@override_settings(VOKASI_UPLOAD_MAX_BYTES=1024)
def test_a_file_over_the_size_limit_is_413(api, world, cohort):
    response = post(api.as_user(world.trainer_a), cohort, xlsx(rows_for(cohort)), "hasil.xlsx")
    assert response.status_code == 413
    assert not TrainingResult.objects.exists()


def test_an_empty_sheet_is_refused(api, world, cohort):
    import io

    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    response = post(api.as_user(world.trainer_a), cohort, buffer.getvalue(), "kosong.xlsx")
    assert response.status_code == 400
    assert "empty" in response.json()["detail"]


def test_a_header_without_rows_is_refused(api, world, cohort):
    response = post(api.as_user(world.trainer_a), cohort, xlsx([]), "kosong.xlsx")
    assert response.status_code == 400
    assert "no data rows" in response.json()["detail"]


def test_results_wait_until_the_cohort_runs(api, world):
    cohort = running_cohort(world, trainees=2)
    cohort.status = "open"
    cohort.save()
    response = post(api.as_user(world.trainer_a), cohort, xlsx(rows_for(cohort)), "h.xlsx")
    assert response.status_code == 400
    assert "running or finished" in response.json()["non_field_errors"][0]


def test_only_the_provider_reports_results(api, world, cohort):
    data = xlsx(rows_for(cohort))
    assert post(api.as_user(world.trainer_b), cohort, data, "h.xlsx").status_code == 404
    assert post(api.as_user(world.officer_a), cohort, data, "h.xlsx").status_code == 403
    assert post(api.as_user(world.employer_a), cohort, data, "h.xlsx").status_code == 403
    assert not TrainingResult.objects.exists()


def test_an_upload_of_sixteen_runs_a_bounded_number_of_queries(
    api, world, cohort, django_assert_max_num_queries
):
    data = xlsx(rows_for(cohort))
    api.as_user(world.trainer_a)
    with django_assert_max_num_queries(30):
        assert post(api, cohort, data, "hasil.xlsx").status_code == 200
    with django_assert_max_num_queries(12):
        assert post(api, cohort, data, "hasil.xlsx").json()["unchanged"] == 16


def test_a_belum_kompeten_row_with_a_certificate_number_stays_unchanged_on_reupload(
    api, world, cohort
):
    rows = rows_for(cohort, competency="BK")  # a number written by habit, not a certificate
    data = xlsx(rows)
    api.as_user(world.trainer_a)
    assert post(api, cohort, data, "hasil.xlsx").json()["created"] == 16
    assert post(api, cohort, data, "hasil.xlsx").json()["unchanged"] == 16
    assert not CompetencyAssessment.objects.exclude(certificate_no="").exists()
