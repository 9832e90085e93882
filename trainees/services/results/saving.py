"""Saving a cohort's checked results: every table written in bulk, in the caller's
transaction (``results.cohort_results_import`` holds the cohort's lock around it).

The rows are gathered first (assessments kept, reused, new or dropped; results new or
corrected; one history entry per changed field; the enrollments' new statuses; what the
certification follows) and then written table by table, a fixed number of statements
whatever the number of rows.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from django.utils import timezone

from trainees.models import (
    Cohort,
    CompetencyAssessment,
    Enrollment,
    ResultUpload,
    TrainingResult,
    TrainingResultChange,
)
from trainees.services.certification import (
    TraineeResult,
    certificate_expiry,
    certification_apply,
)
from vokasi.db import insert_many
from vokasi.models import User

ENROLLMENT_STATUS = {
    TrainingResult.Outcome.COMPLETED.value: Enrollment.Status.COMPLETED.value,
    TrainingResult.Outcome.FAILED.value: Enrollment.Status.FAILED.value,
    TrainingResult.Outcome.DROPPED.value: Enrollment.Status.DROPPED.value,
}
#: The fields a results row sets, in the order the history and the dry run show them.
FIELDS = (
    "attendance_pct",
    "score",
    "outcome",
    "competency",
    "certificate_no",
    "assessed_on",
)
ASSESSMENT_FIELDS = (
    "enrollment",
    "result",
    "assessed_on",
    "certificate_no",
    "certificate_expires_on",
    "needs_retest",
)
RESULT_FIELDS = (
    "enrollment",
    "attendance_pct",
    "score",
    "outcome",
    "assessment",
    "updated_by",
    "updated_at",
)


def _chunks(items: list, size: int = 5000) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class _Writes:
    """What saving a plan writes, gathered row by row, then written table by table."""

    upload: ResultUpload
    now: datetime.datetime
    unlinked: dict[tuple[int, str], int]
    new_assessments: dict[int, tuple] = dataclasses.field(default_factory=dict)
    changed_assessments: list[CompetencyAssessment] = dataclasses.field(default_factory=list)
    dropped_assessments: list[int] = dataclasses.field(default_factory=list)
    results_new: list[list] = dataclasses.field(default_factory=list)
    results_changed: list[TrainingResult] = dataclasses.field(default_factory=list)
    history: list[TrainingResultChange] = dataclasses.field(default_factory=list)
    certification: list[TraineeResult] = dataclasses.field(default_factory=list)
    by_status: dict[str, list[int]] = dataclasses.field(default_factory=dict)


def results_save(plan, cohort: Cohort, actor: User, *, filename: str, sha256: str, rows: int):
    """Write the plan's created and updated rows; answers the new ``ResultUpload``'s id."""
    frame = plan.frame
    created, updated = int(plan.created.sum()), int(plan.updated.sum())
    upload = ResultUpload.objects.create(
        cohort=cohort, uploaded_by=actor, filename=filename[:200], sha256=sha256, rows=rows,
        created=created, updated=updated, unchanged=len(frame) - created - updated,
    )  # fmt: skip
    # Assessments reported but not yet linked to a result (entered another way) are
    # reused when their date matches, so (enrollment, date) stays unique.
    unlinked = {
        (enrollment_id, assessed_on.isoformat()): pk
        for pk, enrollment_id, assessed_on in CompetencyAssessment.objects.filter(
            enrollment__cohort=cohort, reported_in__isnull=True
        ).values_list("pk", "enrollment_id", "assessed_on")
    }
    writes = _Writes(upload=upload, now=timezone.now(), unlinked=unlinked)
    for row in frame[plan.created | plan.updated].itertuples():
        _gather_row(writes, row, actor)
    _write_assessments(writes, cohort)
    _write_results(writes)
    for status, ids in writes.by_status.items():
        for chunk in _chunks(ids):
            Enrollment.objects.filter(pk__in=chunk).exclude(status=status).update(status=status)
    if writes.history:
        TrainingResultChange.objects.bulk_create(writes.history, batch_size=2000)
    certification_apply(cohort=cohort, results=writes.certification)
    return upload.pk


def _gather_row(writes: _Writes, row, actor: User) -> None:
    """One created or updated row: its assessment, its result, its history, its status."""
    enrollment_id = int(row.enrollment_id)
    assessed_on = datetime.date.fromisoformat(row.assessed_on) if row.assessed_on else None
    assessment_id = _gather_assessment(writes, row, enrollment_id, assessed_on)
    attendance = Decimal(row.attendance_pct)
    score = Decimal(row.score) if row.score else None
    if pd.isna(row.result_id):
        writes.results_new.append(
            [enrollment_id, attendance, score, row.outcome, assessment_id, actor.pk, writes.now]
        )
    else:
        writes.results_changed.append(
            TrainingResult(
                pk=int(row.result_id),
                enrollment_id=enrollment_id,
                attendance_pct=attendance,
                score=score,
                outcome=row.outcome,
                assessment_id=assessment_id,
                updated_by=actor,
                updated_at=writes.now,
            )
        )
        for name in FIELDS:
            old, new = getattr(row, f"{name}_old"), getattr(row, name)
            if old != new:
                writes.history.append(
                    TrainingResultChange(
                        enrollment_id=enrollment_id,
                        upload=writes.upload,
                        field=name,
                        old_value=old or "",
                        new_value=new or "",
                        changed_at=writes.now,
                        changed_by=actor,
                    )
                )
    writes.by_status.setdefault(ENROLLMENT_STATUS[row.outcome], []).append(enrollment_id)
    writes.certification.append(
        TraineeResult(
            enrollment_id=enrollment_id,
            job_seeker_id=int(row.job_seeker_id),
            outcome=row.outcome,
            competency=row.competency,
            assessed_on=assessed_on,
            certificate_no=row.certificate_no,
        )
    )


def _gather_assessment(writes: _Writes, row, enrollment_id: int, assessed_on) -> int | None:
    """The row's competency assessment: kept, reused, new (its id comes once it is
    written) or dropped. Answers the id the result points at, when it is known now."""
    assessment_id = None if pd.isna(row.assessment_id) else int(row.assessment_id)
    if not row.competency:
        if assessment_id:
            writes.dropped_assessments.append(assessment_id)
        return None
    competent = row.competency == "K"
    values = {
        "result": row.competency,
        "assessed_on": assessed_on,
        "certificate_no": row.certificate_no if competent else "",
        "certificate_expires_on": certificate_expiry(assessed_on) if competent else None,
        "needs_retest": row.competency == "BK",
    }
    reuse = assessment_id or writes.unlinked.get((enrollment_id, row.assessed_on))
    if reuse:
        writes.changed_assessments.append(CompetencyAssessment(pk=reuse, **values))
        return reuse
    writes.new_assessments[enrollment_id] = (
        enrollment_id,
        *(values[name] for name in ASSESSMENT_FIELDS[1:]),
    )
    return None


def _write_assessments(writes: _Writes, cohort: Cohort) -> None:
    if writes.dropped_assessments:
        for ids in _chunks(writes.dropped_assessments):
            TrainingResult.objects.filter(assessment_id__in=ids).update(assessment=None)
            CompetencyAssessment.objects.filter(pk__in=ids).delete()
    if writes.changed_assessments:
        CompetencyAssessment.objects.bulk_update(
            writes.changed_assessments,
            ["result", "assessed_on", "certificate_no", "certificate_expires_on", "needs_retest"],
            batch_size=1000,
        )
    new = writes.new_assessments
    if not new:
        return
    insert_many(CompetencyAssessment, ASSESSMENT_FIELDS, list(new.values()))
    # (enrollment, date) is unique: it finds the new rows' ids in one query.
    assessment_ids = {
        (enrollment_id, assessed_on): pk
        for enrollment_id, assessed_on, pk in CompetencyAssessment.objects.filter(
            enrollment__cohort=cohort, reported_in__isnull=True
        ).values_list("enrollment_id", "assessed_on", "pk")
    }
    for result in writes.results_changed:
        created = new.get(result.enrollment_id)
        if created is not None:
            result.assessment_id = assessment_ids[(created[0], created[2])]
    for values in writes.results_new:
        created = new.get(values[0])
        if created is not None:
            values[4] = assessment_ids[(created[0], created[2])]


def _write_results(writes: _Writes) -> None:
    insert_many(TrainingResult, RESULT_FIELDS, [tuple(values) for values in writes.results_new])
    if writes.results_changed:
        TrainingResult.objects.bulk_update(
            writes.results_changed,
            ["attendance_pct", "score", "outcome", "assessment", "updated_by", "updated_at"],
            batch_size=1000,
        )
