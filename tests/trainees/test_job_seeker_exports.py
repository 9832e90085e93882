"""The job-seeker list downloads exactly what its filters show, typed and formula-safe."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.exports import HOSTILE, filename, no_formulas, read_csv, read_xlsx, workbook
from vokasi.models import AccessLog

URL = "/job-seekers/"


@pytest.fixture
def people(world):
    women = [factories.job_seeker(world.office_a, sex="P") for _ in range(3)]
    men = [factories.job_seeker(world.office_a, sex="L") for _ in range(2)]
    hostile = [factories.job_seeker(world.office_a, sex="P", name=name) for name in HOSTILE]
    elsewhere = factories.job_seeker(world.office_b, sex="P")
    return women, men, hostile, elsewhere


def test_the_csv_holds_exactly_the_filtered_rows(client, world, people):
    women, _men, hostile, elsewhere = people
    client.force_login(world.officer_a)
    response = client.get(URL, {"sex": "P", "format": "csv"})
    assert response.status_code == 200
    lines = read_csv(response)
    header, rows = lines[0], lines[1:]
    assert header[:4] == ["Id", "nomor AK/I", "Nama", "NIK"]
    ids = {int(row[0]) for row in rows}
    assert ids == {p.pk for p in women + hostile}  # no men, nobody of office B
    assert elsewhere.pk not in ids
    person = women[0]
    row = next(row for row in rows if int(row[0]) == person.pk)
    assert row[3] == f"{person.nik[:4]}********{person.nik[-4:]}"  # masked as on the page
    assert row[8] == person.registered_on.isoformat()


def test_the_workbook_has_the_filtered_rows_with_typed_cells(client, world, people):
    men = people[1]
    client.force_login(world.officer_a)
    response = client.get(URL, {"sex": "L", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = read_xlsx(response)
    assert rows[0][0] == "Id"
    assert {row[0] for row in rows[1:]} == {p.pk for p in men}
    sheet = workbook(response).active
    id_cell, age_cell, date_cell = sheet["A2"], sheet["F2"], sheet["I2"]
    assert isinstance(id_cell.value, int) and id_cell.number_format == "0"
    assert isinstance(date_cell.value, datetime.datetime)  # a date, not text
    assert isinstance(age_cell.value, int)


def test_hostile_names_are_never_formulas(client, world, people):
    client.force_login(world.officer_a)
    lines = read_csv(client.get(URL, {"format": "csv"}))
    names = {row[2] for row in lines[1:]}
    for name in HOSTILE:
        assert "'" + name in names
        assert name not in names
    response = client.get(URL, {"format": "xlsx"})
    book = workbook(response)
    no_formulas(book)
    cells = {row[2] for row in read_xlsx(response)[1:]}
    assert {"'" + name for name in HOSTILE} <= cells


def test_file_names_follow_the_language(client, world, people):
    client.force_login(world.officer_a)
    today = timezone.localdate().isoformat()
    assert filename(client.get(URL, {"format": "xlsx"})) == f"pencari-kerja-{today}.xlsx"
    client.cookies["django_language"] = "en"
    english = client.get(URL, {"format": "csv"})
    assert filename(english) == f"job-seekers-{today}.csv"
    lines = read_csv(english, delimiter=",")
    assert lines[0][:3] == ["Id", "AK/I number", "Name"]


def test_another_offices_officer_never_gets_these_rows(client, world, people):
    elsewhere = people[3]
    client.force_login(world.officer_b)
    ids = {int(row[0]) for row in read_csv(client.get(URL, {"format": "csv"}))[1:]}
    assert ids == {elsewhere.pk}


def test_each_export_is_written_to_the_access_log(client, world, people):
    client.force_login(world.officer_a)
    client.get(URL, {"sex": "P", "format": "xlsx"})
    entry = AccessLog.objects.get()
    assert entry.action == "export"
    assert entry.people == 7  # three women and four with hostile names
    assert "sex=P" in entry.filters
    assert entry.user == world.officer_a


def test_trainers_and_employers_get_no_file(client, world, people):
    for user in (world.trainer_a, world.employer_a):
        client.force_login(user)
        assert client.get(URL, {"format": "csv"}).status_code == 403
    assert not AccessLog.objects.exists()


def test_the_page_links_to_the_downloads_with_its_filters(client, world, people):
    client.force_login(world.officer_a)
    page = client.get(URL, {"sex": "P", "page": "1"}).content.decode()
    assert 'href="?sex=P&amp;format=xlsx"' in page
    assert 'href="?sex=P&amp;format=csv"' in page


def test_the_download_runs_a_bounded_number_of_queries(
    client, world, people, django_assert_max_num_queries
):
    for _ in range(30):
        factories.job_seeker(world.office_a)
    client.force_login(world.officer_a)
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"format": "xlsx"})
    assert len(read_xlsx(response)) == 1 + 3 + 2 + len(HOSTILE) + 30
