"""A report for a period that has ended gives the same numbers forever.

Each report is computed for a closed period on generated data, then the world moves on
after it (people certified, enrolled, vacancies closed and filled, registrations ended,
follow-ups recorded, results reported, all dated after the period), and the report is
computed again: every cell must be unchanged. Runs on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime

import pandas as pd
import pytest
from django.utils import timezone

from placements.models import Placement, Vacancy
from reports import funnel, ipk
from reports import link_and_match as lm
from reports import outcomes as oc
from reports.periods import Period
from reports.recommendation import recommendation
from reports.scope import scope_for
from tests import factories
from tests.reports import generate
from trainees.models import Enrollment, JobSeeker, JobSeekerSkill, TrainingResult
from trainees.services.certification import TraineeResult, certification_apply
from trainees.services.registration import job_seeker_end

FROM, TO = datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)


@pytest.fixture
def market(world):
    return generate.build(world, people=160, vacancy_count=60, seed=23)


def change_the_world(world) -> None:
    """Everything that happens after the period, dated after it (today, mostly)."""
    today = timezone.localdate()
    # Results of the cohorts that ended after the period: completed, certified today.
    # (A result of a cohort that ended within the period dates its skills back to the
    # cohort's last day: a fact about the period, recorded late, like a late placement.)
    for enrollment in Enrollment.objects.select_related("cohort__programme"):
        if enrollment.status != Enrollment.Status.ENROLLED or enrollment.cohort.end_date <= TO:
            continue
        TrainingResult.objects.create(enrollment=enrollment, attendance_pct=90, outcome="completed")
        Enrollment.objects.filter(pk=enrollment.pk).update(status="completed")
        certification_apply(
            cohort=enrollment.cohort,
            results=[
                TraineeResult(
                    enrollment_id=enrollment.pk,
                    job_seeker_id=enrollment.job_seeker_id,
                    outcome="completed",
                    competency="K",
                    assessed_on=max(today, enrollment.cohort.end_date),
                    certificate_no="LSP/NEW",
                )
            ],
        )
    # People trained before are certified today.
    for row in JobSeekerSkill.objects.filter(source=2)[:30]:
        row.source, row.certified_from, row.certificate_no = 3, today, "LSP/NEW"
        row.save()
    # New enrollments into a cohort running today and into one that ran in the period.
    programme = factories.programme(world.provider_a, "LAS")
    running = factories.cohort(programme, start_date=today, end_date=today + datetime.timedelta(40))
    people = list(JobSeeker.objects.filter(status="active")[:15])
    for person in people:
        factories.enrollment(running, person, enrolled_on=today)
    # Vacancies still open close today, filled by placements starting today.
    for vacancy in Vacancy.objects.filter(closed_on__isnull=True)[:20]:
        Vacancy.objects.filter(pk=vacancy.pk).update(
            closed_on=max(today, vacancy.opens_on), status="filled", close_reason="filled"
        )
        if vacancy.kind == "job":
            factories.placement_at(people[0], vacancy.company, vacancy=vacancy, start_date=today)
    # Registrations end today; follow-ups of every placement recorded today.
    for person in JobSeeker.objects.filter(status="active")[:25]:
        job_seeker_end(job_seeker=person, reason="withdrawn", ended_on=today)
    for placement in Placement.objects.filter(start_date__lt=today):
        factories.follow_up(placement, today, employed=placement.pk % 2 == 0)
    # New people register and declare skills today.
    newcomer = factories.job_seeker(world.office_a, registered_on=today)
    factories.give_skill(newcomer, "LAS-SMAW")


def cells(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def ipk_cells(period, scope) -> dict:
    return {
        code: [table.rows, table.total] for code, table in ipk.ipk_tables(period, scope).items()
    }


def reports(world) -> dict:
    out = {}
    for user in (world.admin, world.officer_a):
        scope = scope_for(user)
        for by in lm.GROUPINGS:
            out[("link_and_match", user.pk, by)] = cells(
                lm.link_and_match(lm.Params(FROM, TO, by), scope)
            )
        for by in ("skill", "vocation"):
            # Every count; the programmes column lists today's offer, for planning now.
            frame = recommendation(lm.Params(FROM, TO, by), scope)
            out[("recommendation", user.pk, by)] = cells(frame.drop(columns=["programmes"]))
        for by in oc.GROUPINGS:
            params = oc.Params(FROM, TO, by)
            frame = oc.outcomes(params, scope)
            out[("outcomes", user.pk, by)] = cells(frame)
            out[("outcomes totals", user.pk, by)] = oc.totals(frame, params, scope)
        for period in (Period("month", 2025, 3), Period("quarter", 2025, 2), Period("year", 2024)):
            out[("ipk", user.pk, period.code)] = ipk_cells(period, scope)
        office = scope.office.pk if scope.office else None
        stages, _frame = funnel.funnel(
            JobSeeker.objects.visible_to(user), funnel.Filters(FROM, TO, office_id=office)
        )
        out[("funnel", user.pk)] = [stage.__dict__ for stage in stages]
    return out


def test_every_report_of_a_closed_period_stays_the_same_when_the_world_moves_on(world, market):
    before = reports(world)
    assert any(row["supply"] for row in before[("link_and_match", world.admin.pk, "skill")])
    assert any(row["pipeline"] for row in before[("link_and_match", world.admin.pk, "skill")])
    assert any(row["enrolled"] for row in before[("outcomes", world.admin.pk, "programme")])
    assert before[("ipk", world.admin.pk, "2025-Q2")]["III/7"][1]["total"]["ditempatkan"]
    assert before[("funnel", world.admin.pk)][6]["people"]  # placed

    change_the_world(world)

    after = reports(world)
    for key, rows in before.items():
        assert after[key] == rows, key


def test_anonymising_people_leaves_every_report_unchanged(world, market):
    from trainees.services.personal_data import job_seeker_anonymise

    before = reports(world)
    ended = JobSeeker.objects.exclude(status="active").order_by("pk")[:40]
    for person in ended:
        job_seeker_anonymise(job_seeker=person, by=None, reason="retention period over")

    after = reports(world)
    for key, rows in before.items():
        assert after[key] == rows, key
