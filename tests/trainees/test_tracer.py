"""The tracer study: only completers, one status per point (3/6/12 months), the page,
the API, and the file (all or nothing, row errors, a real .xlsx and .csv)."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from tests import factories
from trainees.models import GraduateStatus
from trainees.services.tracer import months_for

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def cohort(world):
    end = TODAY - datetime.timedelta(days=200)  # past the 6-month point
    return factories.cohort(
        factories.programme(world.provider_a),
        start_date=end - datetime.timedelta(days=45),
        end_date=end,
        status="finished",
    )


def trainee(world, cohort, status="completed"):
    person = factories.job_seeker(world.office_a)
    enrollment = factories.enrollment(cohort, person, status=status)
    factories.training_result(enrollment, status if status != "enrolled" else "completed")
    return enrollment


def tracer(enrollment) -> str:
    return f"/api/v1/enrollments/{enrollment.pk}/tracer/"


def test_the_point_follows_the_day_of_the_check(cohort):
    end = cohort.end_date
    assert months_for(cohort, end + datetime.timedelta(days=30)) is None
    assert months_for(cohort, end + datetime.timedelta(days=85)) == 3  # a few days early
    assert months_for(cohort, end + datetime.timedelta(days=150)) == 3
    assert months_for(cohort, end + datetime.timedelta(days=190)) == 6
    assert months_for(cohort, end + datetime.timedelta(days=400)) == 12


def test_a_completer_is_traced_and_the_same_point_again_replaces_it(api, world, cohort):
    graduate = trainee(world, cohort)
    checked = (cohort.end_date + datetime.timedelta(days=100)).isoformat()
    body = {"checked_on": checked, "status": "not_working"}
    response = api.as_user(world.officer_a).post(tracer(graduate), body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["months_after"] == 3
    body = {"checked_on": checked, "status": "self_employed", "sector": "G"}
    response = api.as_user(world.trainer_a).post(tracer(graduate), body, format="json")
    assert response.status_code == 200
    status = GraduateStatus.objects.get()
    assert (status.status, status.sector_id, status.months_after) == ("self_employed", "G", 3)
    six = {"checked_on": TODAY.isoformat(), "status": "employed", "months_after": 6}
    assert api.as_user(world.admin).post(tracer(graduate), six, format="json").status_code == 200
    listed = api.as_user(world.officer_a).get(tracer(graduate)).json()
    assert [(s["months_after"], s["status"]) for s in listed] == [
        (3, "self_employed"), (6, "employed"),
    ]  # fmt: skip


@pytest.mark.parametrize("status", ["failed", "dropped", "enrolled"])
def test_someone_who_did_not_complete_is_not_traced(api, world, cohort, status):
    enrollment = trainee(world, cohort, status=status)
    body = {"checked_on": TODAY.isoformat(), "status": "employed"}
    response = api.as_user(world.trainer_a).post(tracer(enrollment), body, format="json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert not GraduateStatus.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "self_employed"}, "sector"),  # a business needs its sector
        ({"status": "not_working", "sector": "G"}, "sector"),
        ({"status": "retired"}, "status"),
        ({"status": "employed", "months_after": 9}, "months_after"),
        ({"status": "employed", "checked_on": "2001-01-01"}, "checked_on"),
        ({"status": "employed", "checked_on": "2999-01-01"}, "checked_on"),
        ({"status": "employed", "checked_on": "abc"}, "checked_on"),
    ],
)
def test_bad_tracer_input_answers_400(api, world, cohort, body, field):
    graduate = trainee(world, cohort)
    body = {"checked_on": TODAY.isoformat(), **body}
    response = api.as_user(world.trainer_a).post(tracer(graduate), body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not GraduateStatus.objects.exists()


def test_an_officer_traces_only_its_own_office_people(api, world, cohort):
    graduate = trainee(world, cohort)
    body = {"checked_on": TODAY.isoformat(), "status": "employed"}
    assert (
        api.as_user(world.officer_b).post(tracer(graduate), body, format="json").status_code == 404
    )
    assert (
        api.as_user(world.employer_a).post(tracer(graduate), body, format="json").status_code == 403
    )


def test_the_database_keeps_one_status_per_point(world, cohort):
    from django.db import IntegrityError, transaction

    graduate = trainee(world, cohort)
    GraduateStatus.objects.create(
        enrollment=graduate, months_after=3, status="employed", checked_on=TODAY
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        GraduateStatus.objects.create(
            enrollment=graduate, months_after=3, status="studying", checked_on=TODAY
        )


def test_the_page_records_a_status_and_shows_the_grid(client, world, cohort):
    graduate = trainee(world, cohort)
    trainee(world, cohort, status="failed")  # not in the grid
    client.force_login(world.officer_a)
    page = f"/cohorts/{cohort.pk}/tracer/"
    body = {"enrollment": graduate.pk, "months_after": 6, "status": "self_employed",
            "sector": "I", "checked_on": TODAY.isoformat()}  # fmt: skip
    assert client.post(page, body).status_code == 302
    html = client.get(page).content.decode()
    assert f"tracer-row-{graduate.pk}" in html and html.count('data-testid="tracer-row-') == 1
    assert client.post(page, {**body, "enrollment": "abc"}).status_code == 400
    assert client.post(page, {**body, "sector": ""}).status_code == 400


def test_the_grid_shows_a_placement_where_no_status_was_recorded(client, world, cohort):
    graduate = trainee(world, cohort)
    # Started work 4 months after the cohort: the 6-month point, not the 3-month one.
    start = cohort.end_date + datetime.timedelta(days=120)
    factories.placement(factories.vacancy(world.company_a), graduate.job_seeker, start_date=start)
    client.force_login(world.trainer_a)
    html = client.get(f"/cohorts/{cohort.pk}/tracer/").content.decode()

    def cell(months: int) -> str:
        marker = f'data-testid="tracer-cell-{graduate.pk}-{months}">'
        return html.split(marker)[1].split("</td>")[0]

    assert cell(3) == "—"
    assert "penempatan" in cell(6) and "penempatan" in cell(12)  # "employed (placement)"


# ------------------------------------------------------------------------------ files

HEADER = ["NIK", "Bulan", "Status", "KBLI", "Tanggal"]


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # Indonesian Excel's CSV
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _send(client, cohort, data: bytes, name: str, *, dry_run=False):
    body = {"file": SimpleUploadedFile(name, data)}
    if dry_run:
        body["dry_run"] = "on"
    return client.post(f"/cohorts/{cohort.pk}/tracer/upload/", body)


@pytest.mark.parametrize(("make", "name"), [(_xlsx, "pelacakan.xlsx"), (_csv, "pelacakan.csv")])
def test_a_file_with_one_bad_row_saves_nothing_and_names_every_error(
    client, world, cohort, make, name
):
    graduates = [trainee(world, cohort) for _ in range(3)]
    failed = trainee(world, cohort, status="failed")
    day = (cohort.end_date + datetime.timedelta(days=95)).strftime("%d-%m-%Y")
    rows = [
        [graduates[0].job_seeker.nik, "3", "bekerja", "", day],
        [graduates[1].job_seeker.nik, "3", "wirausaha", "", day],  # no sector
        [failed.job_seeker.nik, "3", "bekerja", "", day],  # did not complete
        [graduates[2].job_seeker.nik, "5", "kuliah", "", day],  # no such point
        ["3672000000000000", "3", "bekerja", "", day],  # not in the cohort
    ]
    client.force_login(world.trainer_a)
    response = _send(client, cohort, make(rows), name)
    assert response.status_code == 400
    errors = {(e.row, e.column) for e in response.context["errors"]}
    assert errors == {(3, "KBLI"), (4, "NIK"), (5, "Bulan"), (6, "NIK")}
    assert not GraduateStatus.objects.exists()


@pytest.mark.parametrize(("make", "name"), [(_xlsx, "pelacakan.xlsx"), (_csv, "pelacakan.csv")])
def test_a_good_file_is_checked_then_saved_and_again_changes_nothing(
    client, world, cohort, make, name
):
    graduates = [trainee(world, cohort) for _ in range(2)]
    day = (cohort.end_date + datetime.timedelta(days=95)).isoformat()
    rows = [
        [graduates[0].job_seeker.nik, "3", "Wirausaha", "G", day],
        [graduates[1].job_seeker.nik, "3", "tidak bekerja", "", day],
        [graduates[1].job_seeker.nik, "6", "bekerja", "", TODAY.isoformat()],
    ]
    client.force_login(world.officer_a)
    checked = _send(client, cohort, make(rows), name, dry_run=True)
    assert checked.status_code == 200
    assert checked.context["result"].created == 3
    assert not GraduateStatus.objects.exists()
    assert _send(client, cohort, make(rows), name).status_code == 302
    assert GraduateStatus.objects.count() == 3
    again = _send(client, cohort, make(rows), name, dry_run=True)
    assert again.context["result"].unchanged == 3


def test_an_unreadable_file_is_refused_whole_and_each_upload_is_logged_once(
    client, world, cohort, caplog
):
    client.force_login(world.trainer_a)
    with caplog.at_level("INFO", logger="vokasi.imports"):
        response = _send(client, cohort, b"\x00\x01 not a table", "pelacakan.xlsx")
        assert response.status_code in (400, 415) and response.context["file_error"]
        day = (cohort.end_date + datetime.timedelta(days=95)).strftime("%d-%m-%Y")
        rows = [[trainee(world, cohort).job_seeker.nik, "3", "bekerja", "", day]]
        assert _send(client, cohort, _csv(rows), "pelacakan.csv").status_code == 302
    lines = [r for r in caplog.records if getattr(r, "import", None) == "tracer"]
    assert [(r.status, r.cohort_id) for r in lines] == [
        (response.status_code, cohort.pk),
        (200, cohort.pk),
    ]
    assert GraduateStatus.objects.count() == 1
