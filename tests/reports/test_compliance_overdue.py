"""The overdue rule read for one day in SQL (``overdue_vacancies_at``: the home's task,
a company's own list) gives the vacancies the report's frame gives (``overdue_at``) and
the independent recount (``ledger_data.is_overdue``), on every day around the edges."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from placements.models import Vacancy
from reports import compliance
from tests.reports import ledger_data as data
from vokasi.models import Company

pytestmark = pytest.mark.django_db


def days_around(vacancies) -> list[datetime.date]:
    """Every day on which a vacancy's status may change, and the days either side."""
    grace = datetime.timedelta(days=compliance.grace_days())
    edges = set()
    for vacancy in vacancies:
        for day in (vacancy.closes_on + grace, vacancy.closed_on, data.fill_date(vacancy)):
            if day:
                edges |= {day - datetime.timedelta(days=1), day, day + datetime.timedelta(days=1)}
    return sorted(edges)


def test_sql_frame_and_recount_agree_on_every_day_and_vacancy(world):
    data.build(world)
    companies = Company.objects.all()
    vacancies = list(Vacancy.objects.all())
    frame = compliance.vacancy_frame(companies)
    days = days_around(vacancies)
    assert len(days) > 20
    for day in days:
        recounted = {v.pk for v in vacancies if data.is_overdue(v, day)}
        in_sql = set(compliance.overdue_vacancies_at(companies, day).values_list("pk", flat=True))
        in_frame = set(frame.loc[compliance.overdue_at(frame, day), "vacancy_id"])
        assert in_sql == recounted == in_frame, day
        companies_late = len({v.company_id for v in vacancies if v.pk in recounted})
        assert compliance.overdue_companies(companies, day) == companies_late


def test_a_filled_vacancy_without_a_closing_day_is_filled_from_its_closing_date(world):
    ledger = data.build(world)
    vacancy = data.vacancy(
        ledger.overdue,
        datetime.date(2024, 1, 2),
        closes_on=datetime.date(2024, 2, 1),
        status="filled",
        close_reason="filled",
        closed_on=None,
    )
    companies = Company.objects.filter(pk=ledger.overdue.pk)
    for day in (datetime.date(2024, 1, 31), datetime.date(2024, 3, 15)):
        assert vacancy not in compliance.overdue_vacancies_at(companies, day)
        assert not data.is_overdue(vacancy, day)


def test_the_homes_counts_are_the_reports_and_the_recounts_on_every_day(world):
    """The officer's home counts the register's companies with an overdue vacancy and
    those that never reported (``register_counts``): on every day around the edges they
    are the statuses of the report's company rows and of the independent recount."""
    data.build(world)
    companies = Company.objects.filter(office=world.office_a)
    days = days_around(Vacancy.objects.filter(company__in=companies))
    assert len(days) > 10
    for day in days:
        recounted = data.recount(companies, day, day)
        rows = compliance.company_rows(companies, day, day, today=day)
        expected = {
            status: sum(1 for row in recounted.values() if row["status"] == status)
            for status in ("overdue", "never")
        }
        assert compliance.register_counts(companies, day) == expected, day
        assert {s: int((rows["status"] == s).sum()) for s in expected} == expected, day
    assert any(compliance.register_counts(companies, day)["overdue"] for day in days)
    assert any(compliance.register_counts(companies, day)["never"] for day in days)


def test_the_homes_counts_read_the_register_in_two_statements(world, django_assert_num_queries):
    data.build(world)
    companies = Company.objects.filter(office=world.office_a)
    assert companies.count() > 2
    # Two counts, and on PostgreSQL the planner settings before them.
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 2):
        compliance.register_counts(companies, datetime.date(2025, 9, 1))
