"""Database settings for report queries, and the replica they may read from.

PostgreSQL's JIT compiler switches itself on for queries it estimates as expensive, which
report queries always are; compiling them took longer than running them (1.5 s of 1.7 s
for the outcome counts on 20,000 enrollments). Each report therefore runs in a
transaction with ``SET LOCAL jit = off``, which ends with the transaction and so never
leaks into the pooled connection. The same transaction raises ``work_mem`` (setting
``VOKASI["REPORT_WORK_MEM_MB"]``, 128) so that grouping a million people hashes in memory.

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
from django.db import DEFAULT_DB_ALIAS, connections, transaction

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
        with report_reads():
            alias = reports_alias()
            connection = connections[alias]
            if connection.vendor != "postgresql":
                return func(*args, **kwargs)
            with transaction.atomic(using=alias):
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL jit = off")
                    # Grouping a million people must not spill to disk in 4 MB pieces.
                    work_mem = int(settings.VOKASI.get("REPORT_WORK_MEM_MB", 128))
                    cursor.execute(f"SET LOCAL work_mem = '{work_mem}MB'")
                return func(*args, **kwargs)

    return wrapper
