"""A provider uploads a real .xlsx, checks the dry run, confirms, and sees the outcomes."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login
from tests.factories import PASSWORD
from tests.trainees.results_files import rows_for, running_cohort, xlsx
from trainees.models import JobSeekerSkill, TrainingResult

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_trainer_uploads_results_checks_the_dry_run_and_confirms(page, world, tmp_path):
    cohort = running_cohort(world, trainees=16)
    rows = rows_for(cohort)
    rows[0][3], rows[0][4], rows[0][5], rows[0][6] = "tidak lulus", "", "", ""
    rows[1][4], rows[1][5] = "BK", ""
    path = tmp_path / "hasil-angkatan.xlsx"
    path.write_bytes(xlsx(rows))

    login(page, world.trainer_a.username, PASSWORD)
    page.goto(f"/cohorts/{cohort.pk}/")
    page.click("[data-testid=upload-results]")
    page.set_input_files("input[type=file]", str(path))
    page.click("[data-testid=check-results]")

    table = page.locator("[data-testid=dry-run-table]")
    table.wait_for()
    assert table.locator("tbody tr").count() == 16
    assert "16" in page.inner_text("[data-testid=dry-run-summary]")
    assert TrainingResult.objects.count() == 0

    page.click("[data-testid=confirm-results]")
    page.wait_for_selector("[data-testid=cohort-outcomes]")
    assert page.inner_text("[data-testid=outcome-completed]").startswith("15")
    assert page.inner_text("[data-testid=outcome-competent]").startswith("14")
    roster = page.inner_text("[data-testid=cohort-roster]")
    assert "LSP-LAS/0003" in roster
    assert TrainingResult.objects.count() == 16
    assert JobSeekerSkill.objects.filter(source=JobSeekerSkill.Source.CERTIFIED).exists()
