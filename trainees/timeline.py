"""A person's whole pipeline as one timeline: registration to placement and follow-up.

``trainees`` sits below ``placements`` in the import graph, so it cannot ask for
referrals or placements itself. Any app may add events by defining a ``timeline``
module that calls ``register``; those modules are discovered the way the admin finds
``admin.py``. Each provider takes the job seeker and returns its events using a fixed
number of queries, so the detail page stays bounded however long the history.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Event:
    day: datetime.date
    stage: str  # registration, report, training, result, referral, apprenticeship, placement
    title: str | Promise
    detail: str | Promise = ""
    tone: str = ""  # "", "ok", "warn" or "bad": the badge colour
    order: int = field(default=0, compare=False)


#: Titles for the stages other apps add, kept here so one catalogue translates the page.
TITLES = {
    "referral": _("Referred to %(vacancy)s"),
    "apprenticeship": _("Apprenticeship at %(company)s"),
    "placement": _("Placed at %(company)s"),
}

Provider = Callable[[object], list[Event]]
_providers: list[Provider] = []
_discovered = False


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def timeline_for(person) -> list[Event]:
    global _discovered
    if not _discovered:
        autodiscover_modules("timeline")
        _discovered = True
    events: list[Event] = []
    for provider in _providers:
        events.extend(provider(person))
    return sorted(events, key=lambda e: (e.day, e.order))


@register
def registration_events(person) -> list[Event]:
    """The card itself and its report-backs (one query)."""
    events = [
        Event(
            person.registered_on,
            "registration",
            _("Registered, AK/I card %(number)s") % {"number": person.registration_number},
            person.office.name,
        )
    ]
    for report in person.reports.all():
        events.append(Event(report.reported_on, "report", _("Reported back"), report.note, "ok", 1))
    if person.ended_on:
        events.append(
            Event(
                person.ended_on,
                "registration",
                _("Registration ended: %(reason)s") % {"reason": person.get_end_reason_display()},
                tone="ok" if person.end_reason == "placed" else "warn",
                order=9,
            )
        )
    return events


@register
def training_events(person) -> list[Event]:
    """Enrollments, results and competency assessments (two queries)."""
    events = []
    enrollments = person.enrollments.select_related(
        "cohort__programme__provider", "result"
    ).prefetch_related("assessments")
    for enrollment in enrollments:
        cohort = enrollment.cohort
        events.append(
            Event(
                enrollment.enrolled_on,
                "training",
                _("Enrolled in %(cohort)s") % {"cohort": cohort},
                cohort.programme.provider.name,
                order=2,
            )
        )
        result = getattr(enrollment, "result", None)
        if result is not None:
            events.append(
                Event(
                    cohort.end_date,
                    "result",
                    _("Training result: %(outcome)s") % {"outcome": result.get_outcome_display()},
                    _("attendance %(pct)s%%") % {"pct": result.attendance_pct},
                    "ok" if result.outcome == "completed" else "warn",
                    3,
                )
            )
        for assessment in enrollment.assessments.all():
            events.append(
                Event(
                    assessment.assessed_on,
                    "result",
                    _("Competency assessment: %(result)s")
                    % {"result": assessment.get_result_display()},
                    assessment.certificate_no,
                    "ok" if assessment.result == "K" else "warn",
                    4,
                )
            )
    return events
