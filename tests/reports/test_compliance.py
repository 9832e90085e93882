"""The compliance report and the ledger against an independent recount on a hand-built
register (tests/reports/ledger_data.py)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from reports import compliance
from tests.reports import ledger_data as data
from vokasi.models import Company

pytestmark = pytest.mark.django_db

COUNTS = [c for c in compliance.COUNTS]


@pytest.fixture
def ledger(world):
    return data.build(world)


def by_company(rows):
    return {row["key"]: row for row in compliance.records(rows)}


def run(user, by="company", date_from=data.FROM, date_to=data.TO):
    return compliance.report(
        compliance.register(user),
        compliance.Filters(date_from, date_to, by),
        today=datetime.date(2026, 1, 1),
    )


def test_every_number_of_every_company_agrees_with_a_recount(world, ledger):
    rows = by_company(run(world.officer_a))
    register = Company.objects.filter(office=world.office_a)
    expected = data.recount(register, data.FROM, data.TO)
    assert set(rows) == set(expected)
    for pk, want in expected.items():
        got = rows[pk]
        assert {k: got[k] for k in [*COUNTS, "status"]} == want, Company.objects.get(pk=pk).name


def test_the_hand_built_cases_come_out_as_designed(world, ledger):
    rows = by_company(run(world.officer_a))
    reporting = rows[ledger.reporting.pk]
    assert reporting["vacancies"] == 1
    assert reporting["openings"] == 4
    assert reporting["hires"] == 6
    assert reporting["hires_local"] == 4  # outside the city and Serang are not local
    assert reporting["hires_referred"] == 1
    assert reporting["hires_trained"] == 1  # the late graduate finished after starting
    assert reporting["fills_reported"] == 1
    assert reporting["status"] == "reporting"
    assert reporting["last_report"] == datetime.date(2025, 6, 2)
    overdue = rows[ledger.overdue.pk]
    assert overdue["overdue"] == 2  # "Overdue", and the expired one never reported filled
    assert overdue["vacancies"] == 6  # the rejected one was reported too
    assert overdue["fills_reported"] == 1  # closed as filled
    assert overdue["status"] == "overdue"
    assert rows[ledger.never.pk]["status"] == "never"
    assert rows[ledger.never.pk]["companies_reporting"] == 0
    referring = rows[ledger.referring.pk]
    assert referring["fills_reported"] == 1  # the apprenticeship starts after the period
    assert referring["overdue"] == 1
    assert ledger.elsewhere.pk not in rows


def test_the_grace_days_are_a_setting(world, ledger, settings):
    settings.VOKASI_FILL_REPORT_GRACE_DAYS = 29
    rows = by_company(run(world.officer_a))
    assert rows[ledger.overdue.pk]["overdue"] == 3  # "Within grace" is now past it
    expected = data.recount(Company.objects.filter(office=world.office_a), data.FROM, data.TO)
    assert rows[ledger.overdue.pk]["overdue"] == expected[ledger.overdue.pk]["overdue"]


@pytest.mark.parametrize("by", ["sector", "kecamatan"])
def test_groups_add_up_the_companies_in_them(world, ledger, by):
    companies = run(world.officer_a)
    groups = compliance.records(run(world.officer_a, by=by))
    frame = compliance.company_rows(
        compliance.register(world.officer_a), data.FROM, data.TO, datetime.date(2026, 1, 1)
    )
    column = "sector" if by == "sector" else "kecamatan"
    for group in groups:
        members = frame[frame[column] == group["key"]]
        for count in COUNTS:
            assert group[count] == int(members[count].sum()), (group["key"], count)
        assert group["status"] is None
    assert sum(g["companies"] for g in groups) == len(companies) == 4
    total = compliance.totals(run(world.officer_a, by=by))
    assert total == compliance.totals(companies)


def test_an_admin_reads_every_register_and_shares_are_computed(world, ledger):
    rows = compliance.records(run(world.admin))
    assert {r["key"] for r in rows} >= {ledger.elsewhere.pk, ledger.reporting.pk}
    total = compliance.totals(run(world.officer_a))
    assert total["companies"] == 4
    assert total["companies_reporting"] == 3
    assert total["reporting_rate"] == 0.75
    assert total["local_share"] == pytest.approx(4 / 6, abs=1e-4)


def test_a_closed_period_keeps_its_numbers_after_later_records(world, ledger):
    before = compliance.records(run(world.officer_a))
    later = datetime.date(2025, 7, 10)
    # The overdue vacancy is reported filled, a new vacancy and hire arrive, the silent
    # company finally reports: all after the period.
    overdue = ledger.overdue.vacancies.get(title="Overdue")
    data.hire(ledger.overdue, later, vacancy=overdue)
    data.vacancy(ledger.never, later)
    data.hire(ledger.never, later)
    data.hire(ledger.reporting, later, domicile_id=None)
    assert compliance.records(run(world.officer_a)) == before
    # ... while today's reading sees them.
    after = by_company(run(world.officer_a, date_to=datetime.date(2025, 12, 31)))
    assert after[ledger.never.pk]["status"] != "never"
    assert after[ledger.never.pk]["vacancies"] == 1


def test_the_company_ledger_counts_each_month_and_overdue_at_its_end(world, ledger):
    months = compliance.company_ledger(ledger.overdue, months=12, today=datetime.date(2025, 6, 30))
    assert [m.code for m in months][:2] == ["2025-06", "2025-05"]
    by_month = {m.code: m for m in months}
    assert by_month["2025-01"].vacancies == 5
    assert by_month["2025-03"].vacancies == 1
    assert by_month["2025-01"].fills_reported == 1
    # The expired vacancy of 2024 (closed 1 December) is overdue from 1 January on; the
    # "Overdue" one from June.
    assert by_month["2025-01"].overdue == 1
    assert by_month["2025-06"].overdue == 2
    reporting = {
        m.code: m
        for m in compliance.company_ledger(
            ledger.reporting, months=12, today=datetime.date(2025, 6, 30)
        )
    }
    assert reporting["2025-04"].hires == 3
    assert reporting["2025-04"].hires_local == 1
    assert reporting["2025-04"].hires_trained == 1
    assert sum(m.hires for m in reporting.values()) == 7  # December 2024 too


def test_a_submitted_vacancy_is_demand_and_a_rejected_one_is_not(world):
    from reports import link_and_match as lm
    from reports.scope import scope_for

    company = data.factories.company(office=world.office_a)
    today = timezone.localdate()
    data.factories.vacancy(company, openings=5, status="submitted")
    data.factories.vacancy(company, openings=7, status="rejected")
    params = lm.Params(date_from=today, date_to=today, by="skill")
    vacancies = lm.open_vacancies(params, scope_for(world.admin))
    assert sum(v.openings for v in vacancies) == 5


@pytest.mark.parametrize("month", [1, 2, 3, 4])
def test_openings_reported_agree_with_the_ipk_vacancy_tables(world, ledger, month):
    """Where the two meet (every vacancy reported the day it opened, as here), the
    openings the ledger counts in a month are the openings IPK III/6 registers, but for a
    vacancy the office rejected: the company reported it (the ledger counts it), yet it
    never was demand (IPK does not)."""
    from placements.models import Vacancy
    from reports.ipk import ipk_tables
    from reports.periods import Period, month_end
    from reports.scope import scope_for

    period = Period("month", 2025, month)
    rows = compliance.report(
        compliance.register(world.admin),
        compliance.Filters(period.start, month_end(2025, month), "company"),
        today=datetime.date(2026, 1, 1),
    )
    tables = ipk_tables(period, scope_for(world.admin))
    rejected = sum(
        Vacancy.objects.filter(
            status=Vacancy.Status.REJECTED,
            created_at__date__range=(period.start, month_end(2025, month)),
        ).values_list("openings", flat=True)
    )
    registered = tables["III/6"].total["total"]["terdaftar"]
    assert int(rows["openings"].sum()) - rejected == registered
