"""GET /api/v1/public/vacancies/ and /{id}/: the public board for programs, no key.

Exactly the contract's fields, only open vacancies within their dates, every filter,
paging, the per-address rate limit, and hostile input that never reaches a 500.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from placements.models import Vacancy
from tests import factories
from vokasi.auth import api_key_issue
from vokasi.models import Company, Sector

pytestmark = pytest.mark.django_db

URL = "/api/v1/public/vacancies/"
TODAY = timezone.localdate()
FIELDS = {
    "id",
    "title",
    "company_name",
    "sector",
    "occupation",
    "skills",
    "openings",
    "education_min",
    "region",
    "wage_min",
    "wage_max",
    "employment_type",
    "closes_on",
    "how_to_apply",
}


@pytest.fixture
def board(world):
    """An open vacancy of A (with a channel of its own), one of B, and ones not on the board."""
    factories.labour_office(
        "3674", "36.74", name="Disnaker Kota Tangerang Selatan", address="Jl. Maruga 1"
    )
    world.office_a.address = "Jl. Jenderal Sudirman No. 2"
    world.office_a.save()
    welder = factories.vacancy(
        world.company_a,
        title="Welder SMAW",
        description="Pengelasan pipa di pabrik baja.",
        external_ref="HR-SECRET-1",
        required_skills=["LAS-SMAW"],
        preferred_skills=["LAS-SMAW3G"],
        how_to_apply="hrd@bajaselatsunda.co.id",
        opens_on=TODAY - datetime.timedelta(days=1),
    )
    forklift = factories.vacancy(
        world.company_b,
        title="Operator Forklift",
        occupation_id="8344",
        required_skills=["ABT-FORKLIFT"],
        education_min_id="smp",
        region_id="36.72.02",
        opens_on=TODAY - datetime.timedelta(days=5),
    )
    hidden = {
        "submitted": factories.vacancy(world.company_a, title="Welder Hidden", status="submitted"),
        "rejected": factories.vacancy(world.company_a, title="Welder Hidden", status="rejected"),
        "closed": factories.vacancy(
            world.company_a, title="Welder Hidden", status="closed", close_reason="cancelled"
        ),
        "filled": factories.vacancy(
            world.company_a, title="Welder Hidden", status="filled", close_reason="filled"
        ),
        "past_closing": factories.vacancy(
            world.company_a,
            title="Welder Hidden",
            opens_on=TODAY - datetime.timedelta(days=60),
            closes_on=TODAY - datetime.timedelta(days=1),
        ),
        "not_yet_open": factories.vacancy(
            world.company_a,
            title="Welder Hidden",
            opens_on=TODAY + datetime.timedelta(days=2),
            closes_on=TODAY + datetime.timedelta(days=30),
        ),
    }
    return {"welder": welder, "forklift": forklift, "hidden": hidden}


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_anyone_reads_the_board_without_a_key(client, board):
    response = client.get(URL)
    assert response.status_code == 200
    assert ids(response) == [board["welder"].pk, board["forklift"].pk]  # newest first
    assert response["Cache-Control"] == "public, max-age=60"
    assert "sessionid" not in response.cookies


def test_each_vacancy_has_exactly_the_contracts_fields(client, board):
    row = client.get(URL).json()["results"][0]
    assert set(row) == FIELDS
    assert row == {
        "id": board["welder"].pk,
        "title": "Welder SMAW",
        "company_name": "PT Baja Selat Sunda",
        "sector": {"code": "C", "name": Sector.objects.get(code="C").name},
        "occupation": {"code": "7212", "name": board["welder"].occupation.name},
        "skills": [
            {"code": "LAS-SMAW", "name": row["skills"][0]["name"], "required": True},
            {"code": "LAS-SMAW3G", "name": row["skills"][1]["name"], "required": False},
        ],
        "openings": 3,
        "education_min": "smk",
        "region": {"code": "36.72.04", "name": "Ciwandan"},
        "wage_min": 5_100_000,
        "wage_max": 6_000_000,
        "employment_type": "pkwt",
        "closes_on": board["welder"].closes_on.isoformat(),
        "how_to_apply": row["how_to_apply"],
    }
    assert "HR-SECRET-1" not in str(client.get(URL).content)


def test_how_to_apply_names_the_office_of_the_workplace_city_and_the_companys_channel(
    client, board
):
    text = client.get(f"{URL}{board['welder'].pk}/", HTTP_ACCEPT_LANGUAGE="id").json()[
        "how_to_apply"
    ]
    assert "Disnaker Kota Cilegon, Jl. Jenderal Sudirman No. 2" in text
    assert "kartu AK/I" in text
    assert "hrd@bajaselatsunda.co.id" in text
    other = client.get(f"{URL}{board['forklift'].pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert "Disnaker Kota Cilegon" in other["how_to_apply"]
    assert "AK/I card" in other["how_to_apply"]
    assert "directly to the company" not in other["how_to_apply"]


def test_a_key_or_a_session_does_not_change_what_is_shown(client, board, world):
    anonymous = client.get(URL).json()
    _key, raw = api_key_issue(user=world.employer_a, name="board")
    with_key = Client(HTTP_AUTHORIZATION=f"Token {raw}").get(URL).json()
    bad_key = Client(HTTP_AUTHORIZATION="Token vk_not-a-key").get(URL)
    logged_in = Client()
    logged_in.force_login(world.officer_a)
    assert with_key == anonymous == logged_in.get(URL).json()
    assert bad_key.status_code == 200 and bad_key.json() == anonymous


@pytest.mark.parametrize(
    "status", ["submitted", "rejected", "closed", "filled", "past_closing", "not_yet_open"]
)
def test_a_vacancy_not_on_the_board_is_not_found_and_not_listed(client, board, status):
    vacancy = board["hidden"][status]
    assert client.get(f"{URL}{vacancy.pk}/").status_code == 404
    assert vacancy.pk not in ids(client.get(URL))
    assert vacancy.pk not in ids(client.get(URL, {"q": "hidden"}))


def test_an_unknown_or_huge_id_is_not_found(client, board):
    for pk in ["0", "99999999", "99999999999999999999999"]:
        assert client.get(f"{URL}{pk}/").status_code == 404
    assert client.get(f"{URL}-1/").status_code == 404
    assert client.get(f"{URL}abc/").status_code == 404


def test_words_are_found_in_title_description_and_company_name(client, board):
    welder, forklift = board["welder"].pk, board["forklift"].pk
    assert ids(client.get(URL, {"q": "welder"})) == [welder]
    assert ids(client.get(URL, {"q": "PIPA baja"})) == [welder]  # description, any case
    assert ids(client.get(URL, {"q": "merak"})) == [forklift]  # company name
    assert ids(client.get(URL, {"q": "welder merak"})) == []  # every word must be found
    assert ids(client.get(URL, {"q": "   "})) == [welder, forklift]


def test_skill_filter_finds_required_and_preferred_skills(client, board):
    assert ids(client.get(URL, {"skill": "LAS-SMAW"})) == [board["welder"].pk]
    assert ids(client.get(URL, {"skill": "LAS-SMAW3G"})) == [board["welder"].pk]
    assert ids(client.get(URL, {"skill": "ABT-FORKLIFT"})) == [board["forklift"].pk]


def test_region_filter_is_the_workplace_kecamatan(client, board):
    assert ids(client.get(URL, {"region": "36.72.02"})) == [board["forklift"].pk]
    assert ids(client.get(URL, {"region": "36.72.08"})) == []


def test_education_filter_keeps_vacancies_whose_minimum_is_at_most_that_level(client, board):
    no_minimum = factories.vacancy(board["welder"].company, title="Helper", education_min_id=None)
    welder, forklift = board["welder"].pk, board["forklift"].pk
    assert set(ids(client.get(URL, {"education": "sd"}))) == {no_minimum.pk}
    assert set(ids(client.get(URL, {"education": "smp"}))) == {no_minimum.pk, forklift}
    # SMA and SMK are one level: an SMA graduate may apply where SMK is the minimum.
    assert set(ids(client.get(URL, {"education": "sma"}))) == {no_minimum.pk, forklift, welder}
    assert set(ids(client.get(URL, {"education": "s1"}))) == {no_minimum.pk, forklift, welder}


def test_sector_filter_takes_a_kbli_category_or_a_code_prefix(client, board, world):
    Company.objects.filter(pk=world.company_b.pk).update(sector=Sector.objects.get(code="H"))
    steel = Sector.objects.filter(code__startswith="24").order_by("code").first()
    Company.objects.filter(pk=world.company_a.pk).update(sector=steel)
    welder, forklift = board["welder"].pk, board["forklift"].pk
    assert ids(client.get(URL, {"sector": "H"})) == [forklift]
    assert ids(client.get(URL, {"sector": "h"})) == [forklift]
    assert ids(client.get(URL, {"sector": "24"})) == [welder]
    assert ids(client.get(URL, {"sector": steel.code})) == [welder]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("skill", "NO-SUCH-SKILL"),
        ("region", "36.72"),  # a city, not a kecamatan
        ("region", "abc"),
        ("education", "phd"),
        ("sector", "2.421"),
        ("sector", "Z"),
        ("sector", "123456"),
        ("q", "x" * 201),
    ],
)
def test_bad_filters_answer_400_naming_the_field(client, board, name, value):
    response = client.get(URL, {name: value})
    assert response.status_code == 400
    assert name in response.json()


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "skill=%00",
        "q=%27%3B+DROP+TABLE+placements_vacancy%3B--",
        "q=%25%25%25_",
        "q=%F0%9F%94%A5+las",
        "page=99999999999999999999999",
        "page=-1",
        "page=abc",
        "page_size=-5",
        "page_size=99999999999999999999",
        "q=" + "a+" * 300,
        "region=36.72.04&region=36.72.02",
    ],
)
def test_hostile_query_strings_never_reach_a_500(client, board, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code in (200, 400, 404), (query, response.status_code)


def test_paging_follows_the_contract_with_a_stable_order(client, board, world):
    for n in range(5):
        factories.vacancy(world.company_a, title=f"Fitter {n}", opens_on=TODAY)
    everything = ids(client.get(URL, {"page_size": 100}))
    first = client.get(URL, {"page_size": 3}).json()
    assert first["count"] == 7 and len(first["results"]) == 3
    assert first["previous"] is None and "page=2" in first["next"]
    pages = [row["id"] for row in first["results"]]
    pages += ids(client.get(URL, {"page_size": 3, "page": 2}))
    pages += ids(client.get(URL, {"page_size": 3, "page": 3}))
    assert pages == everything
    assert client.get(URL, {"page_size": 3, "page": 4}).status_code == 404


def test_the_list_answers_in_a_fixed_number_of_queries(
    client, board, world, django_assert_max_num_queries
):
    for n in range(10):
        factories.vacancy(world.company_b, title=f"Rigger {n}", preferred_skills=["LAS-SMAW3G"])
    with django_assert_max_num_queries(7):
        assert len(ids(client.get(URL))) == 12


@override_settings(VOKASI_PUBLIC_RATE="3/minute")
def test_each_address_is_rate_limited_with_retry_after(board):
    here = Client(REMOTE_ADDR="203.0.113.7")
    codes = [here.get(URL).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = here.get(f"{URL}{board['welder'].pk}/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    # The page shares the count.
    assert here.get("/lowongan/").status_code == 429
    # Another address has its own count.
    assert Client(REMOTE_ADDR="203.0.113.8").get(URL).status_code == 200


@override_settings(VOKASI_PUBLIC_RATE="2/minute")
def test_a_forged_forwarded_for_does_not_escape_the_limit(board):
    codes = [
        Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        .get(URL)
        .status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]


@override_settings(VOKASI_PUBLIC_RATE="2/minute", AXES_IPWARE_PROXY_COUNT=1)
def test_behind_our_proxy_the_client_address_is_the_one_the_proxy_saw(board):
    def ask(forwarded: str) -> int:
        proxy = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
        return proxy.get(URL).status_code

    # A client cannot choose its address by writing the header itself: the last entry
    # is the one our proxy appended.
    assert [ask(f"1.1.1.{n}, 203.0.113.20") for n in range(3)] == [200, 200, 429]
    assert ask("203.0.113.21") == 200


def test_the_rate_limit_counts_ipv6_clients_by_their_64(board):
    with override_settings(VOKASI_PUBLIC_RATE="2/minute"):
        codes = [Client(REMOTE_ADDR=f"2001:db8:1:2::{n}").get(URL).status_code for n in range(1, 4)]
    assert codes == [200, 200, 429]


def test_an_open_vacancy_of_an_unverified_company_is_shown_like_any_open_one(client, world):
    # Publication is the vacancy's status: the office published it (open), so it is public.
    world.company_a.status = Company.Status.UNVERIFIED
    world.company_a.save()
    vacancy = factories.vacancy(world.company_a, status=Vacancy.Status.OPEN)
    assert client.get(f"{URL}{vacancy.pk}/").status_code == 200
