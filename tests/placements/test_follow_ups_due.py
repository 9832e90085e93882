"""Follow-ups at 3 and 6 months appear as tasks when nobody has recorded them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.models import FollowUp, Placement
from placements.selectors.pending import follow_ups_due, follow_ups_due_counts
from tests import factories
from tests.factories import PASSWORD
from vokasi.dates import add_months
from vokasi.home import tasks_for

TODAY = datetime.date(2026, 11, 22)


def placed(world, started: datetime.date, office=None, company=None) -> Placement:
    person = factories.job_seeker(
        office or world.office_a, registered_on=started - datetime.timedelta(days=60)
    )
    return Placement.objects.create(
        job_seeker=person,
        company=company or world.company_a,
        start_date=started,
        contract_type="pkwt",
        wage=5_200_000,
        source="self",
    )


def test_add_months_keeps_the_day_or_the_month_end():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 22), -6) == datetime.date(2026, 5, 22)


def test_a_follow_up_is_due_once_the_months_have_passed_and_until_recorded(world):
    due = placed(world, add_months(TODAY, -4))
    not_yet = placed(world, add_months(TODAY, -2))
    recorded = placed(world, add_months(TODAY, -5))
    FollowUp.objects.create(
        placement=recorded, checked_on=add_months(recorded.start_date, 3), employed=True
    )
    too_early = placed(world, add_months(TODAY, -4))
    FollowUp.objects.create(
        placement=too_early,
        checked_on=too_early.start_date + datetime.timedelta(days=20),
        employed=True,
    )
    three = list(follow_ups_due(world.officer_a, months=3, today=TODAY))
    assert three == [due, too_early]
    assert not_yet not in three
    # At six months only the five-month-old one is not yet due either.
    assert list(follow_ups_due(world.officer_a, months=6, today=TODAY)) == []


def test_each_office_and_company_sees_only_its_own(world):
    mine = placed(world, add_months(TODAY, -4))
    theirs = placed(world, add_months(TODAY, -4), office=world.office_b, company=world.company_b)
    assert list(follow_ups_due(world.officer_a, months=3, today=TODAY)) == [mine]
    assert list(follow_ups_due(world.officer_b, months=3, today=TODAY)) == [theirs]
    assert list(follow_ups_due(world.employer_b, months=3, today=TODAY)) == [theirs]
    assert list(follow_ups_due(world.trainer_a, months=3, today=TODAY)) == []


def test_the_homes_counts_are_the_lists_lengths_in_one_statement(world, django_assert_num_queries):
    for months_ago in (2, 4, 4, 5, 7, 8):
        placed(world, add_months(TODAY, -months_ago))
    recorded = placed(world, add_months(TODAY, -7))
    FollowUp.objects.create(
        placement=recorded, checked_on=add_months(recorded.start_date, 3), employed=True
    )
    placed(world, add_months(TODAY, -7), office=world.office_b, company=world.company_b)
    for who in ("officer_a", "officer_b", "employer_a", "employer_b", "admin", "trainer_a"):
        user = getattr(world, who)
        # A trainer sees no placement: nothing to ask.
        with django_assert_num_queries(0 if who == "trainer_a" else 1):
            counts = follow_ups_due_counts(user, (3, 6), today=TODAY)
        assert counts == {
            months: len(follow_ups_due(user, months=months, today=TODAY)) for months in (3, 6)
        }, who
    assert follow_ups_due_counts(world.officer_a, (3, 6), today=TODAY) == {3: 5, 6: 3}


def test_due_follow_ups_are_a_task_on_the_home_page_and_a_list(client, world):
    placement = placed(world, add_months(timezone.localdate(), -4))
    titles = {str(task.title): task.count for task in tasks_for(world.officer_a)}
    assert any("3" in title and count == 1 for title, count in titles.items())
    client.login(username=world.officer_a.username, password=PASSWORD)
    page = client.get(reverse("placements:follow-ups-due") + "?months=3")
    assert page.status_code == 200
    assert placement.job_seeker.name in page.text


@pytest.mark.parametrize("who", ["trainer_a"])
def test_trainers_have_no_follow_up_list(client, world, who):
    client.login(username=getattr(world, who).username, password=PASSWORD)
    assert client.get(reverse("placements:follow-ups-due")).status_code == 403
