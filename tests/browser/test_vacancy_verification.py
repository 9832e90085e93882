"""On the demo data: the officer publishes one submitted vacancy and rejects another with
its reason; a company posts a vacancy for one sex with the reason the job needs it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from placements.models import Vacancy
from placements.services import VacancyInput, vacancy_create
from tests import factories
from tests.browser.conftest import DEMO_PASSWORD, login
from vokasi.models import Company, Occupation, Region, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate()


def submitted_vacancies(office) -> list[Vacancy]:
    company = factories.company(
        name="PT Galangan Kapal Anyer", status=Company.Status.UNVERIFIED, office=office
    )
    made = []
    for title in ("Juru las lambung kapal", "Operator crane pelabuhan"):
        vacancy, _created = vacancy_create(
            company=company,
            by=None,
            data=VacancyInput(
                kind="job",
                title=title,
                occupation=Occupation.objects.get(pk="7212"),
                region=Region.objects.get(pk="36.72.03"),
                openings=3,
                employment_type="pkwt",
                opens_on=TODAY,
                closes_on=TODAY + datetime.timedelta(days=30),
            ),
        )
        made.append(vacancy)
    assert {v.status for v in made} == {"submitted"}
    return made


def test_the_officer_publishes_one_submitted_vacancy_and_rejects_another(page, demo):
    officer = User.objects.get(username="officer")
    publish, reject = submitted_vacancies(officer.office)
    login(page, "officer", DEMO_PASSWORD)
    page.click("text=lowongan menunggu verifikasi")
    page.wait_for_selector("[data-testid=vacancy-table]")
    page.click(f"[data-testid=vacancy-table] >> text={publish.title}")
    page.click("[data-testid=vacancy-publish]")
    page.wait_for_selector(".messages")
    assert "diterbitkan" in page.inner_text(".messages")
    assert "dibuka" in page.inner_text("[data-testid=vacancy-status]").lower()

    page.goto("/vacancies/awaiting-verification/")
    assert publish.title not in page.inner_text("main")
    page.click(f"[data-testid=vacancy-table] >> text={reject.title}")
    page.click("[data-testid=vacancy-reject]")  # without a reason: refused, said why
    page.wait_for_selector(".messages")
    assert "alasan" in page.inner_text(".messages").lower()
    page.fill("[data-testid=vacancy-reject-reason]", "Deskripsi pekerjaan dan upah belum diisi")
    page.click("[data-testid=vacancy-reject]")
    page.wait_for_selector("[data-testid=vacancy-rejection-reason]")
    assert "upah belum diisi" in page.inner_text("[data-testid=vacancy-rejection-reason]")

    publish.refresh_from_db()
    reject.refresh_from_db()
    assert (publish.status, publish.verified_by) == ("open", officer)
    assert (reject.status, reject.rejection_reason) == (
        "rejected",
        "Deskripsi pekerjaan dan upah belum diisi",
    )


def test_the_company_posts_a_vacancy_for_one_sex_with_its_reason(page, demo):
    login(page, "employer", DEMO_PASSWORD)
    page.goto("/vacancies/new/")
    page.fill("#id_title", "Operator jahit sarung tangan las")
    page.select_option("#id_occupation", "7212")
    page.select_option("#id_required_skills", "LAS-SMAW")
    page.fill("#id_openings", "4")
    page.select_option("#id_region", "36.72.02")
    page.fill("#id_closes_on", (TODAY + datetime.timedelta(days=30)).isoformat())
    page.select_option("#id_sex", "P")
    page.click("[data-testid=vacancy-form] button[type=submit]")
    # Without the reason the form says what is missing, on the field.
    page.wait_for_selector("[data-testid=vacancy-form] .errorlist")
    assert "alasan" in page.inner_text("[data-testid=vacancy-form]").lower()
    page.fill("#id_sex_reason", "Asrama pekerja di lokasi hanya untuk perempuan")
    page.fill("#id_how_to_apply", "Kirim lamaran ke hrd@contoh.co.id")
    page.click("[data-testid=vacancy-form] button[type=submit]")
    page.wait_for_selector("[data-testid=vacancy-sex]")
    assert "perempuan" in page.inner_text("[data-testid=vacancy-sex]").lower()
    vacancy = Vacancy.objects.get(title="Operator jahit sarung tangan las")
    assert (vacancy.sex, vacancy.status) == ("P", "open")
    assert vacancy.sex_reason == "Asrama pekerja di lokasi hanya untuk perempuan"
