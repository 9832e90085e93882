"""Referrals, apprenticeships, placements and their follow-ups on a job seeker's
timeline."""

from __future__ import annotations

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import timezone
from django.utils.translation import gettext as _

from trainees.timeline import TITLES, Event


def follow_up_event(follow_up, placement) -> Event:
    if follow_up.employed:
        title = _("Follow-up: still employed at %(company)s")
        detail = ""
        if follow_up.wage:
            detail = _("wage Rp %(wage)s") % {"wage": intcomma(follow_up.wage)}
    else:
        title, detail = _("Follow-up: no longer employed at %(company)s"), ""
    return Event(
        follow_up.checked_on,
        "follow_up",
        title % {"company": placement.employer_name},
        detail,
        "ok" if follow_up.employed else "warn",
        8,
    )


def placement_events(person) -> list[Event]:
    """Four queries whatever the history's length."""
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
    for placement in person.placements.select_related("company").prefetch_related("follow_ups"):
        events.append(
            Event(
                placement.start_date,
                "placement",
                TITLES["placement"] % {"company": placement.employer_name},
                placement.get_contract_type_display(),
                "ok",
                7,
            )
        )
        events.extend(follow_up_event(item, placement) for item in placement.follow_ups.all())
    return events
