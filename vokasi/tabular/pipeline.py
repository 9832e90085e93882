"""The one upload pipeline: read → check every row → report → write.

Every file the users send (a job fair's list, a cohort's results) goes through
``upload_run``, from a page, the API or a background job alike. An importer says how
its file is read, checked, previewed and written (an ``Upload``); the pipeline decides
the order, the progress a job shows, the rule that any row error writes nothing, the
one retry after a write that lost a race, and the one log line of every upload (counts
and ids only, never values).
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from django.db import IntegrityError

from vokasi.jobs.progress import NullProgress
from vokasi.logging_json import log_import
from vokasi.tabular.types import ImportResult, Table, TableError


class Upload(ABC):
    """One upload of one kind. Subclasses implement ``read``, ``check``, ``preview`` and
    ``write``; ``check`` answers an object with ``errors`` (a list of ``RowError``)."""

    #: The log's name for this kind of upload ("job_seekers", "results").
    kind = ""
    #: A write that breaks a unique constraint (someone saved the same key meanwhile)
    #: is checked once more, so the answer names the row; the second time it is raised.
    retry_on_conflict = False

    @abstractmethod
    def read(self) -> Table:
        """The file as a table; ``TableError`` refuses the file as a whole."""

    @abstractmethod
    def check(self, table: Table):
        """Every row checked: an object with ``errors`` and what ``write`` needs."""

    def refused(self, checked, *, dry_run: bool) -> ImportResult:
        """The answer when a row is wrong: every error, nothing written."""
        return ImportResult(errors=checked.errors, dry_run=dry_run)

    @abstractmethod
    def preview(self, checked) -> ImportResult:
        """What a write would do, writing nothing (a dry run)."""

    @abstractmethod
    def write(self, checked, progress) -> ImportResult:
        """Write the checked rows, all or nothing, moving ``progress``."""

    def log_fields(self) -> dict:
        """Ids the log line carries (the office, the cohort, the saved upload)."""
        return {}


def upload_run(upload: Upload, *, dry_run: bool = False, progress=None) -> ImportResult:
    """Run ``upload`` through the pipeline; raises ``TableError`` for a file refused as a
    whole (logged here too)."""
    progress = progress or NullProgress()
    job = {"job_id": progress.job_id} if getattr(progress, "job_id", None) else {}
    progress.phase("reading")
    try:
        table = upload.read()
    except TableError as error:
        log_import(upload.kind, rows=0, errors=max(1, len(error.errors)), status=error.status,
                   **upload.log_fields(), **job)  # fmt: skip
        raise
    result = _checked_and_written(upload, table, dry_run=dry_run, progress=progress)
    log_import(upload.kind, rows=len(table), errors=len(result.errors),
               status=400 if result.errors else 200, dry_run=dry_run,
               rows_created=0 if dry_run else result.created,
               rows_updated=0 if dry_run else result.updated,
               **upload.log_fields(), **job)  # fmt: skip
    return result


def _checked_and_written(upload: Upload, table: Table, *, dry_run: bool, progress):
    for attempt in (1, 2):
        progress.phase("checking", total=len(table))
        checked = upload.check(table)
        progress.set(len(table))
        if checked.errors:
            return upload.refused(checked, dry_run=dry_run)
        if dry_run:
            return upload.preview(checked)
        try:
            return upload.write(checked, progress)
        except IntegrityError:
            if attempt == 2 or not upload.retry_on_conflict:
                raise
    raise AssertionError("unreachable")  # pragma: no cover
