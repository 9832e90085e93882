"""A cohort's results: compare with what is saved, and save all or nothing.

One row per trainee keyed by NIK (see API.md); reading and the rules are in
``results.reading``. The cohort's enrollments and current results are read in one query
each; the writes are bulk operations in one transaction. Uploading the same file again
writes nothing; a corrected file changes only what differs and records each change.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trainees.models import Cohort, TrainingResult, mask_nik
from trainees.services.results.reading import (
    CheckedRows,
    results_read_file,
    results_read_rows,
    validate_results,
)
from trainees.services.results.saving import FIELDS, results_save
from trainees.services.training import ROLE_REFUSED, TRAINING_STAFF
from vokasi.models import User
from vokasi.roles import require_role
from vokasi.tabular import ImportResult, Table
from vokasi.tabular.pipeline import Upload, upload_run

REPORTING = (Cohort.Status.RUNNING, Cohort.Status.FINISHED)
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
    table: Table | None = None,
    file=None,
    rows: list | None = None,
    dry_run: bool = False,
    filename: str = "",
    sha256: str = "",
    progress=None,
) -> ImportResult:
    """Validate every row; unless it is a dry run and when nothing is wrong, save it all.

    The rows come as a ``table`` already read, an uploaded ``file`` (.xlsx/.csv, read
    here; its SHA-256 is recorded) or JSON ``rows``. Answers an ``ImportResult``; with
    errors nothing is saved. Raises ``TableError`` for a file that cannot be read and
    ValidationError when the cohort cannot take results at all (not running or
    finished). Runs through the one upload pipeline, which also logs it.
    """
    require_role(actor, TRAINING_STAFF, message=ROLE_REFUSED)
    if cohort.status not in REPORTING:
        raise ValidationError(
            _("Results are reported for a running or finished cohort; this one is %(status)s.")
            % {"status": cohort.get_status_display()}
        )
    upload = _ResultsUpload(
        actor=actor, cohort=cohort, table=table, file=file, rows=rows,
        filename=filename, sha256=sha256,
    )  # fmt: skip
    return upload_run(upload, dry_run=dry_run, progress=progress)


class _ResultsUpload(Upload):
    kind = "results"

    def __init__(self, *, actor, cohort, table, file, rows, filename, sha256) -> None:
        self.actor, self.cohort = actor, cohort
        self.table, self.file, self.rows = table, file, rows
        self.filename, self.sha256 = filename, sha256
        self.written: dict = {}

    def read(self) -> Table:
        if self.table is not None:
            return self.table
        if self.rows is not None:
            return results_read_rows(self.rows)
        table, self.sha256 = results_read_file(self.file, filename=self.filename or None)
        return table

    def check(self, table: Table) -> CheckedRows:
        return validate_results(table, self.cohort)

    def preview(self, checked: CheckedRows) -> ImportResult:
        plan = _plan(checked.frame, self.cohort)
        return _result(plan, dry_run=True, changes=_describe(plan))

    def write(self, checked: CheckedRows, progress) -> ImportResult:
        progress.phase("writing", total=checked.rows)
        with transaction.atomic():
            # One upload per cohort at a time; the comparison is made under the lock.
            Cohort.objects.select_for_update().filter(pk=self.cohort.pk).first()
            plan = _plan(checked.frame, self.cohort)
            upload_id = None
            if plan.created.any() or plan.updated.any():
                upload_id = results_save(plan, self.cohort, self.actor, filename=self.filename,
                                  sha256=self.sha256, rows=checked.rows)  # fmt: skip
        progress.set(checked.rows)
        self.written = {"upload_id": upload_id}
        return _result(plan, dry_run=False, changes=[])

    def log_fields(self) -> dict:
        return {"cohort_id": self.cohort.pk, **self.written}


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
