"""On the demo data, in the browser, as the officer: record an agreement with its parties
and targets, link a cohort to the tripartite PKS, add an evaluation."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.browser.conftest import DEMO_PASSWORD, login
from trainees.models import Cohort
from vokasi.models import Agreement, AgreementEvaluation, TrainingProvider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_records_an_agreement(page, demo):
    login(page, "officer", DEMO_PASSWORD)
    page.click("nav >> text=Perjanjian")
    page.click("[data-testid=new-agreement]")
    page.select_option("#id_kind", "pks")
    page.fill("#id_number", "560/021/PKS-DISNAKER/2026")
    page.fill("#id_title", "PKS pelatihan operator forklift bersertifikat")
    mou = Agreement.objects.get(number__contains="NK-PEMKOT")
    page.select_option("#id_parent", str(mou.pk))
    today = timezone.localdate()
    page.fill("#id_signed_on", today.isoformat())
    page.fill("#id_valid_from", today.isoformat())
    page.fill("#id_valid_to", today.replace(year=today.year + 1).isoformat())
    blk = TrainingProvider.objects.get(code="BLK-CLG")
    page.select_option("#id_party-1-organisation", f"provider:{blk.pk}")
    page.fill("#id_party-1-role", "pihak kedua")
    page.check("input[name=scope][value=training]")
    page.check("input[name=scope][value=placement]")
    page.fill("#id_target_trained", "32")
    page.fill("#id_target_placed", "20")
    page.click("[data-testid=save-agreement]")
    page.wait_for_selector(".messages li.success")
    made = Agreement.objects.get(number="560/021/PKS-DISNAKER/2026")
    assert made.parent == mou
    assert page.url.endswith(f"/agreements/{made.pk}/")
    assert "UPTD BLK Kota Cilegon" in page.inner_text("[data-testid=agreement-parties]")
    assert page.inner_text("[data-testid=target-training-trained] [data-testid=realised]") == "0"


def test_an_officer_links_a_cohort_and_its_completers_count(page, demo):
    pks = Agreement.objects.get(number__contains="PKS-DISNAKER/")
    cohort = (
        Cohort.objects.filter(programme__provider__code="BBPVP-SRG", agreement__isnull=True)
        .order_by("-start_date")
        .first()
    )
    assert cohort is not None
    login(page, "officer", DEMO_PASSWORD)
    page.goto(f"/agreements/{pks.pk}/")
    before = page.inner_text("[data-testid=target-training-trained] [data-testid=realised]")
    page.select_option("#id_cohort", str(cohort.pk))
    page.click("[data-testid=link-button]")
    page.wait_for_selector(".messages li.success")
    cohort.refresh_from_db()
    assert cohort.agreement == pks
    assert cohort.name in page.inner_text("[data-testid=linked-cohorts]")
    completed = cohort.enrollments.filter(result__outcome="completed").count()
    page_value = page.inner_text("[data-testid=target-training-trained] [data-testid=realised]")
    assert int(page_value.replace(".", "")) - int(before.replace(".", "")) == completed


def test_an_officer_adds_an_evaluation(page, demo):
    health = Agreement.objects.get(number__contains="NK-DINKES")
    login(page, "officer", DEMO_PASSWORD)
    page.click("nav >> text=Perjanjian")
    page.click(f"[data-testid=agreement-table] a[href='/agreements/{health.pk}/']")
    page.select_option("#id_status", "at_risk")
    page.fill("#id_note", "Beasiswa ikatan dinas belum disalurkan; perlu rapat koordinasi.")
    page.click("[data-testid=add-evaluation]")
    page.wait_for_selector(".messages li.success")
    assert page.inner_text("[data-testid=agreement-status]") == "berisiko"
    assert "rapat koordinasi" in page.inner_text("[data-testid=evaluations]")
    latest = AgreementEvaluation.objects.filter(agreement=health).order_by("-id").first()
    assert latest.status == "at_risk" and latest.recorded_by.username == "officer"
