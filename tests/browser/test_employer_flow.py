"""A company HR officer in the browser: issues an API key and hires a referred candidate."""

from __future__ import annotations

import json
import urllib.request

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from placements.models import Placement, Referral
from tests import factories
from tests.browser.conftest import login
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_employer_issues_a_key_that_the_api_accepts_and_then_revokes_it(page, world, live_server):
    login(page, world.employer_a.username, PASSWORD)
    page.click("nav >> text=Kunci API")
    page.fill("#id_name", "SAP SuccessFactors")
    page.click("[data-testid=issue-key-form] button[type=submit]")
    key = page.inner_text("[data-testid=new-key-value]").strip()
    assert key.startswith("vk_")

    request = urllib.request.Request(
        f"{live_server.url}/api/v1/company/", headers={"Authorization": f"Token {key}"}
    )
    with urllib.request.urlopen(request) as response:
        assert json.load(response)["id"] == world.company_a.pk

    page.reload()  # the key is not shown again
    assert key not in page.content()
    page.click("[data-testid=key-table] button.danger")
    expect(page.locator("[data-testid=key-table]")).to_contain_text("dicabut")


def test_employer_hires_a_referred_candidate_from_the_vacancy_page(page, world):
    vacancy = factories.vacancy(world.company_a, openings=1)
    person = factories.job_seeker(world.office_a, name="Dewi Lestari", sex="P")
    referral = factories.referral(vacancy, person)
    login(page, world.employer_a.username, PASSWORD)
    page.click("nav >> text=Lowongan")
    page.click("[data-testid=vacancy-table] >> text=Welder SMAW")
    row = page.locator(f"[data-testid=referral-{referral.pk}]")
    assert "Dewi Lestari" in row.inner_text()
    row.locator("input[name=start_date]").fill(timezone.localdate().isoformat())
    row.locator("input[name=wage]").fill("5400000")
    row.locator("button[value=hired]").click()
    page.wait_for_selector(".messages")
    assert "Diterima" in page.inner_text(f"[data-testid=referral-{referral.pk}]") or (
        "diterima" in page.inner_text(f"[data-testid=referral-{referral.pk}]")
    )
    assert "terisi" in page.inner_text("[data-testid=vacancy-status]").lower()
    assert Referral.objects.get(pk=referral.pk).status == "hired"
    assert Placement.objects.get(referral=referral).wage == 5_400_000
