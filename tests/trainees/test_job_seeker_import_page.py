"""The import page: dry run, errors on the page and as a download, then the real import."""

from __future__ import annotations

import base64
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.trainees.test_job_seeker_import import csv_bytes, person_row, xlsx_bytes
from trainees.models import JobSeeker

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, world):
    client.force_login(world.officer_a)
    return client


def post(client, data: bytes, name="daftar.csv", dry_run=False):
    form = {"file": SimpleUploadedFile(name, data)}
    if dry_run:
        form["dry_run"] = "1"
    return client.post(reverse("trainees:job-seeker-import"), form)


def test_a_dry_run_then_the_real_import(officer):
    data = xlsx_bytes([person_row(n) for n in range(1, 6)])
    html = post(officer, data, "list.xlsx", dry_run=True).content.decode()
    assert 'data-testid="created">5<' in html
    assert not JobSeeker.objects.exists()
    html = post(officer, data, "list.xlsx").content.decode()
    assert JobSeeker.objects.count() == 5
    html = post(officer, data, "list.xlsx").content.decode()
    assert 'data-testid="unchanged">5<' in html
    assert JobSeeker.objects.count() == 5


def test_errors_are_listed_and_downloadable_and_nothing_is_saved(officer):
    rows = [person_row(1), person_row(2, NIK="12345"), person_row(3, Pendidikan="??")]
    html = post(officer, csv_bytes(rows)).content.decode()
    assert 'data-testid="import-errors"' in html
    assert "12345" in html and "??" in html
    encoded = re.search(r'href="data:text/csv;base64,([^"]+)"', html).group(1)
    download = base64.b64decode(encoded).decode("utf-8-sig")
    assert "12345" in download and "Pendidikan" in download
    assert not JobSeeker.objects.exists()


def test_a_wrong_file_is_explained(officer):
    html = post(officer, b"\x89PNG\r\n\x1a\n\x00\x00", "foto.xlsx").content.decode()
    assert 'data-testid="file-error"' in html
    assert not JobSeeker.objects.exists()


def test_the_template_has_the_indonesian_headers(officer):
    response = officer.get(reverse("trainees:job-seeker-import-template"))
    text = response.content.decode("utf-8-sig")
    assert text.startswith("NIK;Nama;Tempat Lahir;Tanggal Lahir;Jenis Kelamin")


def test_after_an_import_the_new_ak1_numbers_are_listed_and_their_cards_print(officer, world):
    html = post(officer, xlsx_bytes([person_row(n) for n in range(1, 4)]), "list.xlsx").text
    people = list(JobSeeker.objects.order_by("registration_number"))
    assert len(people) == 3
    for person in people:
        assert person.registration_number in html
        assert f'href="/job-seekers/{person.pk}/card/"' in html
    cards_url = re.search(r'href="([^"]*)" data-testid="print-cards"', html).group(1)
    cards = officer.get(cards_url.replace("&amp;", "&"))
    assert cards.status_code == 200
    assert cards.text.count('data-testid="card-front"') == 3
    from vokasi.models import AccessLog

    [entry] = AccessLog.objects.filter(user=world.officer_a, action="view")
    assert entry.people == 3
    for person in people:
        assert person.registration_number in cards.text


def test_the_columns_are_named_in_the_users_language(officer):
    html = officer.get(reverse("trainees:job-seeker-import")).text
    assert "Tempat lahir" in html and "<code>birth_place</code>" in html
    english = officer.get(reverse("trainees:job-seeker-import"), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Place of birth" in english


@pytest.mark.parametrize("query", ["", "id=abc", "id=2.421", "id=other"])
def test_cards_of_people_not_of_the_office_are_refused(officer, world, query):
    from tests import factories

    stranger = factories.job_seeker(world.office_b)
    response = officer.get(
        reverse("trainees:job-seeker-cards") + "?" + query.replace("other", str(stranger.pk))
    )
    assert response.status_code == 302
    assert stranger.registration_number not in officer.get(response["Location"]).text


def test_a_post_without_a_file_is_refused_like_the_company_import(officer, world, client):
    response = officer.post(reverse("trainees:job-seeker-import"), {"dry_run": "1"})
    assert response.status_code == 400
    assert 'data-testid="file-error"' in response.content.decode()
    assert not JobSeeker.objects.exists()
    client.force_login(world.officer_a)
    refused = client.post(reverse("placements:company-import"), {"dry_run": "1"})
    assert refused.status_code == 400 and 'data-testid="file-error"' in refused.content.decode()
