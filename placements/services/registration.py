from __future__ import annotations

import datetime

from trainees.models import JobSeeker


def end_registration_as_placed(person: JobSeeker, start_date: datetime.date) -> None:
    """A placed person's AK/I registration ends as *placed* on the start date."""
    if person.status != JobSeeker.Status.ACTIVE:
        return
    person.status = JobSeeker.Status.PLACED
    person.ended_on = max(start_date, person.registered_on)
    person.end_reason = JobSeeker.EndReason.PLACED
    person.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
