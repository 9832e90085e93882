"""The shared sliding-window rate limit (``vokasi.ratelimit``)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from vokasi import ratelimit
from vokasi.models import RateCount
from vokasi.ratelimit import rate_hit

pytestmark = pytest.mark.django_db

START = 1_800_000_000  # a window start for 60-second windows (divisible by 60)


def hits(n: int, now: float, *, limit: int = 5, key: str = "k") -> list[bool]:
    return [rate_hit(key, limit=limit, duration=60, now=now).allowed for _ in range(n)]


def test_the_limit_holds_within_one_window_and_refusals_count():
    assert hits(7, START + 10) == [True] * 5 + [False] * 2
    assert RateCount.objects.get(caller="k", window_start=START).hits == 7


def test_callers_are_counted_apart():
    assert hits(5, START + 1, key="a") == [True] * 5
    assert hits(5, START + 1, key="b") == [True] * 5


def test_the_previous_window_weighs_by_how_much_of_it_is_still_inside_the_last_minute():
    hits(5, START + 50)
    # Half-way through the next window the previous five weigh 2.5: 1 + 2.5 and 2 + 2.5
    # pass, 3 + 2.5 does not.
    assert hits(3, START + 60 + 30) == [True, True, False]
    # Two windows later the old counts no longer weigh.
    assert hits(5, START + 180 + 1) == [True] * 5


def test_retry_after_says_when_a_request_would_pass_again():
    hits(5, START + 10)
    # Over the limit in this window: wait for its end (50 s), then until its six (the
    # refused one counts) weigh little enough: 1 + 6 × (1 − t/60) ≤ 5 from t = 20 s.
    verdict = rate_hit("k", limit=5, duration=60, now=START + 10)
    assert not verdict.allowed
    assert verdict.retry_after == 50 + 20
    # Half-way through the next window the six weigh 3: 1 + 3 and 2 + 3 pass, 3 + 3 not.
    assert hits(2, START + 60 + 30) == [True, True]
    refused = rate_hit("k", limit=5, duration=60, now=START + 60 + 30)
    assert not refused.allowed
    # A fourth request passes once 4 + 6 × (1 − t/60) ≤ 5: t = 50 s, 20 s from now.
    assert refused.retry_after == 20
    assert hits(1, START + 60 + 50) == [True]


def test_old_windows_are_purged_now_and_then(monkeypatch):
    hits(2, START + 1)
    hits(2, START + 61)
    monkeypatch.setattr(ratelimit, "PURGE_ONE_IN", 1)
    hits(1, START + 181)
    assert sorted(RateCount.objects.values_list("window_start", flat=True)) == [START + 180]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks of a real server")
def test_concurrent_requests_never_lose_a_count():
    results: list[bool] = []
    lock = threading.Lock()
    barrier = threading.Barrier(12)

    def client():
        try:
            barrier.wait()
            allowed = [rate_hit("race", limit=20, duration=3600).allowed for _ in range(5)]
            with lock:
                results.extend(allowed)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 60
    assert results.count(True) == 20
    assert RateCount.objects.get(caller="race").hits == 60
