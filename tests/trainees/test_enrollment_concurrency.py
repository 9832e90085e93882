"""Concurrent enrollment on PostgreSQL: the 17th of 16 is refused, never admitted."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tests import factories
from tests.trainees.language import english  # noqa: F401
from trainees.models import Enrollment
from trainees.services.training import enrollment_create

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite serialises)"
    ),
]


def enroll_all_at_once(cohort, people, actor) -> tuple[list, list[str]]:
    """One thread (one database connection) per person, all released by one barrier."""
    barrier = threading.Barrier(len(people))
    admitted: list = []
    refused: list[str] = []
    lock = threading.Lock()

    def enroll(person):
        try:
            barrier.wait()
            enrollment = enrollment_create(actor=actor, cohort=cohort, job_seeker=person)
            with lock:
                admitted.append(enrollment.pk)
        except ValidationError as exc:
            with lock:
                refused.extend(m for ms in exc.message_dict.values() for m in ms)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enroll, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return admitted, refused


def test_twenty_simultaneous_enrollments_fill_sixteen_places_and_refuse_four(world):
    cohort = factories.cohort(factories.programme(world.provider_a), quota=16)
    people = [factories.job_seeker(world.office_a) for _ in range(20)]
    admitted, refused = enroll_all_at_once(cohort, people, world.officer_a)
    assert len(admitted) == 16
    assert refused == ["The cohort is full: all 16 places are taken."] * 4
    assert Enrollment.objects.filter(cohort=cohort).count() == 16


def test_the_last_place_goes_to_exactly_one_of_two_officers(world):
    cohort = factories.cohort(factories.programme(world.provider_a), quota=16)
    for _ in range(15):
        factories.enrollment(cohort, factories.job_seeker(world.office_a))
    people = [factories.job_seeker(world.office_a), factories.job_seeker(world.office_b)]
    admitted, refused = enroll_all_at_once(cohort, people, world.trainer_a)
    assert len(admitted) == 1
    assert len(refused) == 1
    assert Enrollment.objects.filter(cohort=cohort).count() == 16


def test_one_person_enrolled_into_two_overlapping_cohorts_at_once_gets_one(world):
    programme = factories.programme(world.provider_a)
    first = factories.cohort(programme)
    second = factories.cohort(programme, start_date=first.start_date)
    person = factories.job_seeker(world.office_a)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def enroll(cohort):
        try:
            barrier.wait()
            enrollment_create(actor=world.officer_a, cohort=cohort, job_seeker=person)
            outcomes.append("admitted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enroll, args=(c,)) for c in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["admitted", "refused"]
    assert Enrollment.objects.filter(job_seeker=person).count() == 1
