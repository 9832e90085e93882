"""Home-page tasks of the placements app."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vokasi.home import Task


def employer_tasks(user) -> list[Task]:
    from placements.models import Referral, Vacancy

    if not getattr(user, "is_employer", False):
        return []
    waiting = (
        Referral.objects.visible_to(user)
        .filter(
            status__in=[Referral.Status.REFERRED, Referral.Status.INTERVIEW],
            vacancy__status=Vacancy.Status.OPEN,
        )
        .count()
    )
    if not waiting:
        return []
    return [
        Task(
            title=_("Referred candidates awaiting your decision"),
            count=waiting,
            url=reverse("placements:vacancy-list"),
        )
    ]
