"""Database helpers every app shares."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import connection, transaction

# ------------------------------------------------------------------- heavy reads


@contextlib.contextmanager
def planner_settings(work_mem_mb: int, *, parallel: bool = True) -> Iterator[None]:
    """On PostgreSQL, run the block with settings fit for one large aggregate (a report,
    the ranking of candidates) answered while a person waits.

    - no JIT: the planner switches it on for queries it estimates as expensive, and
      compiling them took longer than running them (1.5 s of 1.7 s for the outcome counts
      on 20,000 enrollments; 0.7 s of 10 s for matching at a million people);
    - ``work_mem`` of ``work_mem_mb``, so that grouping a million people hashes in memory
      instead of spilling to disk in 4 MB pieces;
    - ``parallel=False``: no parallel workers (matching: each one rebuilt the whole
      aggregate on its own).

    ``set_config(..., true)`` (``SET LOCAL``) lasts until the end of the transaction, which
    the block opens when none is open, so nothing leaks into the pooled connection; inside
    a caller's transaction it lasts until that ends. Elsewhere (SQLite) the block just runs.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('jit', 'off', true), set_config('work_mem', %s, true)"
            + ("" if parallel else ", set_config('max_parallel_workers_per_gather', '0', true)"),
            [f"{int(work_mem_mb)}MB"],
        )
        yield
