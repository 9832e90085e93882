"""Ten identical follow-ups at once (PostgreSQL): one recorded, the rest are the retry."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from placements.models import FollowUp
from tests import factories
from tests.trainees.test_registration_concurrency import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL"
    ),
]


def test_ten_identical_follow_ups_at_once_record_one_and_answer_the_others_200(world):
    vacancy = factories.vacancy(world.company_a, openings=2)
    placement = factories.placement(vacancy, factories.job_seeker(world.office_a))
    url = f"/api/v1/placements/{placement.pk}/follow-ups/"
    body = {"checked_on": timezone.localdate().isoformat(), "employed": True, "wage": 5_000_000}

    def post():
        client = APIClient()
        client.force_authenticate(world.officer_a)
        return client.post(url, body, format="json")

    answers = run_together(*[post for _ in range(10)])
    statuses = sorted(getattr(a, "status_code", repr(a)) for a in answers)
    assert statuses == [200] * 9 + [201], answers
    assert FollowUp.objects.filter(placement=placement).count() == 1
    assert len({a.json()["id"] for a in answers}) == 1


def test_different_answers_at_once_record_one_and_the_others_conflict(world):
    vacancy = factories.vacancy(world.company_a, openings=2)
    placement = factories.placement(vacancy, factories.job_seeker(world.office_a))
    url = f"/api/v1/placements/{placement.pk}/follow-ups/"
    today = timezone.localdate().isoformat()

    def post(employed):
        def call():
            client = APIClient()
            client.force_authenticate(world.officer_a)
            return client.post(url, {"checked_on": today, "employed": employed}, format="json")

        return call

    answers = run_together(*[post(i % 2 == 0) for i in range(6)])
    statuses = [getattr(a, "status_code", repr(a)) for a in answers]
    assert set(statuses) <= {200, 201, 409}, answers
    assert statuses.count(201) == 1
    assert FollowUp.objects.filter(placement=placement).count() == 1
