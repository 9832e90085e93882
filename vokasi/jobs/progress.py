"""How far a running job is, written where the user can see it while the job's own
transaction is still open.

The job runs its work in one transaction (all or nothing), so what it writes is
invisible to others until the end. Progress is kept in memory and a small thread
writes it to the job's row every ``interval`` seconds over its own connection (Django
gives each thread its own), together with a heartbeat that tells a stalled worker from
a busy one. On SQLite a write can wait for the job's transaction; the thread then tries
again at the next tick, and the bar resumes once the database is free.
"""

from __future__ import annotations

import contextvars
import logging
import threading
from contextlib import contextmanager

from django.db import DatabaseError, connections
from django.utils import timezone

logger = logging.getLogger(__name__)


class NullProgress:
    """What the synchronous path passes: progress nobody watches."""

    def phase(self, phase: str, total: int | None = None) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def set(self, done: int) -> None:
        pass


_NOBODY = NullProgress()
_current: contextvars.ContextVar[NullProgress | None] = contextvars.ContextVar(
    "vokasi_job_progress", default=None
)


def current() -> NullProgress:
    """The progress of the job this code runs in (nobody's outside a job): code deep in
    a call, such as an export's writer, reports to it without being handed it."""
    return _current.get() or _NOBODY


@contextmanager
def reporting_to(progress: NullProgress):
    token = _current.set(progress)
    try:
        yield progress
    finally:
        _current.reset(token)


class Progress(NullProgress):
    def __init__(self, job_id: int, *, interval: float = 0.5) -> None:
        self.job_id = job_id
        self.interval = interval
        self._state = {"phase": "", "done": 0, "total": 0}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -------------------------------------------------------------- from the job
    def phase(self, phase: str, total: int | None = None) -> None:
        with self._lock:
            self._state["phase"] = phase
            self._state["done"] = 0
            if total is not None:
                self._state["total"] = total

    def advance(self, count: int = 1) -> None:
        with self._lock:
            self._state["done"] += count

    def set(self, done: int) -> None:
        with self._lock:
            self._state["done"] = done

    @property
    def state(self) -> dict:
        with self._lock:
            return dict(self._state)

    # -------------------------------------------------------------- the writer
    def __enter__(self) -> Progress:
        self._thread = threading.Thread(target=self._loop, name=f"job-{self.job_id}", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _loop(self) -> None:
        from django.db import connection

        written = None
        try:
            if connection.vendor == "sqlite":
                # Wait a moment for the job's transaction, not SQLite's usual 20 s.
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA busy_timeout = 250")
            while not self._stop.wait(self.interval):
                written = self._write(written)
        finally:
            connections.close_all()

    def _write(self, written):
        from vokasi.jobs.models import Job

        with self._lock:
            state = dict(self._state)
        fields = {"heartbeat_at": timezone.now()}
        if state != written:
            fields.update(state)
        try:
            Job.objects.filter(pk=self.job_id, status=Job.Status.RUNNING).update(**fields)
        except DatabaseError as error:  # SQLite busy with the job's own transaction
            logger.debug("job %s: progress not written yet (%s)", self.job_id, error)
            return written
        return state
