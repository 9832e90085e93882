"""The company register on the demo: the officer adds a company, verifies it and imports
a small list; a company's administrator invites a colleague."""

from __future__ import annotations

import pytest
from django.core import mail

from tests.browser.conftest import DEMO_PASSWORD, login
from vokasi.models import Company, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_officer_adds_a_company_and_verifies_it(page, demo):
    login(page, "officer", DEMO_PASSWORD)
    page.goto("/companies/")
    page.click("[data-testid=new-company]")
    page.fill("#id_name", "PT Uji Register Cilegon")
    page.fill("#id_nib", "8120 0000 11223")
    page.fill("#id_npwp", "01.300.066.6-091.000")
    page.select_option("#id_sector", "24")
    page.select_option("#id_region", "36.72.04")
    page.fill("#id_address", "Jl. Raya Anyer Km. 3")
    page.fill("#id_workforce", "320")
    page.fill("#id_contact_name", "Ibu Ratna")
    page.fill("#id_contact_email", "hrd@ujiregister.co.id")
    page.click("[data-testid=company-form] button[type=submit]")
    page.wait_for_selector("[data-testid=company-status]")
    company = Company.objects.get(nib="8120000011223")
    assert (company.status, company.office.code) == ("unverified", "3672")
    assert company.npwp == "013000666091000"

    page.click("[data-testid=verify-company]")
    page.wait_for_selector("[data-testid=status-changed]")
    company.refresh_from_db()
    assert company.status == "verified" and company.status_changed_by.username == "officer"
    assert page.locator("[data-testid=verify-company]").count() == 0

    # The same NIB again: the form says so and links the company.
    page.goto("/companies/new/")
    page.fill("#id_name", "PT Kembar")
    page.fill("#id_nib", "8120000011223")
    page.select_option("#id_sector", "24")
    page.select_option("#id_region", "36.72.04")
    page.fill("#id_workforce", "10")
    page.click("[data-testid=company-form] button[type=submit]")
    link = page.locator("[data-testid=existing-company] a")
    assert link.get_attribute("href") == f"/companies/{company.pk}/"


def test_the_officer_imports_a_small_list(page, demo, tmp_path):
    rows = [
        "nib;nama;kbli;kecamatan;jumlah_pekerja;kontak",
        "8120000099001;PT Impor Satu;24;Ciwandan;120;Ibu A",
        "8120000099002;PT Impor Dua;5222;36.72.03;80;Pak B",
    ]
    path = tmp_path / "perusahaan.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    login(page, "officer", DEMO_PASSWORD)
    page.goto("/companies/")
    page.click("[data-testid=import-companies]")
    page.set_input_files("#id_file", str(path))
    page.click("[data-testid=import-form] button[type=submit]")  # a dry run first
    assert page.locator("[data-testid=created]").inner_text() == "2"
    assert not Company.objects.filter(name__startswith="PT Impor").exists()
    page.set_input_files("#id_file", str(path))
    page.uncheck("input[name=dry_run]")
    page.click("[data-testid=import-form] button[type=submit]")
    page.wait_for_selector("[data-testid=import-result]")
    assert Company.objects.filter(name__startswith="PT Impor", status="unverified").count() == 2


def test_a_company_admin_invites_a_colleague(page, demo, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    login(page, "employer", DEMO_PASSWORD)
    page.goto("/company/users/")
    page.fill("#id_email", "rekan.hrd@example.co.id")
    page.fill("#id_name", "Rekan Baru")
    page.fill("#id_username", "rekan.hrd")
    page.click("[data-testid=invite-form] button[type=submit]")
    page.wait_for_selector("[data-testid=colleague-rekan\\.hrd]")
    user = User.objects.get(username="rekan.hrd")
    employer = User.objects.get(username="employer")
    assert user.company_id == employer.company_id and not user.has_usable_password()
    assert mail.outbox and mail.outbox[-1].to == ["rekan.hrd@example.co.id"]
