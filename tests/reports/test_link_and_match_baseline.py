"""The hand-written SQL the benchmark times link-and-match against counts the same numbers.

``tests.reports.baseline`` counts with one GROUP BY per measure written by hand (the
benchmark, ``bench.reports``, times the report against it); the
comparison is only honest if both answer the same question, so on generated data every
grouping, for every office and for one, gives equal numbers row by row.
"""

from __future__ import annotations

import datetime

import pytest

from reports.link_and_match import GROUPINGS, Params, link_and_match
from reports.scope import scope_for
from tests.reports import generate
from tests.reports.baseline import baseline_link_and_match, compare

FROM, TO = datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)


@pytest.fixture
def market(world):
    return generate.build(world, people=200, vacancy_count=70, seed=5)


@pytest.mark.parametrize("by", list(GROUPINGS))
def test_the_baseline_sql_gives_the_reports_numbers_for_every_office(world, market, by):
    frame = link_and_match(Params(FROM, TO, by), scope_for(world.admin))
    expected = baseline_link_and_match(by, FROM, TO)

    assert compare(frame, expected) == []
    assert sum(row.get("demand", 0) for row in expected.values()) > 0
    assert sum(row["supply"] for row in expected.values()) > 0
    assert sum(row.get("pipeline", 0) for row in expected.values()) > 0
    assert sum(row.get("placed", 0) for row in expected.values()) > 0


@pytest.mark.parametrize("by", list(GROUPINGS))
def test_the_baseline_sql_gives_the_reports_numbers_for_one_office(world, market, by):
    frame = link_and_match(Params(FROM, TO, by), scope_for(world.officer_a))
    expected = baseline_link_and_match(by, FROM, TO, world.office_a)

    assert compare(frame, expected) == []
    assert sum(row["supply"] for row in expected.values()) > 0


def test_a_wrong_count_would_be_noticed(world, market):
    frame = link_and_match(Params(FROM, TO, "skill"), scope_for(world.admin))
    expected = baseline_link_and_match("skill", FROM, TO)
    key = next(iter(expected))
    right = expected[key]["supply_certified"]
    expected[key]["supply_certified"] = right + 1

    assert compare(frame, expected) == [(key, "supply_certified", right, right + 1)]
