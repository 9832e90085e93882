from __future__ import annotations

import datetime

from trainees.models import JobSeeker
from trainees.services.registration import job_seeker_end


def end_registration_as_placed(person: JobSeeker, start_date: datetime.date) -> None:
    """A placed person's AK/I registration ends as *placed* on the start date.

    A registration that already ended (expired, removed, or placed by an earlier job) is
    left as it is: the placement is recorded either way.
    """
    if person.status != JobSeeker.Status.ACTIVE:
        return
    job_seeker_end(
        job_seeker=person,
        reason=JobSeeker.EndReason.PLACED,
        ended_on=max(start_date, person.registered_on),
    )
