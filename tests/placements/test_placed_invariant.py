"""Every registration ended as placed has a placement: over the demo data, and after a
person is ended and placed through the pages on top of it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from placements.models import Placement
from tests.placements.invariants import (
    assert_every_placed_registration_has_a_placement,
    placed_without_a_placement,
)
from trainees.models import JobSeeker
from vokasi.models import Company, User


@pytest.fixture
def demo(db):
    with override_settings(DEBUG=True):
        call_command("seed_demo", scale=0.1, seed=11, verbosity=0, stdout=io.StringIO())


def test_the_demo_data_keeps_the_invariant(demo):
    assert JobSeeker.objects.filter(end_reason="placed").exists()
    assert not placed_without_a_placement().exists()


def test_the_pages_keep_it_on_the_demo_data(demo):
    officer = User.objects.get(username="officer")
    client = Client()
    client.force_login(officer)
    active = JobSeeker.objects.filter(office=officer.office, status="active").order_by("pk")
    ended, placed_as_told, found_work = active[:3]
    today = timezone.localdate().isoformat()
    client.post(
        reverse("trainees:job-seeker-end", args=[ended.pk]),
        {"reason": "withdrawn", "ended_on": today},
    )
    client.post(
        reverse("trainees:job-seeker-end", args=[placed_as_told.pk]),
        {"reason": "placed", "ended_on": today},
    )
    client.post(
        reverse("placements:placement-record", args=[found_work.pk]),
        {
            "company": Company.objects.order_by("pk").first().pk,
            "start_date": today,
            "occupation": "7212",
            "contract_type": "pkwtt",
            "wage": "6100000",
            "channel": "akl",
        },
    )
    statuses = dict(
        JobSeeker.objects.filter(pk__in=[ended.pk, placed_as_told.pk, found_work.pk]).values_list(
            "pk", "status"
        )
    )
    assert statuses == {ended.pk: "removed", placed_as_told.pk: "active", found_work.pk: "placed"}
    assert Placement.objects.filter(job_seeker=found_work).count() == 1
    assert_every_placed_registration_has_a_placement()
