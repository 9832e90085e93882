"""A person's whole pipeline as one timeline: registration to placement and follow-up.

``trainees`` sits below ``placements`` in the import graph, so it cannot ask for
referrals or placements itself. Every app adds its events from its ``contributions``
module (``vokasi.contributions``) to ``providers``. Each provider takes the job seeker
and returns its events using a fixed number of queries, so the detail page stays
bounded however long the history.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vokasi.contributions import Registry


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
#: The event providers, in the order the apps add them.
providers: Registry[Provider] = Registry("timeline events")


def timeline_for(person) -> list[Event]:
    events: list[Event] = []
    for provider in providers:
        events.extend(provider(person))
    return sorted(events, key=lambda e: (e.day, e.order))


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
