"""What placements work waits for each role, for the home page."""

from __future__ import annotations

from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _

from placements.models import Vacancy
from placements.selectors.pending import (
    apprenticeships_awaiting_approval,
    follow_up_months,
    follow_ups_due_counts,
    referrals_awaiting_decision,
)
from vokasi.home import Task, constant_url
from vokasi.models import Company
from vokasi.roles import OFFICE_AND_COMPANY, has_role, is_employer, is_officer


def _url(name: str, query: str = "") -> str:
    try:
        return constant_url(name) + query
    except NoReverseMatch:
        return ""


def placement_tasks(user) -> list[Task]:
    if has_role(user, OFFICE_AND_COMPANY):
        due = follow_ups_due_counts(user, follow_up_months())
        tasks = [
            Task(
                title=_("follow-ups due at %(months)d months") % {"months": months},
                count=due[months],
                url=_url("placements:follow-ups-due", f"?months={months}"),
                description=_("Placed people nobody has checked on yet."),
                urgent=True,
            )
            for months in follow_up_months()
        ]
    else:
        return []
    if is_officer(user):
        tasks.append(
            Task(
                title=_("vacancies await verification"),
                count=Vacancy.objects.in_register_of(user).awaiting_verification().count(),
                url=_url("placements:vacancies-awaiting-verification"),
                description=_(
                    "Reported by companies on your register that are not verified yet: "
                    "publish or reject each one."
                ),
                urgent=True,
            )
        )
        tasks.append(
            Task(
                title=_("companies awaiting verification"),
                count=Company.objects.in_register_of(user)
                .filter(status=Company.Status.UNVERIFIED)
                .count(),
                url=_url("placements:company-list", "?status=unverified"),
                description=_("Check their papers: their vacancies wait until then."),
            )
        )
        tasks.append(
            Task(
                title=_("apprenticeship agreements awaiting approval"),
                count=apprenticeships_awaiting_approval(user).count(),
                url=_url("placements:apprenticeship-list", "?status=proposed"),
            )
        )
    if is_employer(user):
        tasks.insert(
            0,
            Task(
                title=_("referred candidates awaiting your decision"),
                count=referrals_awaiting_decision(user).count(),
                url=_url("placements:candidates-awaiting-decision"),
            ),
        )
    return [task for task in tasks if task.count]
