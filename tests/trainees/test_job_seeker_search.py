"""The job-seeker list's search: any word or fragment of the name, the NIK, the AK/I number."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.trainees.language import english  # noqa: F401
from trainees.models import JobSeeker
from trainees.selectors.job_seekers import job_seeker_search

pytestmark = pytest.mark.django_db

URL = "trainees:job-seeker-list"


@pytest.fixture
def officer(client, world):
    client.force_login(world.officer_a)
    return client


@pytest.fixture
def people(world):
    return {
        "siti": factories.job_seeker(world.office_a, name="Siti Rahmawati", sex="P"),
        "rahmat": factories.job_seeker(world.office_a, name="Rahmat Hidayat"),
        "dewi": factories.job_seeker(world.office_a, name="Dewi Sartika", sex="P"),
        "other": factories.job_seeker(world.office_b, name="Rina Rahmawati", sex="P"),
    }


def found(officer, q: str) -> str:
    return officer.get(reverse(URL), {"q": q}).content.decode()


def search(user, q: str) -> set[str]:
    return {p.name for p in job_seeker_search(JobSeeker.objects.visible_to(user), q)}


def test_a_last_name_finds_the_person(officer, people):
    html = found(officer, "rahmawati")
    assert "Siti Rahmawati" in html
    assert "Rahmat Hidayat" not in html and "Dewi Sartika" not in html


def test_another_offices_namesake_is_not_found(officer, people):
    assert "Rina Rahmawati" not in found(officer, "rahmawati")


def test_any_fragment_and_any_order_and_any_case(world, people):
    officer = world.officer_a
    assert search(officer, "RAHMA") == {"Siti Rahmawati", "Rahmat Hidayat"}
    assert search(officer, "awat") == {"Siti Rahmawati"}
    assert search(officer, "rahmawati siti") == {"Siti Rahmawati"}
    assert search(officer, "  sItI   rAhMa ") == {"Siti Rahmawati"}
    assert search(officer, "dewi rahma") == set()


def test_initials_match_the_start_of_the_name_and_of_words(world, people):
    officer = world.officer_a
    assert search(officer, "s r") == {"Siti Rahmawati"}
    assert search(officer, "sartika d") == {"Dewi Sartika"}


def test_the_whole_nik_or_a_fragment_of_it(officer, people):
    siti = people["siti"]
    assert "Siti Rahmawati" in found(officer, siti.nik)
    html = found(officer, siti.nik[6:12])  # the birth date part
    assert "Siti Rahmawati" in html
    # A NIK typed with spaces or dots is the same NIK.
    spaced = f"{siti.nik[:4]} {siti.nik[4:8]}.{siti.nik[8:]}"
    assert "Siti Rahmawati" in found(officer, spaced)


def test_searching_by_nik_never_shows_it_unmasked(officer, people):
    siti = people["siti"]
    html = found(officer, siti.nik)
    assert "Siti Rahmawati" in html
    # Only the query the officer typed comes back (the search box, the page's own URL).
    echoed = html.replace(f'value="{siti.nik}"', "").replace(f"q={siti.nik}", "")
    assert siti.nik not in echoed
    assert siti.masked_nik in html


def test_the_aki_number_whole_or_its_running_number(officer, people):
    dewi = people["dewi"]
    assert "Dewi Sartika" in found(officer, dewi.registration_number)
    html = found(officer, dewi.registration_number.split("-")[-1])
    assert "Dewi Sartika" in html
    assert "Dewi Sartika" in found(officer, "-".join(dewi.registration_number.split("-")[1:]))


def test_no_match_says_so(officer, people):
    html = found(officer, "Zulkarnain")
    assert "No job seeker matches “Zulkarnain”." in html
    assert 'data-testid="no-match"' in html


def test_no_match_message_is_in_indonesian_by_default(client, world, people, settings):
    settings.LANGUAGE_CODE = "id"
    client.force_login(world.officer_a)
    html = client.get(reverse(URL), {"q": "Zulkarnain"}).content.decode()
    assert "Tidak ada pencari kerja yang cocok dengan “Zulkarnain”." in html


def test_punctuation_only_finds_nobody_and_an_empty_search_lists_everyone(officer, people):
    assert "No job seeker matches “!!!”." in found(officer, "!!!")
    html = found(officer, "")
    assert "Siti Rahmawati" in html and "Dewi Sartika" in html
    assert 'data-testid="no-match"' not in html


def test_a_search_runs_a_bounded_number_of_queries(officer, world, django_assert_max_num_queries):
    for n in range(60):
        factories.job_seeker(world.office_a, name=f"Budi Rahmawan {n}")
    with django_assert_max_num_queries(12):
        response = officer.get(reverse(URL), {"q": "rahmawan", "page": 2})
    assert response.status_code == 200


def test_the_filter_options_are_read_with_one_plain_select_each(officer, world):
    """No server-side cursor (DECLARE, FETCH, CLOSE on PostgreSQL) for a short list of
    kecamatan, education levels or skills; the options are all there."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vokasi.models import EducationLevel, Skill

    with CaptureQueriesContext(connection) as queries:
        response = officer.get(reverse(URL), {"q": "rahmawati"})
    html = response.content.decode()
    sql = [query["sql"] for query in queries.captured_queries]
    assert not [statement for statement in sql if "DECLARE" in statement.upper()]
    assert sum('"vokasi_skill"' in statement for statement in sql) == 1
    for skill in Skill.objects.all():
        assert f'<option value="{skill.pk}">' in html
    for level in EducationLevel.objects.all():
        assert f'<option value="{level.pk}">' in html


def test_a_nik_typed_in_full_width_digits_finds_the_person(world):
    from trainees.models import JobSeeker
    from trainees.selectors.job_seekers import job_seeker_search

    person = factories.job_seeker(world.office_a)
    wide = "".join(chr(ord("０") + int(d)) for d in person.nik)
    found = job_seeker_search(JobSeeker.objects.visible_to(world.officer_a), wide)
    assert list(found) == [person]
