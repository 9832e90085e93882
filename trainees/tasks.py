"""What trainees work waits for each role, for the home page: the officer's report-backs
overdue and due soon; the trainer's results to upload for ended cohorts and places to fill
soon."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from trainees.models import Cohort, Enrollment, TrainingResult
from trainees.selectors.job_seekers import due_counts
from trainees.services.training import ENROLLING, PLACE_HOLDING
from vokasi.home import Task, constant_url
from vokasi.roles import is_officer, is_trainer

#: A cohort starting within this many days with places left asks for candidates.
STARTING_SOON_DAYS = 14
#: Cohorts named one by one per kind; the rest are counted in one more task.
COHORTS_LISTED = 5


def report_back_tasks(user) -> list[Task]:
    if not is_officer(user):
        return []
    counts = due_counts(user)
    url = constant_url("trainees:job-seeker-list")
    tasks = []
    if counts["overdue"]:
        tasks.append(
            Task(
                _("report backs overdue"),
                counts["overdue"],
                f"{url}?report=overdue&status=active",
                _("Active job seekers who missed their 6-monthly report."),
                urgent=True,
            )
        )
    if counts["due"]:
        tasks.append(
            Task(
                _("report backs due within 30 days"),
                counts["due"],
                f"{url}?report=due&status=active",
            )
        )
    return tasks


def results_to_upload(user) -> list[Task]:
    """Cohorts that have ended, still hold enrolled trainees and have no result at all."""
    if not is_trainer(user):
        return []
    today = timezone.localdate()
    cohorts = (
        Cohort.objects.visible_to(user)
        .filter(end_date__lt=today)
        .exclude(Exists(TrainingResult.objects.filter(enrollment__cohort=OuterRef("pk"))))
        .annotate(
            waiting=Count("enrollments", filter=Q(enrollments__status=Enrollment.Status.ENROLLED))
        )
        .filter(waiting__gt=0)
        .select_related("programme")
        .order_by("end_date", "pk")
    )
    return _listed(
        cohorts,
        lambda cohort: Task(
            _("trainees await results: %(cohort)s") % {"cohort": cohort},
            cohort.waiting,
            reverse("trainees:cohort-results", args=[cohort.pk]),
            _("Ended on %(date)s; upload the results file.")
            % {"date": date_format(cohort.end_date, "SHORT_DATE_FORMAT")},
            urgent=True,
        ),
        _("more ended cohorts without results"),
        constant_url("trainees:cohort-list") + f"?starts_to={today.isoformat()}",
    )


def places_to_fill(user) -> list[Task]:
    """Cohorts starting within two weeks that still have free places."""
    if not is_trainer(user):
        return []
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=STARTING_SOON_DAYS)
    cohorts = (
        Cohort.objects.visible_to(user)
        .filter(status__in=ENROLLING, start_date__gte=today, start_date__lte=soon)
        .annotate(taken=Count("enrollments", filter=Q(enrollments__status__in=PLACE_HOLDING)))
        .annotate(free=F("quota") - F("taken"))
        .filter(free__gt=0)
        .select_related("programme")
        .order_by("start_date", "pk")
    )
    return _listed(
        cohorts,
        lambda cohort: Task(
            _("places free: %(cohort)s") % {"cohort": cohort},
            cohort.free,
            reverse("trainees:cohort-candidates", args=[cohort.pk]),
            _("Starts on %(date)s; %(taken)d of %(quota)d places taken. Choose candidates.")
            % {
                "date": date_format(cohort.start_date, "SHORT_DATE_FORMAT"),
                "taken": cohort.taken,
                "quota": cohort.quota,
            },
        ),
        _("more cohorts starting soon with free places"),
        constant_url("trainees:cohort-list")
        + f"?starts_from={today.isoformat()}&starts_to={soon.isoformat()}",
    )


def _listed(cohorts, task, more_title, more_url: str) -> list[Task]:
    """A task for each of the first ``COHORTS_LISTED`` cohorts, then one for the rest."""
    found = list(cohorts[: COHORTS_LISTED + 1])
    tasks = [task(cohort) for cohort in found[:COHORTS_LISTED]]
    if len(found) > COHORTS_LISTED:
        tasks.append(Task(more_title, cohorts.count() - COHORTS_LISTED, more_url))
    return tasks
