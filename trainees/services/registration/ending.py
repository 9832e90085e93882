"""How a registration ends: removed or placed by an officer's or a placement's hand, or
expired when its validity runs out.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from trainees.models import JobSeeker
from trainees.services.personal_data import refuse_if_anonymised
from vokasi.audit import with_history

#: The status each end leaves. An officer records removals by hand; "placed" comes with a
#: placement (``job_seeker_end_placed``), "expired" from ``job_seekers_expire``.
END_STATUS = {
    JobSeeker.EndReason.PLACED: JobSeeker.Status.PLACED,
    JobSeeker.EndReason.EXPIRED: JobSeeker.Status.EXPIRED,
    JobSeeker.EndReason.WITHDRAWN: JobSeeker.Status.REMOVED,
    JobSeeker.EndReason.MOVED: JobSeeker.Status.REMOVED,
    JobSeeker.EndReason.DECEASED: JobSeeker.Status.REMOVED,
    JobSeeker.EndReason.DATA_ERROR: JobSeeker.Status.REMOVED,
}


@transaction.atomic
def job_seeker_end(
    *,
    job_seeker: JobSeeker,
    reason: str,
    ended_on: datetime.date | None = None,
    ended_by=None,
) -> JobSeeker:
    """End a registration as removed (withdrawn, moved, deceased, data error) or expired.

    The end date lies between registration and today. *Placed* is refused here: a
    registration ends as placed only together with its placement (``job_seeker_end_placed``),
    or the IPK's "ditempatkan" counts a person no placement table, outcome or funnel knows.
    """
    if reason == JobSeeker.EndReason.PLACED:
        message = _("Record the job: the registration ends as placed when the job is recorded.")
        raise ValidationError({"reason": message})
    ended_on = ended_on or timezone.localdate()
    person = _lock_active(job_seeker, reason)
    if ended_on < person.registered_on or ended_on > timezone.localdate():
        raise ValidationError(
            {"ended_on": _("The end date must lie between registration and today.")}
        )
    return _end(job_seeker, person, reason, ended_on)


@transaction.atomic
def job_seeker_end_placed(*, job_seeker: JobSeeker, placement) -> JobSeeker:
    """End a registration as placed by ``placement`` (a ``placements.Placement`` of this
    person, already saved), on its start date: a hire agreed today may start next month.

    Only the hiring service of ``placements`` calls this, in the transaction that created
    the placement. Imports point down (placements → trainees), so the placement is handed
    in rather than looked up, and it is the proof: no placement, no end as placed.
    """
    if getattr(placement, "pk", None) is None or placement.job_seeker_id != job_seeker.pk:
        raise ValueError("A registration ends as placed only by a saved placement of its own.")
    reason = JobSeeker.EndReason.PLACED
    person = _lock_active(job_seeker, reason)
    return _end(job_seeker, person, reason, max(placement.start_date, person.registered_on))


def _lock_active(job_seeker: JobSeeker, reason: str) -> JobSeeker:
    """The person's row, locked until commit, when it may end for ``reason``."""
    person = JobSeeker.objects.select_for_update().get(pk=job_seeker.pk)
    refuse_if_anonymised(person)
    if reason not in END_STATUS:
        raise ValidationError({"reason": _("Unknown end reason %(reason)s.") % {"reason": reason}})
    if person.status != JobSeeker.Status.ACTIVE:
        raise ValidationError(
            {
                "reason": _("This registration already ended (%(status)s).")
                % {"status": person.get_status_display()}
            }
        )
    return person


def _end(job_seeker: JobSeeker, person: JobSeeker, reason: str, ended_on: datetime.date):
    person.status = END_STATUS[reason]
    person.end_reason = reason
    person.ended_on = ended_on
    person.next_report_due = None
    person.save(update_fields=["status", "end_reason", "ended_on", "next_report_due", "updated_at"])
    for field in ("status", "end_reason", "ended_on", "next_report_due"):
        setattr(job_seeker, field, getattr(person, field))
    return job_seeker


def job_seekers_expire(
    *, today: datetime.date | None = None, on_progress: Callable[[int, int], None] | None = None
) -> int:
    """End every active card whose validity has run out; returns how many. Idempotent.

    One UPDATE per thousand people, each followed by their history rows (the audit);
    ``on_progress(done, total)`` hears each thousand.
    """
    today = today or timezone.localdate()
    due = JobSeeker.objects.filter(status=JobSeeker.Status.ACTIVE, expires_on__lte=today)
    ids = list(due.values_list("pk", flat=True))
    count = 0
    for start in range(0, len(ids), 1000):
        with transaction.atomic():
            chunk = list(
                due.filter(pk__in=ids[start : start + 1000])
                .select_for_update()
                .values_list("pk", flat=True)
            )
            count += JobSeeker.objects.filter(pk__in=chunk).update(
                status=JobSeeker.Status.EXPIRED,
                end_reason=JobSeeker.EndReason.EXPIRED,
                ended_on=F("expires_on"),
                next_report_due=None,
                updated_at=timezone.now(),
            )
            with_history(list(JobSeeker.objects.filter(pk__in=chunk)), JobSeeker, update=True)
        if on_progress:
            on_progress(min(start + 1000, len(ids)), len(ids))
    return count
