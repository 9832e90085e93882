"""The trainer's home tasks: results to upload after a cohort ends, places to fill soon."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.trainees.language import english  # noqa: F401
from trainees.models import Cohort
from trainees.tasks import places_to_fill, results_to_upload
from vokasi.home import tasks_for

pytestmark = pytest.mark.django_db


def ended_cohort(world, **kw):
    today = timezone.localdate()
    return factories.cohort(
        factories.programme(world.provider_a),
        start_date=today - datetime.timedelta(days=60),
        end_date=today - datetime.timedelta(days=2),
        status=Cohort.Status.FINISHED,
        **kw,
    )


def test_an_ended_cohort_without_results_asks_for_them(world):
    cohort = ended_cohort(world)
    for _ in range(3):
        factories.enrollment(cohort, factories.job_seeker(world.office_a))
    (task,) = results_to_upload(world.trainer_a)
    assert task.count == 3
    assert task.url == reverse("trainees:cohort-results", args=[cohort.pk])
    assert cohort.name in str(task.title)
    assert task.urgent


def test_a_cohort_with_results_or_still_running_asks_nothing(world):
    reported = ended_cohort(world)
    enrollment = factories.enrollment(reported, factories.job_seeker(world.office_a))
    factories.training_result(enrollment)
    factories.cohort(factories.programme(world.provider_a))  # starts in two weeks
    empty = ended_cohort(world)  # nobody enrolled: nothing to report
    assert empty and results_to_upload(world.trainer_a) == []


def test_another_providers_cohort_is_not_this_trainers_task(world):
    cohort = ended_cohort(world)
    factories.enrollment(cohort, factories.job_seeker(world.office_a))
    assert results_to_upload(world.trainer_b) == []
    assert results_to_upload(world.officer_a) == []


def test_a_cohort_starting_soon_with_free_places_asks_for_candidates(world):
    today = timezone.localdate()
    soon = factories.cohort(
        factories.programme(world.provider_a),
        start_date=today + datetime.timedelta(days=10),
        quota=16,
    )
    factories.enrollment(soon, factories.job_seeker(world.office_a))
    full = factories.cohort(
        factories.programme(world.provider_a),
        start_date=today + datetime.timedelta(days=5),
        quota=1,
    )
    factories.enrollment(full, factories.job_seeker(world.office_a))
    factories.cohort(
        factories.programme(world.provider_a), start_date=today + datetime.timedelta(days=40)
    )
    (task,) = places_to_fill(world.trainer_a)
    assert task.count == 15
    assert task.url == reverse("trainees:cohort-candidates", args=[soon.pk])
    assert "1 of 16 places taken" in str(task.description)


def test_many_cohorts_are_summed_up_in_one_more_task(world):
    today = timezone.localdate()
    for days in range(1, 8):
        factories.cohort(
            factories.programme(world.provider_a), start_date=today + datetime.timedelta(days=days)
        )
    tasks = places_to_fill(world.trainer_a)
    assert len(tasks) == 6
    assert tasks[-1].count == 2
    assert tasks[-1].url.startswith(reverse("trainees:cohort-list") + "?starts_from=")


def test_the_trainers_home_page_shows_both_tasks(client, world):
    cohort = ended_cohort(world)
    factories.enrollment(cohort, factories.job_seeker(world.office_a))
    soon = factories.cohort(factories.programme(world.provider_a))
    assert len(tasks_for(world.trainer_a)) == 2
    client.force_login(world.trainer_a)
    html = client.get(reverse("home")).content.decode()
    assert reverse("trainees:cohort-results", args=[cohort.pk]) in html
    assert reverse("trainees:cohort-candidates", args=[soon.pk]) in html
