"""On 24 generated months every IPK table balances, each month opens where the last one
closed, and the closing stocks equal counts taken straight from the records."""

from __future__ import annotations

import datetime

import pytest

from placements.models import Apprenticeship, Placement, Vacancy
from reports.ipk import STOCK, ipk_tables
from reports.link_and_match import active_on
from reports.periods import Period
from reports.scope import scope_for
from tests.reports import generate
from trainees.models import JobSeeker

MONTHS = [Period("month", 2024 + i // 12, i % 12 + 1) for i in range(24)]
STOCK_KINDS = {"job_seekers", "vacancies"}


@pytest.fixture
def market(world):
    return generate.build(world)


def each_cell(table):
    for row in [*table.rows, table.total]:
        for split in [*table.splits, "total"]:
            yield row["key"], split, row[split]


def by_cell(table):
    return {(key, split): cell for key, split, cell in each_cell(table)}


@pytest.mark.parametrize("who", ["officer_a", "admin"])
def test_every_table_balances_and_opens_where_the_last_month_closed(market, world, who):
    scope = scope_for(getattr(world, who))
    previous = None
    moved = 0
    for period in MONTHS:
        tables = ipk_tables(period, scope)
        for code, table in tables.items():
            if table.kind not in STOCK_KINDS:
                continue
            for key, split, cell in each_cell(table):
                assert cell["sisa_akhir"] == (
                    cell["sisa_lalu"] + cell["terdaftar"] - cell["ditempatkan"] - cell["dihapuskan"]
                ), (period.code, code, key, split)
                assert cell["sisa_akhir"] >= 0, (period.code, code, key, split)
            if previous is not None:
                before = by_cell(previous[code])
                for (key, split), cell in by_cell(table).items():
                    assert cell["sisa_lalu"] == before[(key, split)]["sisa_akhir"], (
                        period.code,
                        code,
                        key,
                        split,
                    )
        moved += tables["III/1"].total["total"]["terdaftar"]
        moved += tables["III/1b"].total["total"]["ditempatkan"]
        previous = tables
    assert moved > 100  # the months are not empty


def test_job_seeker_stocks_equal_registrations_active_at_month_end(market, world):
    scope = scope_for(world.officer_a)
    for period in MONTHS:
        tables = ipk_tables(period, scope)
        active = JobSeeker.objects.filter(active_on(period.end), office=world.office_a)
        for code in ("III/1", "III/2", "III/3"):
            total = tables[code].total
            assert total["total"]["sisa_akhir"] == active.count(), (period.code, code)
            assert total["P"]["sisa_akhir"] == active.filter(sex="P").count()
        registered = JobSeeker.objects.filter(
            office=world.office_a, registered_on__range=(period.start, period.end)
        )
        assert tables["III/1"].total["total"]["terdaftar"] == registered.count()
        placed = JobSeeker.objects.filter(
            office=world.office_a, ended_on__range=(period.start, period.end), end_reason="placed"
        )
        assert tables["III/2"].total["total"]["ditempatkan"] == placed.count()


def unfilled_on(day: datetime.date) -> int:
    """Openings still waiting on ``day``, counted vacancy by vacancy in Python."""
    waiting = 0
    for vacancy in Vacancy.objects.filter(opens_on__lte=day, region__code__startswith="36.72."):
        if vacancy.closed_on and vacancy.closed_on <= day:
            continue
        fills = Placement.objects.filter(vacancy=vacancy, start_date__lte=day).count()
        fills += Apprenticeship.objects.filter(vacancy=vacancy, start_date__lte=day).count()
        waiting += vacancy.openings - fills
    return waiting


def test_vacancy_stocks_equal_openings_still_waiting_at_month_end(market, world):
    scope = scope_for(world.officer_a)
    for period in MONTHS[::5]:
        tables = ipk_tables(period, scope)
        assert tables["III/1b"].total["total"]["sisa_akhir"] == unfilled_on(period.end)
        for code in ("III/4", "III/5", "III/6"):
            assert tables[code].total["LP"] == tables["III/1b"].total["LP"], code


def test_a_quarter_adds_up_its_months(market, world):
    scope = scope_for(world.officer_a)
    quarter = Period("quarter", 2025, 2)
    months = [Period("month", 2025, m) for m in (4, 5, 6)]
    q = ipk_tables(quarter, scope)
    ms = [ipk_tables(m, scope) for m in months]
    for code in ("III/1", "III/1b", "III/4", "III/7"):
        for column in ("terdaftar", "ditempatkan", "dihapuskan"):
            if q[code].kind == "placements" and column != "ditempatkan":
                continue
            assert q[code].total["total"][column] == sum(m[code].total["total"][column] for m in ms)
        if q[code].kind != "placements":
            assert q[code].total["total"]["sisa_lalu"] == ms[0][code].total["total"]["sisa_lalu"]
            assert q[code].total["total"]["sisa_akhir"] == ms[2][code].total["total"]["sisa_akhir"]


def test_placement_tables_break_down_the_registrations_ended_as_placed(market, world):
    for user in (world.admin, world.officer_a):
        scope = scope_for(user)
        for period in [Period("year", 2025), Period("quarter", 2025, 3), *MONTHS[::7]]:
            tables = ipk_tables(period, scope)
            for split in ("L", "P", "total"):
                placed = tables["III/2"].total[split]["ditempatkan"]
                assert tables["III/1"].total[split]["ditempatkan"] == placed
                assert tables["III/3"].total[split]["ditempatkan"] == placed
                assert tables["III/7"].total[split]["ditempatkan"] == placed, (period, split)
                assert tables["III/8"].total[split]["ditempatkan"] == placed, (period, split)
    tables = ipk_tables(Period("year", 2025), scope_for(world.admin))
    ended = JobSeeker.objects.filter(end_reason="placed", ended_on__year=2025)
    assert tables["III/7"].total["total"]["ditempatkan"] == ended.count() > 0
    assert tables["III/8"].total["P"]["ditempatkan"] == ended.filter(sex="P").count()
    assert set(STOCK) >= set(tables["III/7"].total["total"])
