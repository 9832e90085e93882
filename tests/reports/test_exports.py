"""Every report downloads as CSV and XLSX with the page's numbers, and formulas come out inert."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from reports.link_and_match import records
from tests import factories
from tests.reports import data

QUERY = {"from": "2026-01-01", "to": "2026-03-31", "by": "skill"}
EVIL = '=HYPERLINK("http://x")'


@pytest.fixture
def market(world):
    return data.build(world)


def read_csv(response) -> list[list[str]]:
    text = (
        b"".join(response).decode("utf-8-sig")
        if response.streaming
        else (response.content.decode("utf-8-sig"))
    )
    return list(csv.reader(io.StringIO(text), delimiter=";"))  # Indonesian Excel's CSV


def read_xlsx(response) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(book.active.iter_rows(values_only=True))


def test_link_and_match_csv_and_xlsx_carry_the_pages_numbers(client, market):
    client.force_login(market.world.officer_a)
    url = reverse("reports:link-and-match")
    page = client.get(url, QUERY)
    shown = {row["key"]: row for row in page.context["table"].data.data}
    got_csv = read_csv(client.get(url, {**QUERY, "format": "csv"}))
    got_xlsx = read_xlsx(client.get(url, {**QUERY, "format": "xlsx"}))
    header = got_csv[0]
    assert header[:3] == ["Kode", "Nama", "Permintaan (lowongan)"]  # headers in Indonesian
    assert len(got_csv) == len(shown) + 2  # header, rows, totals
    for line, cells in zip(got_csv[1:-1], got_xlsx[1:-1], strict=True):
        row = shown[line[0]]
        assert int(line[2]) == row["demand"] == cells[2]
        assert int(line[6]) == row["supply"] == cells[6]
        assert int(line[9]) == row["gap"] == cells[9]
        if row["ratio"] is not None:
            assert float(line[10].replace(",", ".")) == row["ratio"] == cells[10]
    assert int(got_csv[-1][2]) == page.context["totals"]["demand"] == got_xlsx[-1][2]
    smaw = next(line for line in got_csv if line[0] == "LAS-SMAW")
    assert smaw[12] == "kekurangan"  # the status in words, as on the page


def test_a_company_name_that_looks_like_a_formula_comes_out_inert(client, market):
    company = factories.company(name=EVIL)
    factories.vacancy(
        company,
        openings=2,
        opens_on=datetime.date(2026, 1, 5),
        closes_on=datetime.date(2026, 1, 30),
    )
    client.force_login(market.world.officer_a)
    url = reverse("reports:link-and-match-detail", args=["skill", "LAS-SMAW"])
    lines = read_csv(client.get(url, {**QUERY, "format": "csv"}))
    names = [line[2] for line in lines[1:]]
    assert "'" + EVIL in names
    assert EVIL not in names
    rows = read_xlsx(client.get(url, {**QUERY, "format": "xlsx"}))
    book = openpyxl.load_workbook(io.BytesIO(client.get(url, {**QUERY, "format": "xlsx"}).content))
    cells = [row[2] for row in rows[1:]]
    assert "'" + EVIL in cells
    for cell in book.active["C"]:
        assert cell.data_type == "s"  # text, never a formula


def test_a_provider_name_that_looks_like_a_formula_is_inert_in_the_outcomes_export(client, world):
    provider = factories.training_provider(name="+cmd|' /C calc'!A0")
    prog = factories.programme(provider, "LAS")
    cohort = factories.cohort(
        prog, start_date=datetime.date(2026, 1, 5), end_date=datetime.date(2026, 2, 5)
    )
    factories.enrollment(cohort, factories.job_seeker(world.office_a))
    client.force_login(world.admin)
    url = reverse("reports:outcomes")
    query = {"from": "2026-01-01", "to": "2026-03-31", "by": "provider"}
    lines = read_csv(client.get(url, {**query, "format": "csv"}))
    assert lines[1][1] == "'+cmd|' /C calc'!A0"
    assert lines[1][2] == "1"


def test_the_api_exports_the_same_file(api, market):
    response = api.as_user(market.world.officer_a).get(
        "/api/v1/reports/link-and-match/", {**QUERY, "format": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = read_xlsx(response)
    body = api.get("/api/v1/reports/link-and-match/", QUERY).json()
    assert [row[0] for row in rows[1:-1]] == [row["key"] for row in body["rows"]]


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("reports:recommendation", QUERY),
        ("reports:outcomes", {"from": "2025-01-01", "to": "2026-12-31"}),
        ("reports:ipk", {"kind": "month", "year": "2026", "month": "2"}),
    ],
)
def test_every_report_downloads_in_both_formats(client, market, name, query):
    client.force_login(market.world.officer_a)
    for fmt in ("csv", "xlsx"):
        response = client.get(reverse(name), {**query, "format": fmt})
        assert response.status_code == 200, (name, fmt)
        assert "attachment" in response["Content-Disposition"]
        rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
        assert len(rows) >= 2


def test_link_and_match_records_are_json_ready(market):
    from reports.link_and_match import Params, link_and_match
    from reports.scope import scope_for

    rows = records(link_and_match(Params(data.FROM, data.TO), scope_for(market.world.admin)))
    assert all(isinstance(row["demand"], int) for row in rows)


def test_report_file_names_follow_the_language(client, market):
    client.force_login(market.world.officer_a)
    query = {"from": "2025-01-01", "to": "2026-12-31", "by": "programme", "format": "csv"}
    response = client.get(reverse("reports:outcomes"), query)
    assert "hasil-pelatihan-programme-2025-01-01-2026-12-31.csv" in response["Content-Disposition"]
    client.cookies["django_language"] = "en"
    response = client.get(reverse("reports:outcomes"), query)
    assert "training-outcomes-programme-" in response["Content-Disposition"]
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Code,Name,")  # English Excel's separator


def test_the_api_keeps_its_plain_csv_and_flat_ipk_workbook(api, market):
    client = api.as_user(market.world.officer_a)
    response = client.get("/api/v1/reports/link-and-match/", {**QUERY, "format": "csv"})
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(lines[0]) == 13  # "," between cells, as API clients have always read it
    ipk = {"year": "2026", "month": "2", "format": "xlsx"}
    book = openpyxl.load_workbook(io.BytesIO(client.get("/api/v1/reports/ipk/", ipk).content))
    assert len(book.sheetnames) == 1  # one flat table; the page's workbook is the printed form
