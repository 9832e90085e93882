"""The shared calendar rules (vokasi.dates) and the IPK age groups (vokasi.age_groups)."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import ExpressionWrapper, IntegerField, Q
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear

from tests import factories
from trainees.models import JobSeeker
from vokasi.age_groups import AGE_GROUPS, age_group_case, age_group_on
from vokasi.dates import add_months, add_years, age_on, birth_range

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2023, 8, 31), 6, D(2024, 2, 29)),
        (D(2026, 11, 22), -6, D(2026, 5, 22)),
        (D(2026, 1, 15), -13, D(2024, 12, 15)),
        (D(2026, 3, 1), -11, D(2025, 4, 1)),
    ],
)
def test_add_months_keeps_the_day_or_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_add_years_turns_29_february_into_28_february():
    assert add_years(D(2024, 2, 29), 3) == D(2027, 2, 28)
    assert add_years(D(2024, 2, 29), -4) == D(2020, 2, 29)
    assert add_years(D(2024, 2, 29), -17) == D(2007, 2, 28)
    assert add_years(D(2026, 7, 1), -18) == D(2008, 7, 1)


def test_age_on_counts_the_birthday_itself():
    assert age_on(D(2000, 6, 25), D(2024, 6, 24)) == 23
    assert age_on(D(2000, 6, 25), D(2024, 6, 25)) == 24
    # Born on 29 February: a year older on 1 March of a common year.
    assert age_on(D(2004, 2, 29), D(2022, 2, 28)) == 17
    assert age_on(D(2004, 2, 29), D(2022, 3, 1)) == 18


def test_birth_range_holds_exactly_the_people_of_those_ages():
    day = D(2026, 3, 1)
    earliest, latest = birth_range(day, 20, 29)
    assert age_on(latest, day) == 20
    assert age_on(latest + datetime.timedelta(days=1), day) == 19
    assert age_on(earliest, day) == 29
    assert age_on(earliest - datetime.timedelta(days=1), day) == 30
    assert birth_range(day, None, None) == (None, None)
    assert birth_range(day, 55, None)[0] is None


def test_age_group_on_matches_the_declared_bounds():
    day = D(2026, 3, 1)
    for age in range(12, 80):
        birth = add_years(day, -age)
        group = age_group_on(birth, day)
        if age < 20:
            assert group.key == "15-19"
        else:
            assert group.lowest <= age and (group.highest is None or age <= group.highest)
    assert [group.label for group in AGE_GROUPS] == ["15–19", "20–29", "30–44", "45–54", "55+"]


@pytest.mark.django_db
def test_the_sql_age_group_agrees_with_python(world):
    day = D(2026, 3, 1)
    births = [
        add_years(day, -age) + datetime.timedelta(days=shift)
        for age in (19, 20, 30, 45, 55)
        for shift in (0, 1)
    ]
    people = [factories.job_seeker(world.office_a, birth_date=birth) for birth in births]

    def yyyymmdd(name):
        return ExtractYear(name) * 10000 + ExtractMonth(name) * 100 + ExtractDay(name)

    span = ExpressionWrapper(
        day.year * 10000 + day.month * 100 + day.day - yyyymmdd("birth_date"),
        output_field=IntegerField(),
    )
    rows = dict(
        JobSeeker.objects.filter(pk__in=[p.pk for p in people])
        .annotate(span=span)
        .annotate(group=age_group_case(lambda years: Q(span__gte=years * 10000)))
        .values_list("pk", "group")
    )
    assert rows == {p.pk: age_group_on(p.birth_date, day).key for p in people}
