"""The API rate limit holds across worker processes: the count is in the database.

Two separate Python processes, each with the production settings, send requests with the
same key; together they may not pass the limit (``vokasi.ratelimit``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings
from django.db import connection

from vokasi.auth import api_key_issue

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="two processes need one server database"
    ),
]

WORKER = textwrap.dedent(
    """
    import json, sys
    import django
    django.setup()
    from django.test import Client
    client = Client(HTTP_AUTHORIZATION="Token " + sys.argv[1])
    times = int(sys.argv[2])
    codes = [client.get("/api/v1/skills/", secure=True).status_code for _ in range(times)]
    print(json.dumps(codes))
    """
)


def database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def run_worker(key: str, requests: int) -> list[int]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vokasi.settings",
        "DATABASE_URL": database_url(),
        "SECRET_KEY": "cross-process-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "testserver",
        "VOKASI_API_RATE": "5/hour",  # no window boundary within the test
        "LOG_LEVEL": "ERROR",
    }
    done = subprocess.run(
        [sys.executable, "-c", WORKER, key, str(requests)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_rate_limit_counts_one_keys_requests_across_two_processes(world):
    _key, raw = api_key_issue(user=world.employer_a, name="two workers")
    first = run_worker(raw, 4)
    second = run_worker(raw, 4)
    assert first == [200] * 4
    # Per-process counting would let the second process start again from zero.
    assert second == [200] + [429] * 3
