"""Rate limits shared by every worker: a sliding-window counter in the database.

Each request counts itself with one atomic statement (``INSERT … ON CONFLICT DO UPDATE …
RETURNING``) into the row of its caller and window (``RateCount``), which also returns the
previous window's count (a subquery in ``RETURNING``: one round trip a request, on
PostgreSQL and SQLite alike). The estimate of requests in the last ``duration`` seconds is
the current window's count plus the previous window's count weighted by how much of it
still lies inside the sliding window (the usual sliding-window-counter estimate; it never
lets through more than the limit within any one window and smooths the boundary).

Why not the cache: a cache read-modify-write loses increments when two workers count at
once, and Django's database cache wraps each write in a transaction of five statements
that waits for a disk flush (about 15 ms a request on PostgreSQL), all inside the
request. The upsert is one statement on a table that, on PostgreSQL, writes no WAL.

A refused request counts too: a client that keeps hammering stays refused.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass

from django.db import connection

from vokasi.models import RateCount

#: One request in this many also deletes the windows that no longer matter.
PURGE_ONE_IN = 1000


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    #: Seconds until a request would be allowed again (0 when allowed).
    retry_after: int


def rate_hit(key: str, *, limit: int, duration: int, now: float | None = None) -> Verdict:
    """Count one request of ``key`` and say whether it stays within ``limit`` per ``duration``."""
    now = time.time() if now is None else now
    window = int(now // duration) * duration
    table = connection.ops.quote_name(RateCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (caller, window_start, hits) VALUES (%s, %s, 1) "
            f"ON CONFLICT (caller, window_start) DO UPDATE SET hits = {table}.hits + 1 "
            f"RETURNING hits, (SELECT earlier.hits FROM {table} earlier "
            "WHERE earlier.caller = %s AND earlier.window_start = %s)",
            [key, window, key, window - duration],
        )
        current, previous = cursor.fetchone()
    previous = previous or 0
    if random.randrange(PURGE_ONE_IN) == 0:  # housekeeping, not security
        RateCount.objects.filter(window_start__lt=window - duration).delete()

    elapsed = now - window
    weight = 1 - elapsed / duration
    if current + previous * weight <= limit:
        return Verdict(allowed=True, retry_after=0)
    wait = _retry_after(current, previous, limit, duration, elapsed)
    return Verdict(allowed=False, retry_after=wait)


def _retry_after(current: int, previous: int, limit: int, duration: int, elapsed: float) -> int:
    """Seconds until one more request would pass, if none other comes meanwhile."""
    if current + 1 <= limit and previous:
        # Still in this window, once the previous one has faded enough:
        # (current + 1) + previous × (1 − t/d) ≤ limit.
        fade = duration * (1 - (limit - current - 1) / previous)
        return max(1, math.ceil(fade - elapsed))
    # Only in the next window, where this one's count fades: 1 + current × (1 − t/d) ≤ limit.
    fade = duration * (1 - (limit - 1) / current) if current > limit - 1 else 0.0
    return max(1, math.ceil(duration - elapsed + fade))
