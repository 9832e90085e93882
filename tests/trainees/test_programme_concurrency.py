"""The same programme code posted at once (PostgreSQL): one created, the others 409."""

from __future__ import annotations

import pytest
from django.db import connection
from rest_framework.test import APIClient

from tests.trainees.test_registration_concurrency import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL"
    ),
]


def test_the_same_programme_code_at_once_creates_one_and_the_others_get_409(world):
    from tests.trainees.test_programmes_api import URL, payload
    from trainees.models import Programme

    def post():
        client = APIClient()
        client.force_authenticate(world.trainer_a)
        return client.post(URL, payload(), format="json")

    answers = run_together(*[post for _ in range(6)])
    statuses = sorted(getattr(a, "status_code", repr(a)) for a in answers)
    assert statuses == [201] + [409] * 5, answers
    assert Programme.objects.count() == 1
