"""Agreements needing attention, for the officers' and admins' home page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reports.agreements import EXPIRING_DAYS, attention
from vokasi.home import Task
from vokasi.roles import OFFICE, has_role


def agreement_tasks(user) -> list[Task]:
    if not has_role(user, OFFICE):
        return []
    expiring, behind = attention(user)
    tasks = [
        Task(
            title=_("agreements expiring within %(days)d days") % {"days": EXPIRING_DAYS},
            count=expiring,
            url=reverse("agreements:list") + "?attention=expiring",
            description=_("Renew them or record the final evaluation."),
        ),
        Task(
            title=_("agreements behind target"),
            count=behind,
            url=reverse("agreements:list") + "?attention=behind",
            description=_("Realisation below the pace of the targets, or evaluated as behind."),
            urgent=True,
        ),
    ]
    return [task for task in tasks if task.count]
