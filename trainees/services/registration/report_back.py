"""The 6-monthly report back (lapor) that keeps a registration active."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trainees.models import (
    JobSeeker,
    ReportBack,
)
from trainees.services.personal_data import refuse_if_anonymised
from trainees.services.registration.periods import next_due_after

#: A report back up to this many days before its due date counts for that date.
REPORT_EARLY_DAYS = 30


@transaction.atomic
def job_seeker_report_back(
    *,
    job_seeker: JobSeeker,
    reported_on: datetime.date | None = None,
    recorded_by=None,
    note: str = "",
) -> ReportBack:
    """Record the 6-monthly report back (lapor) and move the next due date."""
    reported_on = reported_on or timezone.localdate()
    person = JobSeeker.objects.select_for_update().get(pk=job_seeker.pk)
    refuse_if_anonymised(person)
    if person.status != JobSeeker.Status.ACTIVE:
        raise ValidationError(
            {
                "status": _("Only an active registration can report back; this one is %(status)s.")
                % {"status": person.get_status_display()}
            }
        )
    if reported_on < person.registered_on or reported_on > timezone.localdate():
        raise ValidationError(
            {"reported_on": _("The report date must lie between registration and today.")}
        )
    if reported_on > person.expires_on:
        raise ValidationError(
            {
                "reported_on": _("The card expired on %(date)s.")
                % {"date": person.expires_on.strftime("%d-%m-%Y")}
            }
        )
    if person.reports.filter(reported_on=reported_on).exists():
        raise ValidationError({"reported_on": _("This person already reported on that day.")})
    report = ReportBack.objects.create(
        job_seeker=person, reported_on=reported_on, recorded_by=recorded_by, note=note
    )
    latest = max(reported_on, person.last_reported_on or reported_on)
    person.last_reported_on = latest
    # A report in the weeks before a due date counts for it (people come when they can).
    person.next_report_due = next_due_after(
        person.registered_on, latest + datetime.timedelta(days=REPORT_EARLY_DAYS)
    )
    person.save(update_fields=["last_reported_on", "next_report_due", "updated_at"])
    job_seeker.last_reported_on = person.last_reported_on
    job_seeker.next_report_due = person.next_report_due
    return report
