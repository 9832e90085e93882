"""Shares on the cohort page read the Indonesian way, like the reports: "66,7 %"."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from tests import factories


def test_the_cohorts_completion_is_a_percentage_with_one_decimal(world):
    cohort = factories.cohort(factories.programme(world.provider_a), status="finished")
    for status in ("completed", "completed", "failed"):
        factories.enrollment(cohort, factories.job_seeker(world.office_a), status=status)
    client = Client()
    client.force_login(world.trainer_a)
    html = client.get(reverse("trainees:cohort-detail", args=[cohort.pk])).content.decode()
    completed = re.search(r'data-testid="outcome-completed">([^<]*)<', html).group(1)
    assert "(66,7 %)" in completed, completed
