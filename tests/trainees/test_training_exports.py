"""The cohort list and a cohort's roster download as the rows the page shows."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.exports import filename, no_formulas, read_csv, read_xlsx, workbook
from trainees.models import Cohort, TrainingResult
from vokasi.models import AccessLog

TODAY = timezone.localdate()


def test_the_cohort_list_exports_the_filtered_cohorts(client, world):
    programme = factories.programme(world.provider_a)
    march = factories.cohort(
        programme, name="=Angkatan Maret", start_date=datetime.date(2027, 3, 1)
    )
    factories.cohort(
        programme, name="Angkatan Juli", start_date=datetime.date(2027, 7, 1), status="planned"
    )
    client.force_login(world.trainer_a)
    response = client.get("/cohorts/", {"status": march.status, "format": "xlsx"})
    assert filename(response) == f"angkatan-{TODAY:%Y-%m-%d}.xlsx"
    rows = read_xlsx(response)
    assert [row[0] for row in rows[1:]] == [march.pk]
    header = list(rows[0])
    assert header[:2] == ["Id", "Angkatan"]
    assert "Terdaftar / kuota" not in header  # the page's "12 / 16" becomes two numbers
    row = rows[1]
    assert row[1] == "'=Angkatan Maret"
    assert isinstance(row[4], datetime.datetime)  # start date
    assert (row[header.index("Kuota")], row[header.index("Terdaftar")]) == (march.quota, 0)
    no_formulas(workbook(response))


@pytest.fixture
def roster(world):
    cohort = factories.cohort(factories.programme(world.provider_a), status=Cohort.Status.RUNNING)
    mine = factories.enrollment(cohort, factories.job_seeker(world.office_a, name="+62 Budi"))
    TrainingResult.objects.create(
        enrollment=mine, outcome="completed", attendance_pct=92.5, score=81
    )
    theirs = factories.enrollment(cohort, factories.job_seeker(world.office_b))
    return cohort, mine, theirs


def test_a_roster_exports_its_trainees_masked_and_logged(client, world, roster):
    cohort, mine, theirs = roster
    client.force_login(world.trainer_a)
    response = client.get(f"/cohorts/{cohort.pk}/", {"format": "csv"})
    assert filename(response).startswith("peserta-")
    lines = read_csv(response)
    names = {line[1] for line in lines[1:]}
    assert names == {"'+62 Budi", theirs.job_seeker.name}
    nik = mine.job_seeker.nik
    assert f"{nik[:4]}********{nik[-4:]}" in {line[2] for line in lines[1:]}
    budi = next(line for line in lines[1:] if line[1] == "'+62 Budi")
    assert budi[6] == "92,5"  # decimal comma for Indonesian Excel
    entry = AccessLog.objects.get()
    assert (entry.target, entry.object_id, entry.people) == ("cohort: roster", str(cohort.pk), 2)


def test_an_officer_exports_only_the_trainees_of_its_office(client, world, roster):
    cohort, _mine, theirs = roster
    client.force_login(world.officer_b)
    rows = read_xlsx(client.get(f"/cohorts/{cohort.pk}/", {"format": "xlsx"}))
    assert [row[0] for row in rows[1:]] == [theirs.job_seeker.registration_number]


def test_another_provider_gets_404_for_the_roster_file(client, world, roster):
    cohort, _mine, _theirs = roster
    client.force_login(world.trainer_b)
    assert client.get(f"/cohorts/{cohort.pk}/", {"format": "xlsx"}).status_code == 404
    assert not AccessLog.objects.exists()
