"""A vacancy counts as demand for the days it was actually open: from ``opens_on`` to the
earlier of ``closes_on`` and ``closed_on``, in every report."""

from __future__ import annotations

import datetime

from placements.models import Vacancy
from reports import link_and_match as lm
from reports.recommendation import recommendation
from reports.scope import scope_for
from tests import factories

D = datetime.date
NOVEMBER = (D(2025, 11, 1), D(2025, 11, 30))


def _filled_in_october(world):
    return factories.vacancy(
        world.company_a,
        openings=7,
        required_skills=["LIS-PLC"],
        opens_on=D(2025, 10, 1),
        closes_on=D(2025, 11, 20),
        closed_on=D(2025, 10, 17),
        status="filled",
        close_reason="filled",
    )


def test_a_vacancy_filled_in_october_is_not_novembers_demand(world):
    _filled_in_october(world)
    scope = scope_for(world.admin)
    for by in lm.GROUPINGS:
        frame = lm.link_and_match(lm.Params(*NOVEMBER, by), scope)
        assert frame["demand"].sum() == 0, by
    october = lm.link_and_match(lm.Params(D(2025, 10, 1), D(2025, 10, 31), "skill"), scope)
    assert october.set_index("key").loc["LIS-PLC", "demand"] == 7


def test_a_closed_vacancy_does_not_seed_its_sectors_skills_or_the_recommendation(world):
    _filled_in_october(world)
    person = factories.job_seeker(world.office_a, registered_on=D(2025, 1, 5))
    factories.give_skill(person, "LIS-PLC")
    scope = scope_for(world.admin)
    by_sector = lm.link_and_match(lm.Params(*NOVEMBER, "sector"), scope)
    assert by_sector["supply"].sum() == 0
    assert recommendation(lm.Params(*NOVEMBER, "skill"), scope).empty
    assert not lm.row_vacancies(lm.Params(*NOVEMBER, "skill"), scope, "LIS-PLC").exists()


def test_open_between_is_the_one_definition(world):
    vacancy = _filled_in_october(world)
    assert vacancy not in Vacancy.objects.open_between(*NOVEMBER)
    assert vacancy in Vacancy.objects.open_between(D(2025, 10, 17), D(2025, 10, 17))
    assert vacancy not in Vacancy.objects.open_between(D(2025, 10, 18), D(2025, 10, 19))
