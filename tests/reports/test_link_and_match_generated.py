"""On generated data the link-and-match numbers equal counts taken record by record."""

from __future__ import annotations

import datetime

import pytest

from placements.models import Vacancy
from reports.link_and_match import Params, link_and_match
from reports.scope import scope_for
from tests.reports import generate, recompute
from trainees.models import JobSeeker

FROM, TO = datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)


@pytest.fixture
def market(world):
    return generate.build(world, people=200, vacancy_count=70, seed=11)


def expected_by_skill(office) -> dict:
    """Each number the long way: walk the records in Python."""
    return recompute.link_and_match_by_skill(FROM, TO, office)


def test_by_skill_equals_the_record_by_record_count(world, market):
    frame = link_and_match(Params(FROM, TO, "skill"), scope_for(world.officer_a))
    got = {row["key"]: row for row in frame.to_dict("records")}
    expected = expected_by_skill(world.office_a)
    assert set(got) == {code for code, counts in expected.items() if any(counts.values())}
    for code, counts in expected.items():
        for column in (
            "demand",
            "supply_certified",
            "supply_trained",
            "supply_declared",
            "supply",
            "pipeline",
            "placed",
        ):
            assert got[code][column] == counts[column], (code, column)
        assert got[code]["gap"] == counts["demand"] - counts["supply"]
    assert sum(row["demand"] for row in got.values()) > 50


def test_by_vocation_and_region_totals_equal_independent_counts(world, market):
    scope = scope_for(world.admin)
    by_region = link_and_match(Params(FROM, TO, "region"), scope)
    open_vacancies = [v for v in Vacancy.objects.all() if recompute.is_open(v, FROM, TO)]
    assert by_region["demand"].sum() == sum(v.openings for v in open_vacancies)
    active = [
        p
        for p in JobSeeker.objects.all()
        if p.registered_on <= TO and (p.ended_on is None or p.ended_on > TO)
    ]
    assert by_region["supply"].sum() == len(active)
    by_vocation = link_and_match(Params(FROM, TO, "vocation"), scope)
    welding = by_vocation.set_index("key").loc["LAS"]
    holders = {
        p.pk
        for p in active
        for row in p.skill_rows.filter(skill__vocation_id="LAS")
        if recompute.source_on(row, TO)
    }
    assert welding["supply"] == len(holders)
    welding_vacancies = [
        v
        for v in open_vacancies
        if v.skill_rows.filter(required=True, skill__vocation_id="LAS").exists()
    ]
    assert welding["demand"] == sum(v.openings for v in welding_vacancies)
