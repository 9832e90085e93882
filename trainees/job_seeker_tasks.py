"""The officer's home page: report-backs overdue and due soon, likely duplicates."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trainees.selectors import due_counts
from vokasi.home import Task
from vokasi.roles import is_officer


def report_back_tasks(user) -> list[Task]:
    if not is_officer(user):
        return []
    counts = due_counts(user)
    url = reverse("trainees:job-seeker-list")
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
