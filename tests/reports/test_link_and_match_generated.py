"""On generated data the link-and-match numbers equal counts taken record by record."""

from __future__ import annotations

import datetime
from collections import defaultdict

import pytest

from placements.models import Placement, Vacancy
from reports.link_and_match import Params, link_and_match
from reports.scope import scope_for
from tests.reports import generate
from trainees.models import Enrollment, JobSeeker

FROM, TO = datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)


@pytest.fixture
def market(world):
    return generate.build(world, people=200, vacancy_count=70, seed=11)


def expected_by_skill(office) -> dict:
    """Each number the long way: walk the records in Python."""
    expected = defaultdict(lambda: defaultdict(int))
    city = office.region_id + "."
    for vacancy in Vacancy.objects.filter(opens_on__lte=TO, closes_on__gte=FROM):
        if not vacancy.region_id.startswith(city):
            continue
        for row in vacancy.skill_rows.filter(required=True):
            expected[row.skill_id]["demand"] += vacancy.openings
    names = {3: "supply_certified", 2: "supply_trained", 1: "supply_declared"}
    for person in JobSeeker.objects.filter(office=office).prefetch_related("skill_rows"):
        active = person.registered_on <= TO and (person.ended_on is None or person.ended_on > TO)
        if not active:
            continue
        for row in person.skill_rows.all():
            expected[row.skill_id][names[row.source]] += 1
            expected[row.skill_id]["supply"] += 1
    pipeline = defaultdict(set)
    for enrollment in Enrollment.objects.filter(status="enrolled", job_seeker__office=office):
        cohort = enrollment.cohort
        if cohort.start_date <= TO and cohort.end_date >= FROM:
            for skill in cohort.programme.skills.all():
                pipeline[skill.code].add(enrollment.job_seeker_id)
    for code, people in pipeline.items():
        expected[code]["pipeline"] = len(people)
    for placement in Placement.objects.filter(
        start_date__range=(FROM, TO), job_seeker__office=office, vacancy__isnull=False
    ):
        for row in placement.vacancy.skill_rows.filter(required=True):
            expected[row.skill_id]["placed"] += 1
    return expected


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
    open_vacancies = Vacancy.objects.filter(opens_on__lte=TO, closes_on__gte=FROM)
    assert by_region["demand"].sum() == sum(v.openings for v in open_vacancies)
    active = [
        p
        for p in JobSeeker.objects.all()
        if p.registered_on <= TO and (p.ended_on is None or p.ended_on > TO)
    ]
    assert by_region["supply"].sum() == len(active)
    by_vocation = link_and_match(Params(FROM, TO, "vocation"), scope)
    welding = by_vocation.set_index("key").loc["LAS"]
    holders = {p.pk for p in active if p.skill_rows.filter(skill__vocation_id="LAS").exists()}
    assert welding["supply"] == len(holders)
    welding_vacancies = [
        v
        for v in open_vacancies
        if v.skill_rows.filter(required=True, skill__vocation_id="LAS").exists()
    ]
    assert welding["demand"] == sum(v.openings for v in welding_vacancies)
