"""The identities written in the README's "Reports" section, on generated data: the
reports add up, agree across groupings, and reconcile with each other by the stated rule.
Expected numbers are counted record by record here (``recompute``), never by the reports.
"""

from __future__ import annotations

import datetime

import pytest

from placements.models import Apprenticeship, Placement, Vacancy
from reports import funnel, ipk
from reports import link_and_match as lm
from reports import outcomes as oc
from reports.periods import Period
from reports.scope import scope_for
from tests import factories
from tests.reports import generate, recompute
from trainees.models import Enrollment, JobSeeker
from trainees.services.registration import job_seeker_end_placed

FROM, TO = datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)
FLOWS = ["terdaftar", "ditempatkan", "dihapuskan"]


@pytest.fixture
def market(world):
    return generate.build(world, people=200, vacancy_count=70, seed=31)


def scopes(world):
    return [(scope_for(world.admin), None), (scope_for(world.officer_a), world.office_a)]


def test_ipk_rows_add_up_and_quarters_make_their_year(world, market):
    for scope, _office in scopes(world):
        year = ipk.ipk_tables(Period("year", 2025), scope)
        quarters = [ipk.ipk_tables(Period("quarter", 2025, q), scope) for q in (1, 2, 3, 4)]
        for code, table in year.items():
            for row in [*table.rows, table.total]:
                for column in ipk.STOCK:
                    if row["total"][column] is None:
                        continue
                    assert row["total"][column] == sum(
                        row[split][column] for split in table.splits
                    ), (code, row["key"], column)
            for split in [*table.splits, "total"]:
                for column in ipk.STOCK:
                    if table.total[split][column] is None:
                        continue
                    assert table.total[split][column] == sum(
                        row[split][column] for row in table.rows
                    ), (code, split, column)
                for column in FLOWS if table.kind != "placements" else ["ditempatkan"]:
                    assert table.total[split][column] == sum(
                        q[code].total[split][column] for q in quarters
                    ), (code, split, column)
                if table.kind != "placements":
                    assert (
                        table.total[split]["sisa_lalu"]
                        == quarters[0][code].total[split]["sisa_lalu"]
                    )
                    assert (
                        table.total[split]["sisa_akhir"]
                        == quarters[3][code].total[split]["sisa_akhir"]
                    )


def test_link_and_match_totals_agree_across_groupings(world, market):
    for scope, office in scopes(world):
        frames = {by: lm.link_and_match(lm.Params(FROM, TO, by), scope) for by in lm.GROUPINGS}
        for frame in frames.values():
            total = lm.totals(frame)
            for column in lm.COUNT_COLUMNS:
                assert total[column] == frame[column].sum()
        vacancies = [
            v
            for v in Vacancy.objects.all()
            if recompute.is_open(v, FROM, TO)
            and (office is None or v.region_id.startswith(office.region_id + "."))
        ]
        people = (
            JobSeeker.objects.all() if office is None else JobSeeker.objects.filter(office=office)
        )
        active = [p for p in people if recompute.is_active(p, TO)]
        day = recompute.as_of(TO)
        in_training = {
            e.job_seeker_id
            for e in Enrollment.objects.select_related("cohort", "job_seeker")
            if recompute.in_training(e, day)
            and (office is None or e.job_seeker.office_id == office.pk)
        }
        placements = [
            p
            for p in Placement.objects.select_related("job_seeker")
            if FROM <= p.start_date <= TO
            and (office is None or p.job_seeker.office_id == office.pk)
        ]
        for by in ("occupation", "region", "sector"):
            assert frames[by]["demand"].sum() == sum(v.openings for v in vacancies), by
            assert frames[by]["placed"].sum() == len(placements), by
        for by in ("occupation", "region"):
            assert frames[by]["supply"].sum() == len(active), by
            assert frames[by]["pipeline"].sum() == len(in_training), by
        assert "-" in set(frames["occupation"]["key"])  # people who stated no occupation


def test_placed_funnel_outcomes_and_ipk_reconcile_by_the_stated_rule(world, market):
    office = world.office_a
    scope = scope_for(world.officer_a)
    placements = [
        p
        for p in Placement.objects.select_related("job_seeker")
        if p.job_seeker.office_id == office.pk
    ]
    in_period = [p for p in placements if FROM <= p.start_date <= TO]
    placed = lm.link_and_match(lm.Params(FROM, TO, "sector"), scope)["placed"].sum()
    assert placed == len(in_period)

    # Link-and-match placed - IPK ditempatkan = placements ending no registration in the
    # period - registrations ended as placed with no placement starting in the period.
    months = [Period("month", 2025, m) for m in range(1, 7)]
    ditempatkan = sum(
        ipk.ipk_tables(m, scope)["III/7"].total["total"]["ditempatkan"] for m in months
    )
    ended = {
        p.pk: p
        for p in JobSeeker.objects.filter(office=office, end_reason="placed")
        if FROM <= p.ended_on <= TO
    }
    ending_none = [
        p for p in in_period if p.job_seeker_id not in ended or p.start_date > p.job_seeker.ended_on
    ]
    with_placement = {p.job_seeker_id for p in in_period if p.job_seeker_id in ended}
    without = [pk for pk in ended if pk not in with_placement]
    ending_some = [p for p in in_period if p not in ending_none]
    # Each registration is ended by one placement at most (the latest by its end day).
    assert len(ended) == ditempatkan
    assert placed - ditempatkan == len(ending_none) - len(without) + (
        len(ending_some) - len({p.job_seeker_id for p in ending_some})
    )

    # The funnel's placed: people registered in the period placed by its last day.
    stages, _frame = funnel.funnel(
        JobSeeker.objects.visible_to(world.officer_a), funnel.Filters(FROM, TO, office.pk)
    )
    registered = {
        p.pk for p in JobSeeker.objects.filter(office=office) if FROM <= p.registered_on <= TO
    }
    assert {s.key: s.people for s in stages}["placed"] == len(
        {
            p.job_seeker_id
            for p in placements
            if p.job_seeker_id in registered and p.start_date <= TO
        }
    )

    # Outcomes: trainees of cohorts ended in the period placed within 180 days of the end.
    expected = 0
    for enrollment in Enrollment.objects.select_related("cohort").exclude(status="withdrawn"):
        end = enrollment.cohort.end_date
        if not FROM <= end <= TO:
            continue
        expected += any(
            end <= p.start_date <= end + datetime.timedelta(days=180)
            for p in Placement.objects.filter(job_seeker_id=enrollment.job_seeker_id)
        )
    total = oc.totals(oc.outcomes(oc.Params(FROM, TO), scope), oc.Params(FROM, TO), scope)
    assert total["placed_180d"] == expected


def test_a_referral_hire_an_apprenticeship_turned_hire_and_a_self_found_job_count_alike(world):
    day = datetime.date(2025, 3, 10)
    welding = factories.vacancy(
        world.company_a, opens_on=day - datetime.timedelta(60), closes_on=day, openings=3
    )
    apprenticeship_vacancy = factories.vacancy(
        world.company_a,
        kind="apprenticeship",
        employment_type="magang",
        duration_months=6,
        opens_on=day - datetime.timedelta(300),
        closes_on=day - datetime.timedelta(200),
    )
    people = [
        factories.job_seeker(world.office_a, registered_on=datetime.date(2025, 1, 5))
        for _ in range(3)
    ]
    programme = factories.programme(world.provider_a, "LAS")
    cohort = factories.cohort(
        programme, start_date=datetime.date(2025, 1, 10), end_date=datetime.date(2025, 2, 20)
    )
    for person in people:
        factories.enrollment(
            cohort, person, enrolled_on=datetime.date(2025, 1, 8), status="completed"
        )
    referral = factories.placement(welding, people[0], start_date=day)
    apprenticeship = factories.apprenticeship(
        apprenticeship_vacancy, people[1], start_date=day - datetime.timedelta(200)
    )
    Apprenticeship.objects.filter(pk=apprenticeship.pk).update(
        status="completed", finished_on=day - datetime.timedelta(1), hired=True
    )
    turned = Placement.objects.create(
        job_seeker=people[1],
        company=world.company_a,
        apprenticeship=apprenticeship,
        start_date=day,
        contract_type="pkwt",
        wage=5_000_000,
        source="apprenticeship",
    )
    found = factories.placement_at(people[2], world.company_b, start_date=day)
    for placement in (referral, turned, found):
        job_seeker_end_placed(job_seeker=placement.job_seeker, placement=placement)
    scope = scope_for(world.officer_a)
    period = (datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    for by in ("occupation", "region", "sector"):
        assert lm.link_and_match(lm.Params(*period, by), scope)["placed"].sum() == 3, by
    by_skill = lm.link_and_match(lm.Params(*period, "skill"), scope).set_index("key")
    assert by_skill.loc["LAS-SMAW", "placed"] == 2  # the referral and the apprentice's
    march = ipk.ipk_tables(Period("month", 2025, 3), scope)
    assert march["III/7"].total["total"]["ditempatkan"] == 3
    assert march["III/2"].total["total"]["ditempatkan"] == 3
    stages, _ = funnel.funnel(
        JobSeeker.objects.all(),
        funnel.Filters(datetime.date(2025, 1, 1), datetime.date(2025, 3, 31), world.office_a.pk),
    )
    assert {s.key: s.people for s in stages}["placed"] == 3
    outcome = oc.outcomes(oc.Params(datetime.date(2025, 1, 1), period[1]), scope)
    assert outcome["placed_90d"].sum() == 3
