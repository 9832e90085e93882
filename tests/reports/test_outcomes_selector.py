"""Outcome numbers for a hand-built pair of programmes, worked out by hand.

Programme 1 (provider A, APBN), cohort ending 28 February 2026:
- e1 L: completed, Kompeten, placed 20 days after at Rp 5.000.000, employed at 6 months
- e2 P: completed, Belum Kompeten, placed 132 days after at Rp 6.000.000, gone at 6 months
- e3 L: failed; an apprenticeship after the cohort began, finished and hired
- e4 P: dropped out; an apprenticeship dropped, not hired
- e5: withdrew before the start (not counted)
Programme 2 (provider B, APBD), cohort ending 31 March 2026: e6 completed, K, but placed
before the cohort ended (not a placement after training).
A programme-1 cohort that ended in 2025 is outside the period.
"""

from __future__ import annotations

import datetime

import pytest

from reports.outcomes import Params, outcomes, records, totals
from reports.scope import scope_for
from tests import factories

D = datetime.date
FROM, TO = D(2026, 1, 1), D(2026, 6, 30)


@pytest.fixture
def trained(world):
    p1 = factories.programme(world.provider_a, "LAS", name="Las SMAW", funding="apbn")
    p2 = factories.programme(world.provider_b, "LIS", name="Instalasi Listrik", funding="apbd")
    c1 = factories.cohort(p1, start_date=D(2026, 1, 15), end_date=D(2026, 2, 28))
    c2 = factories.cohort(p2, start_date=D(2026, 2, 1), end_date=D(2026, 3, 31))
    old = factories.cohort(p1, start_date=D(2025, 5, 1), end_date=D(2025, 6, 15))
    people = [
        factories.job_seeker(world.office_a, sex=sex, registered_on=D(2025, 12, 1))
        for sex in "LPLPLL"
    ]
    e = [factories.enrollment(c1, person, enrolled_on=D(2026, 1, 10)) for person in people[:5]]
    e6 = factories.enrollment(c2, people[5], enrolled_on=D(2026, 1, 20), status="completed")
    factories.enrollment(old, people[0], enrolled_on=D(2025, 4, 20))
    e[4].status = "withdrawn"
    e[4].save()
    for enrollment, outcome in zip(
        e[:4], ["completed", "completed", "failed", "dropped"], strict=True
    ):
        factories.training_result(enrollment, outcome)
    factories.training_result(e6, "completed")
    factories.assessment(e[0], "K")
    factories.assessment(e[1], "BK")
    factories.assessment(e6, "K")
    a = world.company_a
    p_e1 = factories.placement_at(people[0], a, start_date=D(2026, 3, 20), wage=5_000_000)
    factories.follow_up(p_e1, D(2026, 9, 20), employed=True)
    p_e2 = factories.placement_at(people[1], a, start_date=D(2026, 7, 10), wage=6_000_000)
    factories.follow_up(p_e2, D(2027, 1, 10), employed=False)
    factories.apprenticeship_at(
        people[2],
        a,
        start_date=D(2026, 3, 5),
        status="completed",
        finished_on=D(2026, 9, 5),
        hired=True,
    )
    factories.apprenticeship_at(
        people[3],
        a,
        start_date=D(2026, 3, 5),
        status="dropped",
        finished_on=D(2026, 4, 5),
        hired=False,
    )
    factories.placement_at(people[5], a, start_date=D(2026, 1, 10))
    return p1, p2


def by_name(frame):
    return {row["name"]: row for row in records(frame)}


def test_outcomes_per_programme_equal_the_hand_count(world, trained):
    got = by_name(outcomes(Params(FROM, TO, "programme"), scope_for(world.admin)))
    las = got["Las SMAW"]
    assert (las["enrolled"], las["completed"], las["assessed"], las["certified"]) == (4, 2, 2, 1)
    assert (las["placed_90d"], las["placed_180d"]) == (1, 2)
    assert las["median_days_to_placement"] == 76  # (20 + 132) / 2
    assert las["median_starting_wage"] == 5_500_000
    assert (las["followed_6m"], las["retained_6m"]) == (2, 1)
    assert (las["apprenticeships_finished"], las["apprenticeships_hired"]) == (2, 1)
    assert las["completion_rate"] == 0.5
    assert las["certification_rate"] == 0.5
    assert las["placement_rate_90d"] == 0.25
    assert las["retention_rate_6m"] == 0.5
    assert las["apprenticeship_hire_rate"] == 0.5
    listrik = got["Instalasi Listrik"]
    assert (listrik["enrolled"], listrik["certified"], listrik["placed_180d"]) == (1, 1, 0)
    assert listrik["median_days_to_placement"] is None


def test_totals_recompute_rates_and_medians_over_everyone(world, trained):
    params = Params(FROM, TO, "funding")
    frame = outcomes(params, scope_for(world.admin))
    total = totals(frame, params, scope_for(world.admin))
    assert total["enrolled"] == 5
    assert total["certified"] == 2
    assert total["certification_rate"] == pytest.approx(2 / 3, abs=1e-4)
    assert total["median_days_to_placement"] == 76
    assert set(by_name(frame)) == {"APBN", "APBD"}


def test_outcomes_by_sex(world, trained):
    got = by_name(outcomes(Params(FROM, TO, "sex"), scope_for(world.admin)))
    men = next(row for row in got.values() if row["key"] == "L")
    women = next(row for row in got.values() if row["key"] == "P")
    assert (men["enrolled"], men["placed_180d"]) == (3, 1)
    assert (women["enrolled"], women["placed_180d"]) == (2, 1)


def test_a_trainer_sees_only_its_own_providers_programmes(world, trained):
    got = by_name(outcomes(Params(FROM, TO, "programme"), scope_for(world.trainer_b)))
    assert set(got) == {"Instalasi Listrik"}


def test_the_provider_and_funding_filters_narrow_the_cohorts(world, trained):
    scope = scope_for(world.admin)
    got = by_name(outcomes(Params(FROM, TO, "programme", funding="apbd"), scope))
    assert set(got) == {"Instalasi Listrik"}
    got = by_name(outcomes(Params(FROM, TO, "cohort", provider=world.provider_a.pk), scope))
    assert len(got) == 1 and next(iter(got)).startswith("Las SMAW — ")


def test_rows_are_named_from_the_reference_tables(world, trained):
    from vokasi.models import EducationLevel, Region

    scope = scope_for(world.admin)
    got = by_name(outcomes(Params(FROM, TO, "provider"), scope))
    assert {name: row["enrolled"] for name, row in got.items()} == {
        world.provider_a.name: 4,
        world.provider_b.name: 1,
    }
    got = by_name(outcomes(Params(FROM, TO, "education"), scope))
    assert set(got) == {EducationLevel.objects.get(code="smk").name}
    got = by_name(outcomes(Params(FROM, TO, "region"), scope))
    assert set(got) == {Region.objects.get(code="36.72.04").name}
    got = by_name(outcomes(Params(FROM, TO, "cohort"), scope))
    assert sorted(row["enrolled"] for row in got.values()) == [1, 4]
    assert all(" — " in name for name in got)
