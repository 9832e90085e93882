"""Database settings for report queries.

PostgreSQL's JIT compiler switches itself on for queries it estimates as expensive, which
report queries always are; compiling them took longer than running them (1.5 s of 1.7 s
for the outcome counts on 20,000 enrollments). Each report therefore runs in a
transaction with ``SET LOCAL jit = off``, which ends with the transaction and so never
leaks into the pooled connection. The same transaction raises ``work_mem`` (setting
``VOKASI["REPORT_WORK_MEM_MB"]``, 128) so that grouping a million people hashes in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.db import connection, transaction

T = TypeVar("T")


def report_query(func: Callable[..., T]) -> Callable[..., T]:
    @wraps(func)
    def wrapper(*args, **kwargs) -> T:
        if connection.vendor != "postgresql":
            return func(*args, **kwargs)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
                # Grouping a million people must not spill to disk in 4 MB pieces.
                work_mem = int(settings.VOKASI.get("REPORT_WORK_MEM_MB", 128))
                cursor.execute(f"SET LOCAL work_mem = '{work_mem}MB'")
            return func(*args, **kwargs)

    return wrapper
