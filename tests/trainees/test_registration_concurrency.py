"""Two officers press "register" for the same NIK at the same moment (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from tests import factories
from trainees.models import JobSeeker

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL"
    ),
]
URL = "/api/v1/job-seekers/"


def run_together(*calls):
    """Start every call at once in its own thread (own connection); return their results."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # surfaced to the test below
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_the_same_nik_at_the_same_moment_registers_once_and_the_loser_gets_409(world):
    from rest_framework.test import APIClient

    payload = factories.job_seeker_payload()

    def post_as(user):
        def call():
            client = APIClient()
            client.force_authenticate(user)
            return client.post(URL, payload, format="json")

        return call

    first, second = run_together(post_as(world.officer_a), post_as(world.officer_b))
    statuses = sorted([first.status_code, second.status_code])
    assert statuses == [201, 409], (first, second)
    winner = first if first.status_code == 201 else second
    loser = second if winner is first else first
    assert loser.json()["existing_id"] == winner.json()["id"]
    assert JobSeeker.objects.filter(nik=payload["nik"]).count() == 1


def test_simultaneous_registrations_at_one_office_get_distinct_card_numbers(world):
    from rest_framework.test import APIClient

    def post():
        client = APIClient()
        client.force_authenticate(world.officer_a)
        return client.post(URL, factories.job_seeker_payload(), format="json")

    responses = run_together(*[post for _ in range(4)])
    assert [r.status_code for r in responses] == [201] * 4, responses
    numbers = {r.json()["registration_number"] for r in responses}
    assert len(numbers) == 4
