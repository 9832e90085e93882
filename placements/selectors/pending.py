"""Reads that several placements pages and the home page share."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from placements.models import Apprenticeship, FollowUp, Placement, Referral, Vacancy
from vokasi.dates import add_months

# A follow-up recorded up to this many days before its due date counts for it.
FOLLOW_UP_EARLY_DAYS = 14


def follow_ups_due(user, *, months: int, today: datetime.date | None = None) -> QuerySet:
    """Placements ``user`` may see whose follow-up at ``months`` is due and not recorded.

    Due: the placement started at least ``months`` months ago. Recorded: any follow-up
    on or after the due date (less a fortnight's grace). Follow-ups are the company's to
    record through the API; these are the ones an officer must chase.
    """
    return (
        Placement.objects.visible_to(user)
        .filter(_follow_up_due(months, today or timezone.localdate()))
        .select_related("job_seeker", "company")
        .order_by("start_date", "pk")
    )


def follow_ups_due_counts(
    user, months: Iterable[int], today: datetime.date | None = None
) -> dict[int, int]:
    """How many placements ``follow_ups_due`` gives for each of ``months``: the home
    page's tasks, counted in one statement (a filtered count per month) instead of one
    query per month."""
    today = today or timezone.localdate()
    months = tuple(months)
    if not months:
        return {}
    counts = Placement.objects.visible_to(user).aggregate(
        **{f"due_{m}": Count("pk", filter=_follow_up_due(m, today)) for m in months}
    )
    return {m: counts[f"due_{m}"] for m in months}


def _follow_up_due(months: int, today: datetime.date) -> Q:
    """The condition on a placement of ``follow_ups_due`` (its docstring)."""
    started_by = add_months(today, -months)
    # A follow-up "belongs" to month N when checked N months after the start, give or take.
    recorded = FollowUp.objects.filter(
        placement=OuterRef("pk"),
        checked_on__gte=OuterRef("start_date")
        + datetime.timedelta(days=months * 30 - FOLLOW_UP_EARLY_DAYS),
    )
    return Q(start_date__lte=started_by) & ~Q(Exists(recorded))


def apprenticeships_awaiting_approval(user) -> QuerySet:
    return (
        Apprenticeship.objects.visible_to(user)
        .filter(status=Apprenticeship.Status.PROPOSED)
        .select_related("job_seeker", "company")
        .order_by("start_date", "pk")
    )


def referrals_awaiting_decision(user) -> QuerySet:
    """Candidates referred to the open vacancies ``user`` may see with no final decision
    yet (referred, or invited to interview): what a company still has to answer."""
    return (
        Referral.objects.visible_to(user)
        .filter(
            status__in=[Referral.Status.REFERRED, Referral.Status.INTERVIEW],
            vacancy__status=Vacancy.Status.OPEN,
        )
        .select_related("job_seeker", "vacancy")
        .order_by("referred_at", "pk")
    )


def open_vacancies_without_referrals(today: datetime.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    return (
        Vacancy.objects.matchable()
        .filter(opens_on__lte=today, closes_on__gte=today)
        .exclude(Exists(Referral.objects.filter(vacancy=OuterRef("pk"))))
    )


def follow_up_months() -> tuple[int, ...]:
    return tuple(settings.VOKASI["FOLLOW_UP_MONTHS"])


__all__ = [
    "apprenticeships_awaiting_approval",
    "follow_ups_due",
    "follow_ups_due_counts",
    "open_vacancies_without_referrals",
    "referrals_awaiting_decision",
]
