"""Referrals, apprenticeships and placements on a job seeker's timeline."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trainees.timeline import Event, register


@register
def placement_events(person) -> list[Event]:
    """Three queries whatever the history's length."""
    events = []
    for referral in person.referrals.select_related("vacancy__company"):
        events.append(
            Event(
                timezone.localdate(referral.referred_at),
                "referral",
                _("Referred to %(vacancy)s") % {"vacancy": referral.vacancy.title},
                f"{referral.vacancy.company.name} · {referral.get_status_display()}",
                order=5,
            )
        )
    for item in person.apprenticeships.select_related("company"):
        events.append(
            Event(
                item.start_date,
                "apprenticeship",
                _("Apprenticeship at %(company)s") % {"company": item.company.name},
                item.get_status_display(),
                order=6,
            )
        )
    for placement in person.placements.select_related("company"):
        events.append(
            Event(
                placement.start_date,
                "placement",
                _("Placed at %(company)s") % {"company": placement.company.name},
                placement.get_contract_type_display(),
                "ok",
                7,
            )
        )
    return events
