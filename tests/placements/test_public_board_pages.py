"""/lowongan/ and /lowongan/<id>/: the public board's pages, for anyone, in Indonesian."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

URL = "/lowongan/"
TODAY = timezone.localdate()


@pytest.fixture
def board(world):
    world.office_a.address = "Jl. Jenderal Sudirman No. 2"
    world.office_a.save()
    welder = factories.vacancy(
        world.company_a,
        title="Welder SMAW",
        external_ref="HR-SECRET-1",
        how_to_apply="hrd@bajaselatsunda.co.id",
    )
    forklift = factories.vacancy(
        world.company_b, title="Operator Forklift", region_id="36.72.02", education_min_id="smp"
    )
    submitted = factories.vacancy(world.company_a, title="Welder Submitted", status="submitted")
    expired = factories.vacancy(
        world.company_a,
        title="Welder Expired",
        opens_on=TODAY - datetime.timedelta(days=40),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    return {"welder": welder, "forklift": forklift, "submitted": submitted, "expired": expired}


def test_anyone_sees_the_open_vacancies_in_indonesian(client, board):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lowongan kerja" in html
    assert "Welder SMAW" in html and "Operator Forklift" in html
    assert "Welder Submitted" not in html and "Welder Expired" not in html
    assert "HR-SECRET-1" not in html
    # No session for a visitor; the security headers hold; a browser may keep it a minute.
    assert "sessionid" not in response.cookies
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cache-Control"] == "private, max-age=60"


def test_english_is_available(client, board):
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Job vacancies" in html


def test_search_by_words_and_kecamatan(client, board):
    html = client.get(URL, {"q": "forklift", "region": "36.72.02"}).content.decode()
    assert "Operator Forklift" in html and "Welder SMAW" not in html
    html = client.get(URL, {"q": "welder", "region": "36.72.02"}).content.decode()
    assert "Welder SMAW" not in html
    assert "Tidak ada lowongan terbuka yang cocok" in html


def test_the_vacancy_page_says_how_to_apply(client, board):
    response = client.get(f"{URL}{board['welder'].pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cara melamar" in html
    assert "Disnaker Kota Cilegon, Jl. Jenderal Sudirman No. 2" in html
    assert "kartu AK/I" in html
    assert "hrd@bajaselatsunda.co.id" in html
    assert "HR-SECRET-1" not in html
    # Nothing leads into the logged-in pages of the vacancy or its company.
    assert f"/vacancies/{board['welder'].pk}/" not in html
    assert "/api-keys/" not in html


@pytest.mark.parametrize("which", ["submitted", "expired"])
def test_a_vacancy_not_on_the_board_has_no_page(client, board, which):
    response = client.get(f"{URL}{board[which].pk}/")
    assert response.status_code == 404
    assert board[which].title not in response.content.decode()


def test_a_bad_search_answers_400_with_the_page_and_a_message(client, board):
    response = client.get(URL, {"skill": "abc", "sector": "2.421"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pencarian tidak dapat dibaca" in html
    assert "Welder SMAW" not in html


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "page=99999999999999999999999",
        "page=-3",
        "page=abc",
        "q=%3Cscript%3Ealert(1)%3C/script%3E",
        "education=%27+OR+1%3D1",
        "region=" + "9" * 40,
    ],
)
def test_hostile_query_strings_never_reach_a_500(client, board, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code in (200, 400), (query, response.status_code)
    assert b"<script>alert(1)" not in response.content


def test_only_reading_is_offered(client, board):
    assert client.post(URL, {}).status_code in (403, 405)
    assert client.head(URL).status_code == 200


def test_the_pages_go_from_page_to_page(client, board, world):
    for n in range(25):
        factories.vacancy(world.company_a, title=f"Fitter {n:02d}")
    first = client.get(URL).content.decode()
    assert "halaman 1 dari 2" in first
    second = client.get(URL, {"page": 2}).content.decode()
    assert "halaman 2 dari 2" in second


def test_the_login_page_and_the_header_lead_to_the_board(client, board):
    html = client.get("/login/").content.decode()
    assert 'href="/lowongan/"' in html
    assert "Lihat lowongan kerja" in html


def test_a_logged_in_user_sees_the_same_board(client, board, world):
    client.force_login(world.employer_b)
    html = client.get(URL).content.decode()
    assert "Welder SMAW" in html and "Welder Submitted" not in html


@override_settings(VOKASI_PUBLIC_RATE="2/minute")
def test_too_many_pages_answer_429_with_a_friendly_page(board):
    here = Client(REMOTE_ADDR="203.0.113.30")
    assert [here.get(URL).status_code for _ in range(2)] == [200, 200]
    refused = here.get(f"{URL}{board['welder'].pk}/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert "Terlalu banyak permintaan" in refused.content.decode()
    assert "Welder SMAW" not in refused.content.decode()
