"""Ten identical hire reports at the same moment (an HR system retrying) leave one hire,
one placement and one opening taken."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from rest_framework.test import APIClient

from placements.models import Hire, Placement, Vacancy
from tests import factories

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs both)"
    ),
]


@pytest.mark.parametrize("with_vacancy", [False, True])
def test_ten_identical_reports_at_once_record_one_hire(world, with_vacancy):
    person = factories.job_seeker(world.office_a)
    vacancy = factories.vacancy(world.company_a, openings=5) if with_vacancy else None
    body = {
        "external_ref": "RACE-HIRE-1",
        "name": person.name,
        "sex": person.sex,
        "birth_year": person.birth_date.year,
        "education": "smk",
        "domicile": "36.72.04",
        "nik": person.nik,
        "occupation": "7212",
        "start_date": timezone.localdate().isoformat(),
        "employment_type": "pkwt",
        "wage": 5_000_000,
    }
    if vacancy is not None:
        body["vacancy"] = vacancy.pk
    barrier = threading.Barrier(10)
    codes: list[int] = []
    lock = threading.Lock()

    def report() -> None:
        client = APIClient()
        client.force_authenticate(user=world.employer_a)
        try:
            barrier.wait()
            code = client.post("/api/v1/hires/", body, format="json").status_code
        finally:
            connections.close_all()
        with lock:
            codes.append(code)

    threads = [threading.Thread(target=report) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(codes) == [200] * 9 + [201]
    assert Hire.objects.count() == 1
    assert Placement.objects.filter(job_seeker=person).count() == 1
    if vacancy is not None:
        assert Vacancy.objects.get(pk=vacancy.pk).filled == 1
