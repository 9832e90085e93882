"""manage.py expire_registrations: the daily run that ends cards after two years."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests import factories
from vokasi.dates import add_months

pytestmark = pytest.mark.django_db


def test_the_daily_command_expires_old_cards_once(world):
    today = timezone.localdate()
    old = factories.job_seeker(world.office_a, registered_on=add_months(today, -24))
    old.expires_on = add_months(old.registered_on, 24)
    old.save()
    young = factories.job_seeker(world.office_a)
    out = io.StringIO()
    call_command("expire_registrations", stdout=out)
    assert out.getvalue().startswith("1 ")
    out = io.StringIO()
    call_command("expire_registrations", stdout=out)
    assert out.getvalue().startswith("0 ")
    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.status, old.end_reason, old.ended_on) == ("expired", "expired", old.expires_on)
    assert young.status == "active"


def test_the_command_can_be_run_as_of_a_date(world):
    person = factories.job_seeker(world.office_a)
    out = io.StringIO()
    later = person.expires_on + datetime.timedelta(days=1)
    call_command("expire_registrations", "--today", later.isoformat(), stdout=out)
    person.refresh_from_db()
    assert person.status == "expired"
