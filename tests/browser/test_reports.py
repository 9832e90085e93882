"""An officer opens each report, changes the period and downloads an export."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from tests.browser.conftest import login
from tests.factories import PASSWORD
from tests.reports import data

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def market(world):
    return data.build(world)


def set_range(page, start: str, end: str) -> None:
    page.fill("#id_from", start)
    page.fill("#id_to", end)
    page.click("[data-testid=apply-filters]")
    page.wait_for_selector("[data-testid=report-heading]")


def test_an_officer_works_through_link_and_match(page, market):
    login(page, market.world.officer_a.username, PASSWORD)
    page.click("nav.mainnav >> text=Laporan")
    page.wait_for_selector("[data-testid=reports-heading]")
    page.click(".report-cards >> text=Link and match")
    set_range(page, "2026-01-01", "2026-03-31")
    page.select_option("#id_by", "skill")
    page.click("[data-testid=apply-filters]")
    page.wait_for_selector("[data-testid=report-table]")
    assert "01-01-2026 – 31-03-2026" in page.inner_text("[data-testid=report-period]")
    assert page.locator("[data-testid=chart-demand-supply]").is_visible()
    row = page.locator("[data-testid=report-table] tbody tr", has_text="LAS-SMAW")
    assert "8" in row.inner_text()
    with page.expect_download() as download:
        page.click("[data-testid=download-csv]")
    text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))  # Indonesian Excel
    smaw = next(line for line in lines if line[0] == "LAS-SMAW")
    assert smaw[2] == "8"
    # Drill down to the people behind the row.
    page.click("[data-testid=report-table] tbody tr >> text=Pengelasan SMAW")
    page.wait_for_selector("[data-testid=drill-people]")
    assert market.people["p1"].name in page.inner_text("[data-testid=drill-people]")
    assert market.people["p6"].name not in page.content()


@pytest.mark.parametrize(
    ("path", "testid"),
    [("/reports/recommendation/", "report-table"), ("/reports/outcomes/", "report-table")],
)
def test_an_officer_changes_the_period_and_downloads_excel(page, market, path, testid):
    login(page, market.world.officer_a.username, PASSWORD)
    page.goto(path)
    set_range(page, "2025-07-01", "2026-06-30")
    page.wait_for_selector(f"[data-testid={testid}]")
    assert "01-07-2025" in page.inner_text("[data-testid=report-period]")
    with page.expect_download() as download:
        page.click("[data-testid=download-xlsx]")
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as handle:
        book = openpyxl.load_workbook(io.BytesIO(handle.read()))
    assert book.active.max_row >= 2


def test_an_officer_opens_the_ipk_tables_for_a_quarter_and_prints_them(page, market):
    login(page, market.world.officer_a.username, PASSWORD)
    page.goto("/reports/ipk/")
    page.select_option("#id_kind", "quarter")
    page.fill("#id_year", "2026")
    page.select_option("#id_quarter", "1")
    page.click("[data-testid=apply-filters]")
    page.wait_for_selector("[data-testid=ipk-iii1]")
    assert "01-01-2026 – 31-03-2026" in page.inner_text("[data-testid=report-period]")
    with page.expect_download() as download:
        page.click("[data-testid=download-csv]")
    text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    assert "III/8" in text
    page.click("[data-testid=print-layout]")
    page.wait_for_selector("[data-testid=signature-block]")
    assert "DISNAKER KOTA CILEGON" in page.inner_text("[data-testid=kop-surat]")
