"""On the demo data, in the browser: the officer opens the reporting ledger from the home
page and records a written warning for an overdue company; the company sees its own
ledger on its home page."""

from __future__ import annotations

import pytest

from placements.models import CompanyWarning
from tests.browser.conftest import DEMO_PASSWORD, login
from vokasi.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_warns_an_overdue_company_from_the_ledger(page, demo):
    login(page, "officer", DEMO_PASSWORD)
    page.click("a[href='/compliance/companies/?status=overdue']")
    page.wait_for_selector("[data-testid=ledger-heading]")
    statuses = page.locator("[data-testid=report-table] tbody [data-status]")
    assert statuses.count() > 0
    assert set(statuses.evaluate_all("els => els.map(e => e.dataset.status)")) == {"overdue"}
    page.click("[data-testid=report-table] tbody tr:first-child td a")
    page.wait_for_selector("[data-testid=company-ledger-heading]")
    assert page.get_attribute("[data-testid=ledger-status]", "data-status") == "overdue"
    assert page.locator("[data-testid=ledger-overdue] li").count() > 0
    page.click("[data-testid=new-warning]")
    page.fill("#id_number", "560/900/Disnaker/2026")
    page.fill("#id_reason", "Lowongan telah lewat tanggal tutup tanpa laporan pengisian.")
    page.click("[data-testid=save-warning]")
    page.wait_for_selector(".messages li.success")
    warning = CompanyWarning.objects.get(number="560/900/Disnaker/2026")
    assert warning.recorded_by.username == "officer"
    assert "560/900/Disnaker/2026" in page.inner_text("[data-testid=warnings]")


def test_the_company_sees_its_ledger_on_its_home_page(page, demo):
    company = User.objects.get(username="employer").company
    login(page, "employer", DEMO_PASSWORD)
    ledger = page.locator("[data-testid=company-ledger]")
    assert ledger.is_visible()
    assert page.locator("[data-testid=ledger-months] tbody tr").count() == 12
    status = page.get_attribute("[data-testid=ledger-status]", "data-status")
    assert status in ("reporting", "overdue")
    if status == "overdue":
        assert page.locator("[data-testid=report-fill]").count() > 0
    warnings = CompanyWarning.objects.filter(company=company).count()
    if warnings:
        assert page.locator("[data-testid=ledger-warnings] li").count() == warnings
