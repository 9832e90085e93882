"""On the demo: the trainer records a cohort's funding; the officer and the trainer record
what became of graduates, on the tracer grid and from a file."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import DEMO_PASSWORD, login
from trainees.models import Cohort, Enrollment, FundingLine, GraduateStatus
from vokasi.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = timezone.localdate()


def test_the_trainer_records_a_csr_line_spent_above_its_budget(page, demo):
    trainer = User.objects.get(username="trainer")
    cohort = Cohort.objects.visible_to(trainer).order_by("-start_date").first()
    lines = FundingLine.objects.filter(cohort=cohort).count()
    login(page, "trainer", DEMO_PASSWORD)
    page.goto(f"/cohorts/{cohort.pk}/")
    page.click("[data-testid=edit-funding]")
    # The click returns once the new page commits: count its lines only when it is there.
    page.wait_for_selector("[data-testid=funding-form]")
    rows = page.locator("[data-testid=funding-line]")
    assert rows.count() == lines + 1  # the lines, and a blank one to add
    blank = rows.nth(lines)
    # Make room among the cohort's seats: the first line gives up two.
    first = rows.nth(0)
    seats = int(first.locator("input[name$=seats]").input_value())
    first.locator("input[name$=seats]").fill(str(max(seats - 2, 0)))
    blank.locator("select[name$=source]").select_option("csr")
    blank.locator("select[name$=sponsor]").select_option(index=1)
    blank.locator("input[name$=budgeted]").fill("10000000")
    blank.locator("input[name$=spent]").fill("12500000")
    blank.locator("input[name$=seats]").fill("2")
    page.click("[data-testid=save-funding]")
    page.wait_for_selector("[data-testid=cohort-funding]")
    assert page.locator("[data-testid=over-budget]").count() >= 1
    assert FundingLine.objects.filter(cohort=cohort).count() == lines + 1
    added = FundingLine.objects.filter(cohort=cohort, spent=12_500_000).get()
    assert (added.source, added.budgeted, added.over_budget) == ("csr", 10_000_000, True)


def test_a_negative_amount_is_refused_on_the_page(page, demo):
    trainer = User.objects.get(username="trainer")
    cohort = Cohort.objects.visible_to(trainer).order_by("-start_date").first()
    before = list(FundingLine.objects.filter(cohort=cohort).values_list("spent", flat=True))
    login(page, "trainer", DEMO_PASSWORD)
    page.goto(f"/cohorts/{cohort.pk}/funding/")
    spent = page.locator("[data-testid=funding-line]").nth(0).locator("input[name$=spent]")
    # The browser's own check would stop a negative number: the server must too.
    spent.evaluate("el => el.removeAttribute('min')")
    spent.fill("-5")
    page.click("[data-testid=save-funding]")
    page.wait_for_selector("[data-testid=funding-form] .errorlist")
    assert list(FundingLine.objects.filter(cohort=cohort).values_list("spent", flat=True)) == before


def _graduate_without_status(user):
    return (
        Enrollment.objects.visible_to(user)
        .filter(
            status=Enrollment.Status.COMPLETED,
            cohort__end_date__lte=TODAY - datetime.timedelta(days=100),
            graduate_statuses__isnull=True,
        )
        .select_related("job_seeker", "cohort")
        .order_by("cohort__end_date", "pk")
        .first()
    )


def test_the_officer_records_that_a_graduate_started_a_business(page, demo):
    officer = User.objects.get(username="officer")
    graduate = _graduate_without_status(officer)
    assert graduate is not None, "the demo has graduates of the office to trace"
    login(page, "officer", DEMO_PASSWORD)
    page.goto(f"/cohorts/{graduate.cohort_id}/")
    page.click("[data-testid=open-tracer]")
    page.wait_for_selector("[data-testid=tracer-grid]")
    form = page.locator("[data-testid=tracer-form]")
    form.locator("select[name=enrollment]").select_option(str(graduate.pk))
    form.locator("select[name=months_after]").select_option("3")
    form.locator("select[name=status]").select_option("self_employed")
    page.click("[data-testid=save-tracer]")
    # A business needs its sector: refused, nothing saved, then corrected.
    page.wait_for_selector("[data-testid=tracer-form] .errorlist")
    assert not GraduateStatus.objects.filter(enrollment=graduate).exists()
    form = page.locator("[data-testid=tracer-form]")
    form.locator("select[name=sector]").select_option("I")
    page.click("[data-testid=save-tracer]")
    cell = page.locator(f"[data-testid=tracer-cell-{graduate.pk}-3]")
    cell.wait_for()
    assert "(I)" in cell.inner_text()
    saved = GraduateStatus.objects.get(enrollment=graduate)
    assert (saved.status, saved.months_after, saved.recorded_by) == ("self_employed", 3, officer)


def test_the_trainer_uploads_a_tracer_file_checks_it_then_saves_it(page, demo, tmp_path):
    trainer = User.objects.get(username="trainer")
    graduate = _graduate_without_status(trainer)
    assert graduate is not None
    day = (graduate.cohort.end_date + datetime.timedelta(days=95)).strftime("%d-%m-%Y")
    path = tmp_path / "pelacakan.csv"
    path.write_text(
        "NIK;Bulan;Status;KBLI;Tanggal\n"
        f"{graduate.job_seeker.nik};3;melanjutkan studi;;{day}\n"
        f"{graduate.job_seeker.nik};4;bekerja;;{day}\n",
        encoding="utf-8",
    )
    login(page, "trainer", DEMO_PASSWORD)
    page.goto(f"/cohorts/{graduate.cohort_id}/tracer/")
    page.click("[data-testid=tracer-upload]")
    page.set_input_files("input[type=file]", str(path))
    page.click("[data-testid=send-tracer-file]")
    errors = page.locator("[data-testid=row-errors]")
    errors.wait_for()
    assert "Bulan" in errors.inner_text()
    assert not GraduateStatus.objects.filter(enrollment=graduate).exists()

    path.write_text(
        f"NIK;Bulan;Status;KBLI;Tanggal\n{graduate.job_seeker.nik};3;melanjutkan studi;;{day}\n",
        encoding="utf-8",
    )
    page.set_input_files("input[type=file]", str(path))
    page.click("[data-testid=send-tracer-file]")  # the check box is ticked: a dry run
    page.wait_for_selector("[data-testid=dry-run]")
    assert not GraduateStatus.objects.filter(enrollment=graduate).exists()
    page.set_input_files("input[type=file]", str(path))
    page.uncheck("input[name=dry_run]")
    page.click("[data-testid=send-tracer-file]")
    page.locator(f"[data-testid=tracer-cell-{graduate.pk}-3]").wait_for()
    assert GraduateStatus.objects.get(enrollment=graduate).status == "studying"
