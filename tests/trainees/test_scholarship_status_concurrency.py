"""Officers changing one scholarship's status at the same moment (PostgreSQL): the row
lock applies the changes one after the other, so the same change sent many times is
written once (one history row) and different changes leave a row one of them wrote."""

from __future__ import annotations

import datetime
import time

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from tests.trainees.test_registration_concurrency import run_together
from tests.trainees.test_scholarship_status import agreement_of, scholarship_under
from trainees.services import scholarships as service

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL"
    ),
]

TODAY = timezone.localdate()


def patch_as(user, url, body):
    def call():
        client = APIClient()
        client.force_authenticate(user)
        return client.patch(url, body, format="json")

    return call


@pytest.fixture(autouse=True)
def slow_checks(monkeypatch):
    """Hold every change a moment between reading the row and writing it, so the writers
    really overlap (without the lock each would read "awarded" and write its own change)."""
    checks = service._end_errors

    def slowly(*args, **kwargs):
        time.sleep(0.3)
        return checks(*args, **kwargs)

    monkeypatch.setattr(service, "_end_errors", slowly)


@pytest.fixture
def scholarship(world):
    agreement = agreement_of(world.office_a, providers=[world.provider_a])
    return scholarship_under(agreement)


def url(scholarship) -> str:
    return f"/api/v1/agreements/{scholarship.agreement_id}/scholarships/{scholarship.pk}/"


def test_the_same_change_at_once_is_written_once(world, scholarship):
    day = (TODAY - datetime.timedelta(days=4)).isoformat()
    body = {"status": "completed", "ended_on": day}
    versions = scholarship.history.count()
    answers = run_together(*[patch_as(world.officer_a, url(scholarship), body) for _ in range(6)])
    assert [getattr(a, "status_code", repr(a)) for a in answers] == [200] * 6, answers
    assert {(a.json()["status"], a.json()["ended_on"]) for a in answers} == {("completed", day)}
    assert scholarship.history.count() == versions + 1
    scholarship.refresh_from_db()
    assert (scholarship.status, scholarship.ended_on.isoformat()) == ("completed", day)


def test_different_changes_at_once_leave_one_of_them_whole(world, scholarship):
    graduated = (TODAY - datetime.timedelta(days=4)).isoformat()
    left = (TODAY - datetime.timedelta(days=40)).isoformat()
    bodies = [
        {"status": "completed", "ended_on": graduated},
        {"status": "dropped", "ended_on": left},
    ] * 3
    answers = run_together(
        *[patch_as(world.officer_a if i % 2 else world.admin, url(scholarship), b)
          for i, b in enumerate(bodies)]
    )  # fmt: skip
    assert [getattr(a, "status_code", repr(a)) for a in answers] == [200] * 6, answers
    scholarship.refresh_from_db()
    final = (scholarship.status, scholarship.ended_on.isoformat())
    assert final in {("completed", graduated), ("dropped", left)}
    # Every version in the history is one of the two whole changes (never a status with
    # the other's day), and the latest is what is on file.
    changed = scholarship.history.filter(history_type="~").order_by("history_date", "history_id")
    seen = {(v.status, v.ended_on.isoformat()) for v in changed}
    assert seen <= {("completed", graduated), ("dropped", left)}
    assert (changed.last().status, changed.last().ended_on.isoformat()) == final
