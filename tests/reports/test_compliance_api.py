"""GET /api/v1/reports/compliance/ and /api/v1/company/reporting/: the shapes of API.md
v1.1, the recount's numbers, CSV and XLSX agreeing with JSON, and the pages."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.utils import timezone

from placements.models import CompanyWarning
from tests.exports import read_xlsx
from tests.reports import ledger_data as data
from vokasi.models import Company

URL = "/api/v1/reports/compliance/"
QUERY = {"from": data.FROM.isoformat(), "to": data.TO.isoformat()}
FIELDS = [
    "key",
    "name",
    "companies",
    "companies_reporting",
    "vacancies",
    "openings",
    "fills_reported",
    "hires",
    "hires_local",
    "hires_referred",
    "hires_trained",
    "overdue",
    "status",
]

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(world):
    return data.build(world)


def test_the_report_has_the_contracts_shape_and_the_recounts_numbers(api, world, ledger):
    response = api.as_user(world.officer_a).get(URL, {**QUERY, "by": "company"})
    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"], body["by"]) == (QUERY["from"], QUERY["to"], "company")
    expected = data.recount(Company.objects.filter(office=world.office_a), data.FROM, data.TO)
    assert {row["key"] for row in body["rows"]} == set(expected)
    for row in body["rows"]:
        assert set(FIELDS) <= set(row)
        assert {k: row[k] for k in expected[row["key"]]} == expected[row["key"]]
    assert body["totals"]["companies"] == 4


@pytest.mark.parametrize("by", ["sector", "kecamatan"])
def test_grouped_rows_have_no_status_and_keys_are_codes(api, world, ledger, by):
    body = api.as_user(world.officer_a).get(URL, {**QUERY, "by": by}).json()
    assert all(row["status"] is None for row in body["rows"])
    keys = {row["key"] for row in body["rows"]}
    assert keys == ({"C", "H"} if by == "sector" else {"36.72.04", "36.72.03"})
    assert sum(row["companies"] for row in body["rows"]) == 4


def test_officer_b_sees_only_its_own_register_and_admins_choose_an_office(api, world, ledger):
    rows = api.as_user(world.officer_b).get(URL, QUERY).json()["rows"]
    assert [row["key"] for row in rows] == [ledger.elsewhere.pk]
    rows = api.as_user(world.admin).get(URL, {**QUERY, "office": world.office_b.pk}).json()
    assert [row["key"] for row in rows["rows"]] == [ledger.elsewhere.pk]


@pytest.mark.parametrize("who", ["trainer_a", "employer_a"])
def test_trainers_and_companies_may_not_read_it(api, world, who):
    assert api.as_user(getattr(world, who)).get(URL).status_code == 403


@pytest.mark.parametrize(
    "query", [{"by": "skill"}, {"from": "abc"}, {"from": "2025-02-01", "to": "2025-01-01"}]
)
def test_bad_parameters_answer_400(api, world, query):
    assert api.as_user(world.officer_a).get(URL, query).status_code == 400


def test_csv_and_xlsx_carry_the_json_numbers(api, world, ledger):
    user = api.as_user(world.officer_a)
    body = user.get(URL, QUERY).json()
    by_name = {row["name"]: row for row in body["rows"]}
    csv_file = user.get(URL, {**QUERY, "format": "csv"}, HTTP_ACCEPT_LANGUAGE="en")
    text = csv_file.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    header = lines[0]
    assert header[:2] == ["Company id", "Name"]
    for line in lines[1:-1]:
        row = dict(zip(header, line, strict=True))
        want = by_name[row["Name"]]
        assert int(row["Company id"]) == want["key"]
        assert int(row["Hires reported"]) == want["hires"]
        assert int(row["Overdue vacancies"]) == want["overdue"]
    assert lines[-1][1] == "Total"
    sheet = read_xlsx(user.get(URL, {**QUERY, "format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en"))
    xheader = list(sheet[0])
    for values in sheet[1:-1]:
        row = dict(zip(xheader, values, strict=True))
        want = by_name[row["Name"]]
        assert row["Vacancies reported"] == want["vacancies"]
        assert row["Hires living in the city"] == want["hires_local"]
    total = dict(zip(xheader, sheet[-1], strict=True))
    assert total["Hires reported"] == body["totals"]["hires"]


def test_the_status_filter_narrows_the_companies(api, world, ledger):
    rows = api.as_user(world.officer_a).get(URL, {**QUERY, "status": "never"}).json()["rows"]
    assert [row["key"] for row in rows] == [ledger.never.pk]


def test_the_company_reads_its_own_ledger(api, world, ledger):
    employer = data.factories.employer(ledger.overdue)
    CompanyWarning.objects.create(
        company=ledger.overdue, number="560/7/2025", date=data.TO, reason="Tidak melapor"
    )
    body = api.as_user(employer).get("/api/v1/company/reporting/").json()
    assert body["status"] == "overdue"
    assert len(body["months"]) == 12
    assert body["months"][0]["month"] == timezone.localdate().strftime("%Y-%m")
    assert {"month", "vacancies", "openings", "fills_reported", "hires"} <= set(body["months"][0])
    titles = {v.pk: v.title for v in ledger.overdue.vacancies.all()}
    assert sorted(titles[row["vacancy"]] for row in body["overdue"]) == [
        "Overdue",
        "Within grace",
        "expired unfilled, reported before the period",
    ]
    assert body["warnings"] == [
        {
            "number": "560/7/2025",
            "date": "2025-06-30",
            "reason": "Tidak melapor",
            "answered_on": None,
        }
    ]
    never = data.factories.employer(ledger.never)
    assert api.as_user(never).get("/api/v1/company/reporting/").json()["status"] == "never"


def test_the_report_page_shows_the_table_the_chart_and_the_definitions(client, world, ledger):
    client.force_login(world.officer_a)
    response = client.get("/reports/compliance/", {**QUERY, "by": "sector"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="chart-compliance"' in html
    assert 'data-testid="report-table"' in html
    assert 'data-testid="compliance-summary"' in html
    response = client.get("/compliance/companies/", {**QUERY, "status": "overdue"})
    html = response.content.decode()
    assert "PT Telat Lapor" in html and "PT Diam Saja" not in html
    assert client.get("/reports/compliance/", {"by": "nonsense"}).status_code == 400


def test_the_officers_home_counts_overdue_and_never_reported_companies(client, world, ledger):
    client.force_login(world.officer_a)
    html = client.get("/").content.decode()
    assert "/compliance/companies/?status=overdue" in html
    assert "/compliance/companies/?status=never" in html


def test_the_companys_home_shows_its_ledger(client, world, ledger):
    client.force_login(data.factories.employer(ledger.overdue))
    html = client.get("/").content.decode()
    assert 'data-testid="company-ledger"' in html
    assert 'data-status="overdue"' in html
    assert 'data-testid="report-fill"' in html


def test_a_closed_period_answers_the_same_through_the_api(api, world, ledger):
    before = api.as_user(world.officer_a).get(URL, QUERY).json()
    data.hire(ledger.reporting, datetime.date(2025, 8, 1))
    data.vacancy(ledger.never, datetime.date(2025, 8, 1))
    assert api.as_user(world.officer_a).get(URL, QUERY).json() == before
