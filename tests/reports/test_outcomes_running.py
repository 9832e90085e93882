"""A cohort still running at the period's end is shown as running, never as trainees who
did not complete: every outcome rate is over cohorts that have ended."""

from __future__ import annotations

import datetime

from django.utils import timezone

from reports.outcomes import Params, outcomes, records, totals
from reports.scope import scope_for
from tests import factories


def test_a_running_cohort_is_shown_as_running_and_leaves_the_rates_alone(world):
    today = timezone.localdate()
    programme = factories.programme(world.provider_a, "LAS", name="Las SMAW")
    ended = factories.cohort(
        programme, start_date=today - datetime.timedelta(60), end_date=today - datetime.timedelta(5)
    )
    running = factories.cohort(
        programme,
        start_date=today - datetime.timedelta(20),
        end_date=today + datetime.timedelta(25),
    )
    for i in range(4):
        person = factories.job_seeker(world.office_a)
        enrollment = factories.enrollment(ended, person, status="completed")
        factories.training_result(enrollment, "completed" if i < 3 else "failed")
    for _ in range(6):
        factories.enrollment(running, factories.job_seeker(world.office_a))
    params = Params(today - datetime.timedelta(90), today + datetime.timedelta(60), "programme")
    scope = scope_for(world.admin)

    frame = outcomes(params, scope)
    (row,) = records(frame)
    assert (row["enrolled"], row["completed"], row["completion_rate"]) == (4, 3, 0.75)
    assert (row["running_cohorts"], row["in_training"]) == (1, 6)
    total = totals(frame, params, scope)
    assert (total["completion_rate"], total["in_training"]) == (0.75, 6)

    by_cohort = {
        row["key"]: row
        for row in records(outcomes(Params(params.date_from, params.date_to, "cohort"), scope))
    }
    assert by_cohort[str(running.pk)]["enrolled"] == 0
    assert by_cohort[str(running.pk)]["running_cohorts"] == 1
    assert by_cohort[str(running.pk)]["completion_rate"] is None
