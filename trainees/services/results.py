"""A cohort's results: compare with what is saved, and save all or nothing.

One row per trainee keyed by NIK (see API.md); reading and the rules are in
``results_reading``. The cohort's enrollments and current results are read in one query
each; the writes are bulk operations in one transaction. Uploading the same file again
writes nothing; a corrected file changes only what differs and records each change.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trainees.models import (
    Cohort,
    CompetencyAssessment,
    Enrollment,
    ResultUpload,
    TrainingResult,
    TrainingResultChange,
    mask_nik,
)
from trainees.services.bulk import insert_many
from trainees.services.certification import (
    TraineeResult,
    certificate_expiry,
    certification_apply,
)
from trainees.services.results_reading import validate_results
from trainees.services.training import ROLE_REFUSED, TRAINING_STAFF
from vokasi.jobs.progress import NullProgress
from vokasi.logging_json import log_import
from vokasi.models import User
from vokasi.roles import require_role
from vokasi.tabular import ImportResult, Table

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
REPORTING = (Cohort.Status.RUNNING, Cohort.Status.FINISHED)
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


# --------------------------------------------------------------------------- compare


def _current(cohort: Cohort) -> pd.DataFrame:
    """The saved results of the cohort, as the same canonical text as a file row."""
    rows = TrainingResult.objects.filter(enrollment__cohort=cohort).values_list(
        "enrollment_id",
        "pk",
        "attendance_pct",
        "score",
        "outcome",
        "assessment_id",
        "assessment__result",
        "assessment__certificate_no",
        "assessment__assessed_on",
    )
    frame = pd.DataFrame(
        list(rows),
        columns=[
            "enrollment_id",
            "result_id",
            "attendance_pct",
            "score",
            "outcome",
            "assessment_id",
            "competency",
            "certificate_no",
            "assessed_on",
        ],
    )
    text = pd.DataFrame({"enrollment_id": frame["enrollment_id"].astype("int64")})
    text["result_id"] = frame["result_id"]
    text["assessment_id"] = frame["assessment_id"]
    text["attendance_pct"] = frame["attendance_pct"].map(lambda v: f"{v:.2f}")
    text["score"] = frame["score"].map(lambda v: "" if v is None else f"{v:.2f}")
    text["outcome"] = frame["outcome"]
    text["competency"] = frame["competency"].fillna("")
    text["certificate_no"] = frame["certificate_no"].fillna("")
    text["assessed_on"] = frame["assessed_on"].map(lambda d: d.isoformat() if d else "")
    return text.set_index("enrollment_id")


@dataclass
class _Plan:
    frame: pd.DataFrame  # checked rows joined with the saved values ("<field>_old")
    created: pd.Series
    changed: pd.DataFrame  # one boolean column per field
    updated: pd.Series


def _plan(checked: pd.DataFrame, cohort: Cohort) -> _Plan:
    current = _current(cohort)
    frame = checked.join(current, on="enrollment_id", suffixes=("", "_old"))
    created = frame["result_id"].isna()
    changed = pd.DataFrame(
        {f: (frame[f] != frame[f"{f}_old"]) & ~created for f in FIELDS}, index=frame.index
    )
    updated = changed.any(axis=1)
    return _Plan(frame=frame, created=created, changed=changed, updated=updated)


def _describe(plan: _Plan) -> list[dict]:
    """The dry-run table: every created or updated row, with old and new values."""
    described = []
    touched = plan.frame[plan.created | plan.updated]
    changed = plan.changed[plan.created | plan.updated]
    for record, flags in zip(touched.itertuples(), changed.itertuples(), strict=True):
        created = pd.isna(record.result_id)
        fields = {}
        for field in FIELDS:
            new = getattr(record, field)
            if created and new:
                fields[field] = {"old": "", "new": new}
            elif not created and getattr(flags, field):
                fields[field] = {"old": getattr(record, f"{field}_old"), "new": new}
        described.append(
            {
                "row": int(record.Index),
                "nik": record.nik,
                "masked_nik": mask_nik(record.nik),
                "name": record.trainee,
                "action": "create" if created else "update",
                "fields": fields,
            }
        )
    return described


# ------------------------------------------------------------------------------ save


def cohort_results_import(
    *,
    actor: User,
    cohort: Cohort,
    table: Table,
    dry_run: bool = False,
    filename: str = "",
    sha256: str = "",
    progress=None,
) -> ImportResult:
    """Validate every row; unless it is a dry run and when nothing is wrong, save it all.

    Answers an ``ImportResult``; with errors nothing is saved. Raises ValidationError when
    the cohort cannot take results at all (not running or finished).
    """
    require_role(actor, TRAINING_STAFF, message=ROLE_REFUSED)
    if cohort.status not in REPORTING:
        raise ValidationError(
            _("Results are reported for a running or finished cohort; this one is %(status)s.")
            % {"status": cohort.get_status_display()}
        )
    progress = progress or NullProgress()
    progress.phase("checking", total=len(table.frame))
    checked = validate_results(table, cohort)
    progress.set(len(table.frame))
    if checked.errors:
        log_import("results", rows=checked.rows, errors=len(checked.errors), status=400,
                   cohort_id=cohort.pk, dry_run=dry_run)  # fmt: skip
        return ImportResult(errors=checked.errors, dry_run=dry_run)
    if dry_run:
        plan = _plan(checked.frame, cohort)
        return _result(plan, dry_run=True, changes=_describe(plan))
    progress.phase("writing", total=checked.rows)
    with transaction.atomic():
        # One upload per cohort at a time; the comparison is made under the lock.
        Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
        plan = _plan(checked.frame, cohort)
        upload_id = None
        if plan.created.any() or plan.updated.any():
            upload_id = _save(
                plan, cohort, actor, filename=filename, sha256=sha256, rows=checked.rows
            )
    progress.set(checked.rows)
    result = _result(plan, dry_run=False, changes=[])
    log_import("results", rows=checked.rows, errors=0, status=200, cohort_id=cohort.pk,
               upload_id=upload_id, rows_created=result.created,
               rows_updated=result.updated)  # fmt: skip
    return result


def _result(plan: _Plan, *, dry_run: bool, changes: list[dict]) -> ImportResult:
    created = int(plan.created.sum())
    updated = int(plan.updated.sum())
    return ImportResult(
        created=created,
        updated=updated,
        unchanged=len(plan.frame) - created - updated,
        dry_run=dry_run,
        changes=changes,
    )


def _chunks(items: list, size: int = 5000) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _save(plan: _Plan, cohort: Cohort, actor: User, *, filename: str, sha256: str, rows: int):
    now = timezone.now()
    frame = plan.frame
    touched = frame[plan.created | plan.updated]
    upload = ResultUpload.objects.create(
        cohort=cohort,
        uploaded_by=actor,
        filename=filename[:200],
        sha256=sha256,
        rows=rows,
        created=int(plan.created.sum()),
        updated=int(plan.updated.sum()),
        unchanged=len(frame) - int(plan.created.sum()) - int(plan.updated.sum()),
    )
    # Assessments reported but not yet linked to a result (entered another way) are
    # reused when their date matches, so (enrollment, date) stays unique.
    unlinked = {
        (enrollment_id, assessed_on.isoformat()): pk
        for pk, enrollment_id, assessed_on in CompetencyAssessment.objects.filter(
            enrollment__cohort=cohort, reported_in__isnull=True
        ).values_list("pk", "enrollment_id", "assessed_on")
    }

    new_assessments: dict[int, tuple] = {}
    changed_assessments: list[CompetencyAssessment] = []
    dropped_assessments: list[int] = []
    results_new: list[list] = []
    results_changed: list[TrainingResult] = []
    history: list[TrainingResultChange] = []
    certification: list[TraineeResult] = []
    by_status: dict[str, list[int]] = {}

    for row in touched.itertuples():
        enrollment_id = int(row.enrollment_id)
        assessed_on = datetime.date.fromisoformat(row.assessed_on) if row.assessed_on else None
        assessment_id = None if pd.isna(row.assessment_id) else int(row.assessment_id)
        if row.competency:
            values = {
                "result": row.competency,
                "assessed_on": assessed_on,
                "certificate_no": row.certificate_no if row.competency == "K" else "",
                "certificate_expires_on": certificate_expiry(assessed_on)
                if row.competency == "K"
                else None,
                "needs_retest": row.competency == "BK",
            }
            reuse = assessment_id or unlinked.get((enrollment_id, row.assessed_on))
            if reuse:
                changed_assessments.append(CompetencyAssessment(pk=reuse, **values))
                assessment_id = reuse
            else:
                new_assessments[enrollment_id] = (
                    enrollment_id,
                    *(values[field] for field in ASSESSMENT_FIELDS[1:]),
                )
        elif assessment_id:
            dropped_assessments.append(assessment_id)
            assessment_id = None
        attendance = Decimal(row.attendance_pct)
        score = Decimal(row.score) if row.score else None
        if pd.isna(row.result_id):
            results_new.append(
                [enrollment_id, attendance, score, row.outcome, assessment_id, actor.pk, now]
            )
        else:
            results_changed.append(
                TrainingResult(
                    pk=int(row.result_id),
                    enrollment_id=enrollment_id,
                    attendance_pct=attendance,
                    score=score,
                    outcome=row.outcome,
                    assessment_id=assessment_id,
                    updated_by=actor,
                    updated_at=now,
                )
            )
            for field in FIELDS:
                old, new = getattr(row, f"{field}_old"), getattr(row, field)
                if old != new:
                    history.append(
                        TrainingResultChange(
                            enrollment_id=enrollment_id,
                            upload=upload,
                            field=field,
                            old_value=old or "",
                            new_value=new or "",
                            changed_at=now,
                            changed_by=actor,
                        )
                    )
        by_status.setdefault(ENROLLMENT_STATUS[row.outcome], []).append(enrollment_id)
        certification.append(
            TraineeResult(
                enrollment_id=enrollment_id,
                job_seeker_id=int(row.job_seeker_id),
                outcome=row.outcome,
                competency=row.competency,
                assessed_on=assessed_on,
                certificate_no=row.certificate_no,
            )
        )

    if dropped_assessments:
        for ids in _chunks(dropped_assessments):
            TrainingResult.objects.filter(assessment_id__in=ids).update(assessment=None)
            CompetencyAssessment.objects.filter(pk__in=ids).delete()
    if changed_assessments:
        CompetencyAssessment.objects.bulk_update(
            changed_assessments,
            ["result", "assessed_on", "certificate_no", "certificate_expires_on", "needs_retest"],
            batch_size=1000,
        )
    if new_assessments:
        insert_many(CompetencyAssessment, ASSESSMENT_FIELDS, list(new_assessments.values()))
        # (enrollment, date) is unique: it finds the new rows' ids in one query.
        assessment_ids = {
            (enrollment_id, assessed_on): pk
            for enrollment_id, assessed_on, pk in CompetencyAssessment.objects.filter(
                enrollment__cohort=cohort, reported_in__isnull=True
            ).values_list("enrollment_id", "assessed_on", "pk")
        }
        for result in results_changed:
            created = new_assessments.get(result.enrollment_id)
            if created is not None:
                result.assessment_id = assessment_ids[(created[0], created[2])]
        for values in results_new:
            created = new_assessments.get(values[0])
            if created is not None:
                values[4] = assessment_ids[(created[0], created[2])]
    insert_many(TrainingResult, RESULT_FIELDS, [tuple(values) for values in results_new])
    if results_changed:
        TrainingResult.objects.bulk_update(
            results_changed,
            ["attendance_pct", "score", "outcome", "assessment", "updated_by", "updated_at"],
            batch_size=1000,
        )
    for status, ids in by_status.items():
        for chunk in _chunks(ids):
            Enrollment.objects.filter(pk__in=chunk).exclude(status=status).update(status=status)
    if history:
        TrainingResultChange.objects.bulk_create(history, batch_size=2000)
    certification_apply(cohort=cohort, results=certification)
    return upload.pk
