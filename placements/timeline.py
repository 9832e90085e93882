"""Referrals, apprenticeships and placements on a job seeker's timeline."""

from __future__ import annotations

from django.utils import timezone

from trainees.timeline import TITLES, Event, register


@register
def placement_events(person) -> list[Event]:
    """Three queries whatever the history's length."""
    events = []
    for referral in person.referrals.select_related("vacancy__company"):
        events.append(
            Event(
                timezone.localdate(referral.referred_at),
                "referral",
                TITLES["referral"] % {"vacancy": referral.vacancy.title},
                f"{referral.vacancy.company.name} · {referral.get_status_display()}",
                order=5,
            )
        )
    for item in person.apprenticeships.select_related("company"):
        events.append(
            Event(
                item.start_date,
                "apprenticeship",
                TITLES["apprenticeship"] % {"company": item.company.name},
                item.get_status_display(),
                order=6,
            )
        )
    for placement in person.placements.select_related("company"):
        events.append(
            Event(
                placement.start_date,
                "placement",
                TITLES["placement"] % {"company": placement.company.name},
                placement.get_contract_type_display(),
                "ok",
                7,
            )
        )
    return events
