"""anonymise_expired_registrations: registrations ended more than N years ago lose their
personal data; newer ones and active ones keep it."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from tests import factories
from trainees.models import JobSeeker

D = datetime.date
TODAY = D(2031, 6, 15)


@pytest.fixture
def people(world, settings):
    settings.VOKASI = {**settings.VOKASI, "RETENTION_YEARS": 5}
    office = world.office_a

    def ended(on, reason="expired"):
        person = factories.job_seeker(office, registered_on=on - datetime.timedelta(days=400))
        return factories.end_registration(person, on, reason)

    return {
        "long_ago": ended(D(2026, 6, 14)),  # 5 years and a day before TODAY
        "long_ago_placed": ended(D(2025, 1, 3), "placed"),
        "on_the_day": ended(D(2026, 6, 15)),  # exactly 5 years: not yet
        "recent": ended(D(2029, 2, 1), "withdrawn"),
        "active": factories.job_seeker(office, registered_on=D(2020, 1, 1)),
    }


def run(*args) -> str:
    out = io.StringIO()
    call_command("anonymise_expired_registrations", "--today", TODAY.isoformat(), *args, stdout=out)
    return out.getvalue()


def anonymised(people) -> set[str]:
    ids = set(JobSeeker.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True))
    return {key for key, person in people.items() if person.pk in ids}


def test_a_dry_run_counts_and_changes_nothing(people):
    output = run("--dry-run")
    assert "2 registration(s)" in output
    assert "2026-06-15" in output
    assert anonymised(people) == set()


def test_only_registrations_ended_more_than_the_retention_period_ago_are_anonymised(people):
    output = run()
    assert "2 registration(s)" in output
    assert anonymised(people) == {"long_ago", "long_ago_placed"}
    person = JobSeeker.objects.get(pk=people["long_ago"].pk)
    assert person.name == f"ANONIM-{person.pk}"
    assert person.anonymised_by is None
    assert "Retensi" in person.anonymisation_reason or "Retention" in person.anonymisation_reason
    untouched = JobSeeker.objects.get(pk=people["recent"].pk)
    assert untouched.name == people["recent"].name


def test_running_twice_changes_nothing_more(people):
    run()
    assert "0 registration(s)" in run()
    assert anonymised(people) == {"long_ago", "long_ago_placed"}


def test_large_backlogs_go_in_batches(world, people, settings):
    for i in range(7):
        person = factories.job_seeker(
            world.office_a, registered_on=D(2020, 1, 1) + datetime.timedelta(days=i)
        )
        factories.end_registration(person, D(2021, 1, 1), "moved")
    output = run("--batch-size", "3")
    assert "9 registration(s)" in output
    assert output.count("anonymised…") == 3  # 3 + 3 + 3
    assert JobSeeker.objects.filter(anonymised_at__isnull=False).count() == 9


def test_the_summary_is_logged(people, caplog):
    with caplog.at_level("INFO", logger="vokasi.retention"):
        run()
    assert "2 registration(s)" in caplog.text


def test_the_period_comes_from_the_setting(people, settings):
    settings.VOKASI = {**settings.VOKASI, "RETENTION_YEARS": 2}
    run()
    assert anonymised(people) == {"long_ago", "long_ago_placed", "on_the_day", "recent"}
