"""The IPK tables of March 2026 for a hand-built office, worked out by hand.

Job seekers of office A (age on the registration day):
- a  L 25  registered January, still active            -> 20-29 sisa lalu
- b  P 17  registered 5 March                          -> 15-19 terdaftar
- h  P 20  registered 5 March on her 20th birthday     -> 20-29 terdaftar
- i  P 19  registered 5 March, 20 the day after        -> 15-19 terdaftar
- c  L 35  registered 2025, placed 20 March (V2, KBLI H) -> 30-44 sisa lalu, ditempatkan
- d  P 45  registered 2025, card expired 31 March      -> 45-54 sisa lalu, dihapuskan
- e  L 66  registered 2 March, data error 20 March     -> 55+ terdaftar, dihapuskan
- f  registered in April, g ended in February, and office B's people: not counted.
Vacancies in Kota Cilegon (openings):
- V1 5 (SMK, KBJI 7, KBLI C) opened February; filled once in February and twice in March
- V2 4 (D3, KBJI 3, KBLI H) opened 3 March, filled once, closed 25 March: 3 removed
- V3 apprenticeship 2 (KBLI C) opened 1 March, one apprentice from 15 March
- V4 in Kota Serang: not counted for office A.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reports.ipk import ipk_tables
from reports.periods import Period
from reports.scope import scope_for
from tests import factories
from vokasi.models import Sector

D = datetime.date
MARCH = Period("month", 2026, 3)


def cell(table, key, split="total"):
    row = next(r for r in table.rows if r["key"] == key)
    c = row[split]
    return (c["sisa_lalu"], c["terdaftar"], c["ditempatkan"], c["dihapuskan"], c["sisa_akhir"])


@pytest.fixture
def office(world):
    o = world.office_a

    def person(sex, born, registered, **kw):
        return factories.job_seeker(o, sex=sex, birth_date=born, registered_on=registered, **kw)

    people = {
        "a": person("L", D(2000, 5, 10), D(2026, 1, 10)),
        "b": person("P", D(2008, 3, 20), D(2026, 3, 5)),
        "h": person("P", D(2006, 3, 5), D(2026, 3, 5)),
        "i": person("P", D(2006, 3, 6), D(2026, 3, 5)),
        "c": person("L", D(1990, 1, 1), D(2025, 6, 1), occupation_id="7212"),
        "d": person("P", D(1980, 2, 2), D(2025, 2, 3), education_id="sd"),
        "e": person("L", D(1960, 1, 1), D(2026, 3, 2)),
        "f": person("L", D(1999, 1, 1), D(2026, 4, 1)),
        "g": person("P", D(1999, 1, 1), D(2025, 1, 1)),
    }
    factories.job_seeker(world.office_b, registered_on=D(2026, 3, 3))
    factories.end_registration(people["c"], D(2026, 3, 20), "placed")
    factories.end_registration(people["d"], D(2026, 3, 31), "expired")
    factories.end_registration(people["e"], D(2026, 3, 20), "data_error")
    factories.end_registration(people["g"], D(2026, 2, 10), "moved")

    world.company_b.sector = Sector.objects.get(code="H")
    world.company_b.save()
    a, b = world.company_a, world.company_b
    v1 = factories.vacancy(a, openings=5, opens_on=D(2026, 2, 1), closes_on=D(2026, 4, 30))
    v2 = factories.vacancy(
        b,
        openings=4,
        education_min_id="d3",
        occupation_id="3113",
        opens_on=D(2026, 3, 3),
        closes_on=D(2026, 3, 31),
        closed_on=D(2026, 3, 25),
        status="closed",
        close_reason="cancelled",
    )
    v3 = factories.vacancy(
        a,
        kind="apprenticeship",
        employment_type="magang",
        duration_months=6,
        openings=2,
        opens_on=D(2026, 3, 1),
        closes_on=D(2026, 4, 30),
    )
    factories.vacancy(
        a, openings=9, region_id="36.73.01", opens_on=D(2026, 3, 1), closes_on=D(2026, 3, 30)
    )
    factories.placement_at(people["g"], a, vacancy=v1, start_date=D(2026, 2, 15))
    factories.placement_at(people["a"], a, vacancy=v1, start_date=D(2026, 3, 10))
    factories.placement_at(people["h"], a, vacancy=v1, start_date=D(2026, 3, 10), channel="akad")
    factories.placement_at(people["c"], b, vacancy=v2, start_date=D(2026, 3, 20))
    factories.apprenticeship_at(people["b"], a, vacancy=v3, start_date=D(2026, 3, 15))
    return people


def test_iii_1_counts_job_seekers_by_age_on_registration_and_sex(world, office):
    t = ipk_tables(MARCH, scope_for(world.officer_a))["III/1"]
    assert cell(t, "15-19", "P") == (0, 2, 0, 0, 2)
    assert cell(t, "20-29", "L") == (1, 0, 0, 0, 1)
    assert cell(t, "20-29", "P") == (0, 1, 0, 0, 1)
    assert cell(t, "30-44", "L") == (1, 0, 1, 0, 0)
    assert cell(t, "45-54", "P") == (1, 0, 0, 1, 0)
    assert cell(t, "55+", "L") == (0, 1, 0, 1, 0)
    total = t.total["total"]
    assert [
        total[k] for k in ("sisa_lalu", "terdaftar", "ditempatkan", "dihapuskan", "sisa_akhir")
    ] == [3, 4, 1, 2, 4]


def test_iii_2_and_iii_3_split_the_same_people_by_education_and_occupation(world, office):
    tables = ipk_tables(MARCH, scope_for(world.officer_a))
    assert cell(tables["III/2"], "sd") == (1, 0, 0, 1, 0)
    assert cell(tables["III/2"], "smk") == (2, 4, 1, 1, 4)
    assert cell(tables["III/3"], "7") == (1, 0, 1, 0, 0)
    assert cell(tables["III/3"], "-") == (2, 4, 0, 2, 4)  # occupation not stated


def test_iii_1_vacancies_count_openings_filled_and_removed(world, office):
    tables = ipk_tables(MARCH, scope_for(world.officer_a))
    assert cell(tables["III/1b"], "all", "LP") == (4, 6, 4, 3, 3)
    assert cell(tables["III/1b"], "all", "L") == (0, 0, 0, 0, 0)
    assert cell(tables["III/6"], "C") == (4, 2, 3, 0, 3)
    assert cell(tables["III/6"], "H") == (0, 4, 1, 3, 0)
    assert cell(tables["III/5"], "3") == (0, 4, 1, 3, 0)
    assert cell(tables["III/4"], "d3") == (0, 4, 1, 3, 0)


def test_iii_7_and_iii_8_break_down_the_ditempatkan_by_sector_channel_education_and_sex(
    world, office
):
    # c's registration ended as placed by the V2 placement (KBLI H, AKL); a's and h's
    # placements in V1 did not end a registration, so they are no IPK ditempatkan.
    tables = ipk_tables(MARCH, scope_for(world.officer_a))
    h = next(r for r in tables["III/7"].rows if r["key"] == "H")
    assert (h["L"]["ditempatkan"], tables["III/7"].total["total"]["ditempatkan"]) == (1, 1)
    assert tables["III/2"].total["total"]["ditempatkan"] == 1
    by_key = {r["key"]: r for r in tables["III/8"].rows}
    assert set(by_key) == {"akl:smk"}
    assert by_key["akl:smk"]["L"]["ditempatkan"] == 1


def test_a_registration_ended_as_placed_without_a_placement_is_not_stated(world, office):
    factories.end_registration(office["b"], D(2026, 3, 28), "placed")  # no placement
    tables = ipk_tables(MARCH, scope_for(world.officer_a))
    not_stated = next(r for r in tables["III/7"].rows if r["key"] == "-")
    assert not_stated["P"]["ditempatkan"] == 1
    assert tables["III/7"].total["total"]["ditempatkan"] == 2
    assert tables["III/2"].total["total"]["ditempatkan"] == 2


def test_an_admin_sees_every_office_and_may_pick_one(world, office):
    everyone = ipk_tables(MARCH, scope_for(world.admin))["III/1"].total["total"]["terdaftar"]
    assert everyone == 5
    picked = ipk_tables(MARCH, scope_for(world.admin, world.office_a.pk))["III/1"]
    assert picked.total["total"]["terdaftar"] == 4


def test_the_api_answers_the_contract_shape(api, world, office):
    response = api.as_user(world.officer_a).get("/api/v1/reports/ipk/", {"year": 2026, "month": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["period"]["code"] == "2026-03"
    assert set(body["tables"]) == {f"III/{n}" for n in range(1, 9)}
    row = next(r for r in body["tables"]["III/1"]["rows"] if r["key"] == "30-44")
    assert row["L"] == {
        "sisa_lalu": 1,
        "terdaftar": 0,
        "ditempatkan": 1,
        "dihapuskan": 0,
        "sisa_akhir": 0,
    }
    assert set(row) >= {"L", "P", "total"}
    assert body["tables"]["III/1"]["vacancies"]["total"]["LP"]["sisa_akhir"] == 3


def test_the_api_takes_a_quarter(api, world, office):
    body = (
        api.as_user(world.officer_a)
        .get("/api/v1/reports/ipk/", {"year": 2026, "quarter": 1})
        .json()
    )
    assert body["period"] == {
        "code": "2026-Q1",
        "kind": "quarter",
        "label": body["period"]["label"],
        "from": "2026-01-01",
        "to": "2026-03-31",
    }
    assert body["tables"]["III/1"]["total"]["total"]["terdaftar"] == 5  # a, b, h, i, e


def test_the_api_refuses_a_bad_month_and_trainers(api, world, office):
    assert (
        api.as_user(world.officer_a)
        .get("/api/v1/reports/ipk/", {"year": 2026, "month": 13})
        .status_code
        == 400
    )
    assert api.as_user(world.trainer_a).get("/api/v1/reports/ipk/").status_code == 403
    assert api.as_user(world.employer_a).get("/api/v1/reports/ipk/").status_code == 403


def test_the_page_and_its_print_layout(client, world, office):
    world.office_a.head_name = "Drs. Budi Santoso"
    world.office_a.save()
    client.force_login(world.officer_a)
    query = {"kind": "month", "year": 2026, "month": 3}
    response = client.get(reverse("reports:ipk"), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="ipk-iii1"' in html
    assert 'data-testid="chart-placements-month"' in html
    printed = client.get(reverse("reports:ipk"), {**query, "print": 1}).content.decode()
    assert 'data-testid="kop-surat"' in printed
    assert "Drs. Budi Santoso" in printed
    assert "DISNAKER KOTA CILEGON" in printed
    assert 'data-testid="signature-block"' in printed


def test_the_page_reads_a_semester_and_a_year(client, world, office):
    client.force_login(world.officer_a)
    semester = client.get(reverse("reports:ipk"), {"kind": "semester", "year": 2026, "semester": 1})
    assert semester.context["period"].code == "2026-S1"
    year = client.get(reverse("reports:ipk"), {"kind": "year", "year": 2026, "month": 3})
    assert year.context["period"].code == "2026"


def test_trainers_and_employers_may_not_open_the_ipk_page(client, world, office):
    client.force_login(world.trainer_a)
    assert client.get(reverse("reports:ipk")).status_code == 403
    client.force_login(world.employer_a)
    assert client.get(reverse("reports:ipk")).status_code == 403


def test_placement_rows_have_the_stock_shape_with_null_stock(api, world, office):
    body = (
        api.as_user(world.officer_a).get("/api/v1/reports/ipk/", {"year": 2026, "month": 3}).json()
    )
    row = body["tables"]["III/7"]["rows"][0]
    assert row["total"] == {
        "sisa_lalu": None,
        "terdaftar": None,
        "ditempatkan": row["total"]["ditempatkan"],
        "dihapuskan": None,
        "sisa_akhir": None,
    }
