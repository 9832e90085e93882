"""Database settings for report queries, and the replica they may read from.

Every report query runs under ``vokasi.db.planner_settings`` (no JIT, a larger
``work_mem``: setting ``VOKASI["REPORT_WORK_MEM_MB"]``, 128), read when the report runs,
on the connection the report reads from.

**A replica for the reports.** With ``REPORTS_DATABASE_URL`` set (a PostgreSQL streaming
replica of the primary, README "Deploying"), the reports' reads go there, so a year's IPK
or a link-and-match over a million people does not compete with the counters' writes:
``report_query`` marks the selector's reads (a context variable, so nothing else in the
request is affected) and ``ReportsRouter`` sends the marked reads of the records the
reports count to the ``reports`` alias. Writes, logins, sessions, the access log and the
jobs always use the primary: a replica may lag by a moment, and none of them may.
Raw SQL a selector runs itself must take its connection from ``report_connection()``.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from contextlib import contextmanager
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from vokasi.db import planner_settings

T = TypeVar("T")

#: The alias of the replica in ``DATABASES`` (vokasi/settings.py).
REPORTS = "reports"
#: The records the reports count; anything else (users, sessions, the access log, jobs,
#: the task queue, the cache) is read from the primary even inside a report.
COUNTED_APPS = {"trainees", "placements", "reports", "vokasi"}
PRIMARY_ONLY = {"vokasi.user", "vokasi.apikey", "vokasi.accesslog", "vokasi.job"}

_reading = contextvars.ContextVar("vokasi_report_reads", default=False)


def reports_alias() -> str:
    """Where report reads go: the replica when one is configured, else the primary."""
    alias = getattr(settings, "VOKASI_REPORTS_DATABASE", None)
    return alias if alias and alias in settings.DATABASES else DEFAULT_DB_ALIAS


def report_connection():
    return connections[reports_alias()]


@contextmanager
def report_reads():
    """Reads of the counted records inside go to the reports alias."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


class ReportsRouter:
    """Marked report reads to the replica; everything else to the default database."""

    def db_for_read(self, model, **hints):
        if not _reading.get():
            return None
        alias = reports_alias()
        if alias == DEFAULT_DB_ALIAS:
            return None
        meta = model._meta
        if meta.app_label in COUNTED_APPS and meta.label_lower not in PRIMARY_ONLY:
            return alias
        return None

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, **hints):
        return False if db == REPORTS else None  # a replica follows the primary's schema


def report_query(func: Callable[..., T]) -> Callable[..., T]:
    @wraps(func)
    def wrapper(*args, **kwargs) -> T:
        work_mem = int(settings.VOKASI.get("REPORT_WORK_MEM_MB", 128))
        with report_reads(), planner_settings(work_mem, using=reports_alias()):
            return func(*args, **kwargs)

    return wrapper
