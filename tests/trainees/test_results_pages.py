"""The results page: upload, dry-run table, confirm; and the prefilled template."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tests.factories import PASSWORD
from tests.trainees.language import english  # noqa: F401
from tests.trainees.results_files import rows_for, running_cohort, upload, xlsx
from trainees.models import JobSeekerSkill, TrainingResult
from trainees.services.results import cohort_results_import
from trainees.services.results.reading import results_read_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(world):
    return running_cohort(world, trainees=4)


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_a_dry_run_shows_the_changes_and_confirming_saves_them(client, world, cohort):
    login(client, world.trainer_a)
    url = reverse("trainees:cohort-results", args=[cohort.pk])
    response = client.post(url, {"file": upload(xlsx(rows_for(cohort)), "hasil.xlsx")})
    assert response.status_code == 200
    assert response.context["result"].created == 4
    assert 'data-testid="dry-run-table"' in response.text
    assert not TrainingResult.objects.exists()
    token = response.context["token"]
    response = client.post(url, {"token": token})
    assert response.status_code == 302
    assert response.url == reverse("trainees:cohort-detail", args=[cohort.pk])
    assert TrainingResult.objects.filter(enrollment__cohort=cohort).count() == 4
    # A token is used once.
    client.post(url, {"token": token})
    assert TrainingResult.objects.count() == 4


def test_errors_are_listed_and_no_confirmation_is_offered(client, world, cohort):
    rows = rows_for(cohort)
    rows[1][2] = "101"
    login(client, world.trainer_a)
    response = client.post(
        reverse("trainees:cohort-results", args=[cohort.pk]),
        {"file": upload(xlsx(rows), "hasil.xlsx")},
    )
    assert response.status_code == 400
    assert "The score must be from 0 to 100." in response.text
    assert "token" not in response.context


def test_a_renamed_text_file_is_explained(client, world, cohort):
    login(client, world.trainer_a)
    response = client.post(
        reverse("trainees:cohort-results", args=[cohort.pk]),
        {"file": upload(b"nik,score\n1,2\n", "hasil.xlsx")},
    )
    assert response.status_code == 415
    assert "not an Excel workbook" in response.text


def test_the_same_file_again_offers_nothing_to_confirm(client, world, cohort):
    data = xlsx(rows_for(cohort))
    table, _digest = results_read_file(data, filename="hasil.xlsx")
    cohort_results_import(actor=world.trainer_a, cohort=cohort, table=table)
    login(client, world.trainer_a)
    response = client.post(
        reverse("trainees:cohort-results", args=[cohort.pk]), {"file": upload(data, "hasil.xlsx")}
    )
    assert response.context["result"].unchanged == 4
    assert 'data-testid="nothing-changes"' in response.text


def test_the_template_lists_the_trainees_with_text_niks_and_saved_results(client, world, cohort):
    rows = rows_for(cohort)
    table, _digest = results_read_file(xlsx(rows[:1]), filename="hasil.xlsx")
    cohort_results_import(actor=world.trainer_a, cohort=cohort, table=table)
    login(client, world.trainer_a)
    response = client.get(reverse("trainees:cohort-results-template", args=[cohort.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0)
    values = sheet.to_python()
    assert values[0][:4] == ["NIK", "Nama", "Kehadiran %", "Nilai"]
    niks = {row[0] for row in values[1:]}
    assert niks == {row[0] for row in rows}
    assert all(isinstance(nik, str) for nik in niks)
    saved = next(row for row in values[1:] if row[0] == rows[0][0])
    assert saved[4] == "lulus" and saved[5] == "K"
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook["Hasil"]["A2"].number_format == "@"


def test_a_filled_template_uploads_cleanly(client, world, cohort):
    from openpyxl import load_workbook

    login(client, world.trainer_a)
    response = client.get(reverse("trainees:cohort-results-template", args=[cohort.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Hasil"]
    for row in range(2, 2 + 4):
        sheet.cell(row, 3, 90)
        sheet.cell(row, 4, 75.5)
        sheet.cell(row, 5, "lulus")
    buffer = io.BytesIO()
    workbook.save(buffer)
    table, _digest = results_read_file(buffer.getvalue(), filename="hasil.xlsx")
    result = cohort_results_import(actor=world.trainer_a, cohort=cohort, table=table)
    assert (result.created, result.errors) == (4, [])
    assert JobSeekerSkill.objects.filter(source=JobSeekerSkill.Source.TRAINED).exists()


def test_officers_neither_upload_nor_download_niks(client, world, cohort):
    login(client, world.officer_a)
    assert client.get(reverse("trainees:cohort-results", args=[cohort.pk])).status_code == 403
    url = reverse("trainees:cohort-results-template", args=[cohort.pk])
    assert client.get(url).status_code == 403
    client.logout()
    login(client, world.trainer_b)
    assert client.get(url).status_code == 404


def test_an_unknown_or_used_token_saves_nothing(client, world, cohort):
    login(client, world.trainer_a)
    url = reverse("trainees:cohort-results", args=[cohort.pk])
    response = client.post(url, {"token": "not-a-token"}, follow=True)
    assert "This upload has expired; upload the file again." in response.text
    assert not TrainingResult.objects.exists()


def test_the_columns_are_named_in_the_users_language(client, world, cohort):
    login(client, world.trainer_a)
    url = reverse("trainees:cohort-results", args=[cohort.pk])
    assert "<strong>Final score</strong> (<code>score</code>" in client.get(url).text
    indonesian = client.get(url, HTTP_ACCEPT_LANGUAGE="id").text
    assert "<strong>Nilai akhir</strong> (<code>score</code>" in indonesian
