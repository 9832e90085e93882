"""Two companies' HR systems (or two clicks) hiring at the same moment never over-hire."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from placements.models import Placement, Referral, Vacancy
from placements.services import referral_decide
from tests import factories
from vokasi.errors import Conflict

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs both)"
    ),
]


def test_concurrent_hires_beyond_the_openings_give_exactly_openings_hires(world):
    vacancy = factories.vacancy(world.company_a, openings=3)
    referrals = [
        factories.referral(vacancy, factories.job_seeker(world.office_a)) for _ in range(8)
    ]
    barrier = threading.Barrier(len(referrals))
    outcomes: list[str] = []
    lock = threading.Lock()

    def decide(referral: Referral) -> None:
        try:
            barrier.wait()
            referral_decide(
                referral=referral,
                by=world.employer_a,
                decision="hired",
                start_date=timezone.localdate(),
                wage=5_000_000,
            )
            result = "hired"
        except Conflict:
            result = "conflict"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=decide, args=(r,)) for r in referrals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["conflict"] * 5 + ["hired"] * 3
    vacancy.refresh_from_db()
    assert (vacancy.filled, vacancy.status) == (3, Vacancy.Status.FILLED)
    assert Placement.objects.filter(vacancy=vacancy).count() == 3
    assert Referral.objects.filter(vacancy=vacancy, status="hired").count() == 3


def test_concurrent_retries_of_the_same_vacancy_create_one(world):
    from placements.services import VacancyInput, vacancy_create
    from vokasi.models import Occupation, Region

    data = VacancyInput(
        kind="job",
        title="Welder",
        occupation=Occupation.objects.get(code="7212"),
        region=Region.objects.get(code="36.72.04"),
        openings=2,
        employment_type="pkwt",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate(),
        external_ref="RACE-1",
    )
    barrier = threading.Barrier(4)
    created: list[bool] = []

    def post() -> None:
        try:
            barrier.wait()
            _vacancy, was_created = vacancy_create(company=world.company_a, by=None, data=data)
            created.append(was_created)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(created) == [False, False, False, True]
    assert Vacancy.objects.filter(external_ref="RACE-1").count() == 1


def test_two_officers_recording_the_same_job_at_once_create_one_placement(world):
    from placements.services.placements import placement_record
    from trainees.models import JobSeeker

    person = factories.job_seeker(world.office_a)
    barrier = threading.Barrier(4)
    outcomes: list[str] = []
    lock = threading.Lock()

    def record() -> None:
        try:
            barrier.wait()
            placement_record(
                job_seeker=person,
                company=world.company_b,
                start_date=timezone.localdate(),
                contract_type="pkwtt",
                wage=5_300_000,
                by=world.officer_a,
            )
            result = "recorded"
        except Conflict:
            result = "conflict"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=record) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict"] * 3 + ["recorded"]
    assert Placement.objects.filter(job_seeker=person).count() == 1
    person = JobSeeker.objects.get(pk=person.pk)
    assert (person.status, person.end_reason) == ("placed", "placed")
