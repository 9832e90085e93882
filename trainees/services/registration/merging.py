"""Folding a duplicate registration into the one kept."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trainees.models import JobSeeker
from trainees.services.personal_data import refuse_if_anonymised
from trainees.services.registration.ending import job_seeker_end


@transaction.atomic
def job_seeker_merge(*, keep: JobSeeker, duplicate: JobSeeker, merged_by=None) -> JobSeeker:
    """Fold a duplicate registration into ``keep``: skills and reports move, it ends.

    The duplicate ends as a data error rather than being deleted, so whatever other
    records point at it (referrals, enrollments) stay explainable.
    """
    refuse_if_anonymised(keep, "keep")
    refuse_if_anonymised(duplicate, "duplicate")
    if keep.pk == duplicate.pk:
        raise ValidationError({"duplicate": _("A registration cannot be merged into itself.")})
    if keep.office_id != duplicate.office_id:
        raise ValidationError({"duplicate": _("Both registrations must belong to one office.")})
    if duplicate.status != JobSeeker.Status.ACTIVE:
        raise ValidationError({"duplicate": _("This registration has already ended.")})
    held = dict(keep.skill_rows.values_list("skill_id", "source"))
    for row in duplicate.skill_rows.all():
        if row.skill_id not in held:
            row.job_seeker = keep
            row.save(update_fields=["job_seeker"])
        elif row.source > held[row.skill_id]:
            # Saved row by row (not ``.update()``) so each change keeps its history.
            kept = keep.skill_rows.get(skill_id=row.skill_id)
            kept.source = row.source
            kept.certificate_no = row.certificate_no
            kept.certificate_expires_on = row.certificate_expires_on
            kept.acquired_on = row.acquired_on
            dates = ["declared_from", "trained_from", "certified_from"]
            for name in dates:  # each source counts from the earlier of the two records
                known = [day for day in (getattr(kept, name), getattr(row, name)) if day]
                setattr(kept, name, min(known) if known else None)
            kept.save(
                update_fields=[
                    "source",
                    "certificate_no",
                    "certificate_expires_on",
                    "acquired_on",
                    *dates,
                ]
            )
    kept_days = set(keep.reports.values_list("reported_on", flat=True))
    duplicate.reports.exclude(reported_on__in=kept_days).update(job_seeker=keep)
    job_seeker_end(job_seeker=duplicate, reason=JobSeeker.EndReason.DATA_ERROR, ended_by=merged_by)
    return keep
