"""A company reports a hire on the page and sees it in its list, then uploads a file of
two hires, checks the preview and confirms (on the demo data, as the demo's employer)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from placements.models import Hire
from tests.browser.conftest import DEMO_PASSWORD, login
from vokasi.models import User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_the_employer_reports_a_hire_and_uploads_a_file_of_two(page, demo, tmp_path):
    company = User.objects.get(username="employer").company
    before = Hire.objects.filter(company=company).count()
    today = timezone.localdate()
    login(page, "employer", DEMO_PASSWORD)

    page.goto("/hires/")
    page.click("[data-testid=report-hire]")
    page.fill("#id_external_ref", "NIK-KARYAWAN-0901")
    page.fill("#id_name", "Rahmat Hidayat")
    page.select_option("#id_sex", "L")
    page.fill("#id_birth_year", "1998")
    page.select_option("#id_education", "smk")
    page.select_option("#id_domicile", "outside")
    page.select_option("#id_occupation", "7212")
    page.fill("#id_start_date", today.isoformat())
    page.select_option("#id_employment_type", "pkwt")
    page.fill("#id_wage", "5300000")
    page.click("[data-testid=save-hire]")
    page.wait_for_selector("[data-testid=hire-table]")
    assert "Rahmat Hidayat" in page.inner_text("[data-testid=hire-table]")
    assert Hire.objects.filter(company=company).count() == before + 1

    path = tmp_path / "penerimaan.csv"
    start = today.strftime("%d-%m-%Y")
    path.write_text(
        "Referensi,Nama,Jenis kelamin,Tahun lahir,Pendidikan,Domisili,KBJI,Tanggal mulai,"
        "Status kerja,Upah\n"
        f"FILE-0001,Siti Nurhaliza,P,2000,SMA,36.72.04,7212,{start},PKWT,5.100.000\n"
        f"FILE-0002,Dedi Kurniawan,L,1996,SMK,luar kota,8344,{start},PKWTT,6.000.000\n",
        encoding="utf-8",
    )
    page.click("[data-testid=upload-hires]")
    page.set_input_files("input[type=file]", str(path))
    page.click("[data-testid=send-hires-file]")
    page.wait_for_selector("[data-testid=dry-run-summary]")
    assert "2" in page.inner_text("[data-testid=dry-run-summary]")
    assert Hire.objects.filter(company=company).count() == before + 1
    page.click("[data-testid=confirm-hires]")
    page.wait_for_selector("[data-testid=hire-table]")
    listed = page.inner_text("[data-testid=hire-table]")
    assert "Siti Nurhaliza" in listed and "Dedi Kurniawan" in listed
    assert Hire.objects.filter(company=company).count() == before + 3
