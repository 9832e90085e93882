"""The link-and-match numbers equal the ones worked out by hand in tests/reports/data.py."""

from __future__ import annotations

import pytest

from reports.link_and_match import (
    COLUMNS,
    NOT_STATED,
    Params,
    link_and_match,
    records,
    totals,
)
from reports.scope import scope_for
from tests import factories
from tests.reports import data


@pytest.fixture
def market(world):
    return data.build(world)


def rows(frame):
    return {row["key"]: row for row in frame.to_dict("records")}


def report(user, by, **kw):
    return rows(link_and_match(Params(data.FROM, data.TO, by, **kw), scope_for(user)))


def test_by_skill_for_an_officer_counts_the_offices_people_and_its_citys_vacancies(market):
    got = report(market.world.officer_a, "skill")
    smaw = got["LAS-SMAW"]
    assert smaw["demand"] == 8  # v1 5 + v2 3; v3 opens later, v4 only prefers it, v5 is Serang
    assert (smaw["supply_certified"], smaw["supply_trained"], smaw["supply_declared"]) == (1, 1, 1)
    assert smaw["supply"] == 3
    assert smaw["pipeline"] == 2  # p2 and p7; p1 withdrew
    assert smaw["placed"] == 1  # p4 into v2; p6 belongs to office B
    assert smaw["gap"] == 5
    assert smaw["ratio"] == pytest.approx(0.38)
    assert smaw["demand_per_seeker"] == pytest.approx(2.67)
    assert smaw["label"] == "shortage"
    gtaw = got["LAS-GTAW"]
    assert (gtaw["demand"], gtaw["supply_declared"], gtaw["supply"], gtaw["pipeline"]) == (
        5,
        1,
        1,
        2,
    )
    plc = got["LIS-PLC"]
    assert (plc["demand"], plc["supply"], plc["ratio"], plc["label"]) == (2, 0, 0.0, "shortage")
    assert got["LAS-SMAW"]["name"].startswith("Pengelasan SMAW")


def test_an_admin_sees_every_office_and_city(market):
    smaw = report(market.world.admin, "skill")["LAS-SMAW"]
    assert smaw["demand"] == 12  # v5 in Kota Serang too
    assert smaw["supply_certified"] == 2  # p6 of office B
    assert smaw["placed"] == 2


def test_an_admin_can_narrow_to_one_office(market):
    frame = link_and_match(
        Params(data.FROM, data.TO, "skill"), scope_for(market.world.admin, market.world.office_a.pk)
    )
    assert rows(frame)["LAS-SMAW"]["demand"] == 8


def test_by_vocation_counts_a_vacancy_and_a_person_once(market):
    las = report(market.world.officer_a, "vocation")["LAS"]
    assert las["demand"] == 8  # v1 needs two welding units but counts once
    assert (las["supply_certified"], las["supply_trained"], las["supply_declared"]) == (1, 1, 1)
    assert (las["pipeline"], las["placed"]) == (2, 1)
    assert las["name"] == "Las"
    assert report(market.world.officer_a, "vocation")["LIS"]["demand"] == 2


def test_by_occupation_compares_vacancy_occupation_with_the_occupation_sought(market):
    got = report(market.world.officer_a, "occupation")
    welders = got["7212"]
    assert welders["demand"] == 8
    # p1 certified, p2 trained, p7 has no skill: declared; p4 ended, p5 seeks nothing
    assert (welders["supply_certified"], welders["supply_trained"], welders["supply_declared"]) == (
        1,
        1,
        1,
    )
    assert (welders["pipeline"], welders["placed"]) == (2, 1)
    assert got["3113"]["demand"] == 2


def test_by_sector_counts_people_who_hold_a_skill_the_sector_needs(market):
    got = report(market.world.officer_a, "sector")
    industry = got["C"]
    assert industry["demand"] == 8
    assert (industry["supply_certified"], industry["supply_trained"]) == (1, 1)
    assert industry["supply_declared"] == 1
    assert (industry["pipeline"], industry["placed"]) == (2, 1)
    assert got["H"]["demand"] == 2 and got["H"]["supply"] == 0
    assert industry["name"] == "Industri Pengolahan"


def test_by_region_counts_workplaces_and_homes(market):
    got = report(market.world.officer_a, "region")
    home = got["36.72.04"]
    assert home["demand"] == 8
    assert (home["supply_certified"], home["supply_trained"], home["supply_declared"]) == (1, 1, 2)
    assert got["36.72.02"]["demand"] == 2
    assert home["name"] == "Ciwandan"


def test_the_vocation_filter_keeps_only_its_skills(market):
    got = report(market.world.officer_a, "skill", vocation="LIS")
    assert set(got) == {"LIS-PLC"}


def test_the_sector_filter_keeps_only_that_sectors_vacancies(market):
    got = report(market.world.officer_a, "skill", sector="H")
    assert got["LIS-PLC"]["demand"] == 2
    assert got.get("LAS-SMAW", {"demand": 0})["demand"] == 0


def test_totals_add_up_the_rows(market):
    frame = link_and_match(Params(data.FROM, data.TO, "skill"), scope_for(market.world.officer_a))
    total = totals(frame)
    assert total["demand"] == 8 + 5 + 2
    assert total["supply"] == 3 + 1
    assert total["ratio"] == pytest.approx(round(4 / 15, 2))


def test_labels_follow_the_thresholds_in_settings(market, settings):
    settings.VOKASI = {**settings.VOKASI, "LINK_MATCH_SHORTAGE_BELOW": 0.3}
    assert report(market.world.officer_a, "skill")["LAS-SMAW"]["label"] == "balanced"


def test_an_employer_may_not_read_reports(market):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        scope_for(market.world.employer_a)


def test_the_provider_filter_counts_only_its_cohorts_in_the_pipeline(market):
    other = report(market.world.officer_a, "skill", provider=market.world.provider_b.pk)
    assert other["LAS-SMAW"]["pipeline"] == 0
    own = report(market.world.officer_a, "skill", provider=market.world.provider_a.pk)
    assert own["LAS-SMAW"]["pipeline"] == 2


def test_placements_without_an_occupation_count_even_when_no_placement_has_one(market):
    # The only placement at a company of sector H in the period was found by the person
    # (no vacancy, so no occupation): it is in the "not stated" row, not lost.
    factories.placement_at(
        market.people["p5"], market.world.company_b, start_date=data.D(2026, 3, 10)
    )
    frame = link_and_match(
        Params(data.FROM, data.TO, "occupation", sector="H"), scope_for(market.world.officer_a)
    )
    assert rows(frame)[NOT_STATED]["placed"] == 1
    assert totals(frame)["placed"] == 1


@pytest.mark.parametrize("by", ["skill", "vocation", "sector", "occupation", "region"])
def test_rows_come_by_gap_then_demand_largest_first_then_by_key(market, by):
    frame = link_and_match(Params(data.FROM, data.TO, by), scope_for(market.world.admin))
    got = list(zip(frame["gap"], frame["demand"], frame["key"], strict=True))
    assert len(got) > 1
    assert got == sorted(got, key=lambda row: (-row[0], -row[1], row[2]))
    assert list(frame.index) == list(range(len(frame)))


def test_a_period_with_nothing_in_it_gives_no_rows_and_zero_totals(market):
    frame = link_and_match(
        Params(data.D(2010, 1, 1), data.D(2010, 12, 31), "skill"), scope_for(market.world.officer_a)
    )
    assert list(frame.columns) == COLUMNS and len(frame) == 0
    assert records(frame) == []
    total = totals(frame)
    assert (total["demand"], total["supply"], total["placed"]) == (0, 0, 0)
    assert (total["ratio"], total["label"]) == (None, "no_demand")
