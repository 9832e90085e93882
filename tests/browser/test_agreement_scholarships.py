"""On the demo data, in the browser, as the officer: record a scholarship under the
Poltekkes MoU and see its realisation change; mark one completed and see it, the
realisation unchanged; unlink a cohort from the tripartite PKS and see its completers
leave the realisation."""

from __future__ import annotations

import pytest
from django.db.models import Q
from django.utils import timezone

from tests.browser.conftest import DEMO_PASSWORD, login
from trainees.models import Cohort, Enrollment, Scholarship
from vokasi.models import Agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REALISED = "[data-testid=target-{item}-{measure}] [data-testid=realised]"


def number(text: str) -> int:
    return int(text.replace(".", "").replace(",", ""))


def test_an_officer_records_a_scholarship_and_the_realisation_counts_it(page, demo):
    health = Agreement.objects.get(number__contains="NK-DINKES")
    before = Scholarship.objects.filter(agreement=health).count()
    assert before >= 3  # the demo's handful
    login(page, "officer", DEMO_PASSWORD)
    page.click("nav >> text=Perjanjian")
    page.click(f"[data-testid=agreement-table] a[href='/agreements/{health.pk}/']")
    shown = REALISED.format(item="scholarship", measure="scholarships")
    assert number(page.inner_text(shown)) == before
    page.click("[data-testid=new-scholarship]")
    page.fill("#id_recipient_name", "Putri Ayu Lestari")
    page.fill("#id_institution", "Poltekkes Kemenkes Banten")
    page.fill("#id_study_programme", "D3 Kebidanan")
    page.fill("#id_awarded_on", timezone.localdate().isoformat())
    page.fill("#id_amount", "12000000")
    page.click("[data-testid=save-scholarship]")
    page.wait_for_selector(".messages li.success")
    assert page.url.endswith(f"/agreements/{health.pk}/")
    assert number(page.inner_text(shown)) == before + 1
    assert "Putri Ayu Lestari" in page.inner_text("[data-testid=scholarships]")
    made = Scholarship.objects.get(agreement=health, recipient_name="Putri Ayu Lestari")
    assert (made.amount, made.status, made.recorded_by.username) == (
        12_000_000,
        "awarded",
        "officer",
    )


def test_an_officer_marks_a_scholarship_completed_and_the_realisation_stays(page, demo):
    health = Agreement.objects.get(number__contains="NK-DINKES")
    scholarship = Scholarship.objects.filter(agreement=health, status="awarded").first()
    assert scholarship is not None
    assert Scholarship.objects.filter(agreement=health, status="dropped").exists()
    count = Scholarship.objects.filter(agreement=health).count()
    login(page, "officer", DEMO_PASSWORD)
    page.goto(f"/agreements/{health.pk}/")
    shown = REALISED.format(item="scholarship", measure="scholarships")
    assert number(page.inner_text(shown)) == count
    status = f"[data-testid=scholarship-status-{scholarship.pk}]"
    assert page.inner_text(status).strip() == "diberikan"
    graduated = timezone.localdate()
    page.select_option(f"#id_scholarship_{scholarship.pk}_status", "completed")
    page.fill(f"#id_scholarship_{scholarship.pk}_ended_on", graduated.isoformat())
    page.click(f"[data-testid=save-scholarship-status-{scholarship.pk}]")
    page.wait_for_selector(".messages li.success")
    assert page.url.endswith(f"/agreements/{health.pk}/#scholarships")
    assert f"Beasiswa {scholarship.recipient_name}: selesai." in page.inner_text(".messages")
    assert page.inner_text(status).split() == ["selesai", graduated.strftime("%d-%m-%Y")]
    assert number(page.inner_text(shown)) == count
    scholarship.refresh_from_db()
    assert (scholarship.status, scholarship.ended_on) == ("completed", graduated)
    last = scholarship.history.latest("history_date")
    assert (last.history_user.username, last.history_channel) == ("officer", "web")


def _trained(agreement: Agreement) -> int:
    """People who completed a cohort counted for the agreement, recomputed here."""
    linked = Cohort.objects.filter(
        Q(agreement=agreement) | Q(agreement__isnull=True, programme__agreement=agreement)
    )
    return (
        Enrollment.objects.filter(cohort__in=linked, result__outcome="completed")
        .values("job_seeker")
        .distinct()
        .count()
    )


def test_an_officer_unlinks_a_cohort_and_its_completers_leave(page, demo):
    pks = Agreement.objects.get(number__contains="PKS-DISNAKER/")
    cohort = (
        Cohort.objects.filter(agreement=pks, enrollments__result__outcome="completed")
        .distinct()
        .order_by("-start_date")
        .first()
    )
    assert cohort is not None
    before = _trained(pks)
    login(page, "officer", DEMO_PASSWORD)
    page.goto(f"/agreements/{pks.pk}/")
    shown = REALISED.format(item="training", measure="trained")
    assert number(page.inner_text(shown)) == before
    page.click(f"[data-testid=unlink-cohort-{cohort.pk}]")
    page.wait_for_selector(".messages li.success")
    cohort.refresh_from_db()
    assert cohort.agreement is None
    after = _trained(pks)
    assert after < before
    assert number(page.inner_text(shown)) == after
    assert f"linked-cohort-{cohort.pk}" not in page.content()
    last = cohort.history.latest("history_date")
    assert last.history_user.username == "officer"
