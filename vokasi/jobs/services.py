"""Submitting, running, recovering and discarding background jobs.

A job is claimed by one worker with a conditional update (queued → running), so it never
runs twice at the same time, whatever the queue does. Its work is all or nothing, like
the synchronous path: a worker killed mid-job leaves nothing written, and the next look
at a job whose heartbeat has stopped puts it back in the queue once (nothing was
written) or, the second time, ends it as failed with a message. The uploaded file stays
until the job succeeds or its owner discards it.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from vokasi.jobs import registry
from vokasi.jobs.models import Job
from vokasi.jobs.progress import Progress

logger = logging.getLogger(__name__)

#: A running job whose heartbeat is older than this has lost its worker.
STALE_AFTER = datetime.timedelta(seconds=getattr(settings, "VOKASI_JOB_STALE_SECONDS", 120))
#: How long a finished job's output and files are kept for download.
KEEP_FOR = datetime.timedelta(hours=getattr(settings, "VOKASI_JOB_KEEP_HOURS", 24))
#: Attempts before a job that lost its worker is given up.
MAX_ATTEMPTS = 2


def file_digest(file) -> str:
    if isinstance(file, bytes | bytearray):
        return hashlib.sha256(file).hexdigest()
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1 << 20), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def job_submit(
    *, owner, kind: str, params: dict | None = None, file=None, filename: str = "", key: str = ""
) -> tuple[Job, bool]:
    """Queue a job; ``(job, created)``. The same ``key`` (e.g. the target and the file's
    digest) while an equal job is queued or running returns that job instead."""
    registry.kind(kind)  # an unknown kind is a programming error, raised here
    if isinstance(file, bytes | bytearray):
        file = io.BytesIO(file)
    if file is not None and not key:
        key = f"{kind}:{file_digest(file)}"
    if key:
        # The usual repeat (a client sending the same file again while it waits) is
        # answered before its file is stored and its insert refused by the constraint,
        # which still decides between two submits racing here.
        existing = _in_flight(owner=owner, kind=kind, key=key)
        if existing is not None:
            return existing, False
    job = Job(owner=owner, kind=kind, params=params or {}, filename=filename, key=key)
    if file is not None:
        file.seek(0)
        job.file.save(filename or "upload", ContentFile(file.read()), save=False)
    try:
        with transaction.atomic():
            job.save()
    except IntegrityError:
        if job.file:
            job.file.delete(save=False)
        existing = _in_flight(owner=owner, kind=kind, key=key)
        if existing is None:  # it finished in between: queue this one after all
            return job_submit(owner=owner, kind=kind, params=params, file=file,
                              filename=filename, key=key)  # fmt: skip
        return existing, False
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job, True


def _in_flight(*, owner, kind: str, key: str) -> Job | None:
    """The queued or running job equal to this one (what ``job_once_in_flight`` and
    ``system_job_once_in_flight`` keep unique), if any."""
    return Job.objects.in_flight().filter(owner=owner, kind=kind, key=key).first()


def _enqueue(job_id: int) -> None:
    from vokasi.jobs.tasks import run_job

    run_job.enqueue(job_id)


def job_run(job_id: int) -> Job | None:
    """Run a queued job in this process, if no one else has claimed it."""
    jobs_recover()
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1,
        phase="", done=0,
    )  # fmt: skip
    if not claimed:
        return None
    job = Job.objects.get(pk=job_id)
    kind = registry.kind(job.kind)
    logger.info("job %s (%s) started", job.pk, job.kind)
    progress = Progress(job.pk)
    try:
        with progress:
            outcome = kind.run(job, progress)
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        outcome = registry.Outcome(
            message=_("The job stopped on an unexpected error; nothing was saved.")
        )
    state = progress.state
    job.done, job.total = state["done"], state["total"]
    return _finish(job, outcome)


def _finish(job: Job, outcome: registry.Outcome) -> Job:
    now = timezone.now()
    job.status = Job.Status.DONE if outcome.ok else Job.Status.FAILED
    job.result = outcome.result if outcome.ok else None
    job.errors = outcome.errors
    job.message = outcome.message
    job.finished_at = job.heartbeat_at = now
    job.keep_until = now + KEEP_FOR
    if outcome.output is not None:
        job.output.save(outcome.output_name or f"{job.kind}-{job.pk}", ContentFile(outcome.output),
                        save=False)  # fmt: skip
    if job.status == Job.Status.DONE:
        job.done = job.total = max(job.total, job.done)
    job.save(update_fields=["status", "result", "errors", "message", "finished_at",
                            "heartbeat_at", "keep_until", "output", "done", "total"])  # fmt: skip
    logger.info("job %s (%s) %s", job.pk, job.kind, job.status)
    return job


def jobs_recover(now: datetime.datetime | None = None) -> int:
    """Jobs whose worker stopped: queued again once (their work is all or nothing, so
    nothing was written), failed with a message after that. Returns how many."""
    now = now or timezone.now()
    stale = Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=now - STALE_AFTER)
    count = 0
    for job in stale:
        if job.attempts < MAX_ATTEMPTS:
            moved = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
                status=Job.Status.QUEUED, phase="", done=0
            )
            if moved:
                transaction.on_commit(lambda pk=job.pk: _enqueue(pk))
        else:
            moved = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
                status=Job.Status.FAILED,
                finished_at=now,
                message=_(
                    "The worker running this job stopped twice; nothing was saved. "
                    "Try again, or ask the administrator to check the workers."
                ),
            )
        count += moved
    return count


def job_discard(*, job: Job) -> None:
    """The owner no longer needs the job: its files go; a running job cannot be."""
    if not job.finished:
        raise ValueError("a queued or running job cannot be discarded")
    for field in (job.file, job.output):
        if field:
            field.delete(save=False)
    job.delete()


def jobs_purge(now: datetime.datetime | None = None) -> int:
    """Delete finished jobs (and their files) kept past ``keep_until``, except failed
    ones, whose file waits for the owner to discard it."""
    now = now or timezone.now()
    old = Job.objects.filter(status=Job.Status.DONE, keep_until__lt=now)
    count = 0
    for job in old.iterator():
        job_discard(job=job)
        count += 1
    return count
