"""The public board's per-address limit holds across worker processes (PostgreSQL).

Two Python processes with the production settings ask the public API at the same time
from one address; together they may not pass the limit, since the count is the
database's (``vokasi.ratelimit``), not each worker's.
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

from tests.vokasi.test_shared_cache import database_url

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="two processes need one server database"
    ),
]

URL = "/api/v1/public/vacancies/"
WORKER = textwrap.dedent(
    """
    import json, sys, time
    import django
    django.setup()
    from django.test import Client
    client = Client(REMOTE_ADDR="203.0.113.50")
    start = float(sys.argv[2])
    while time.time() < start:  # both processes begin together
        time.sleep(0.01)
    codes = [
        client.get(sys.argv[3] if n % 2 else "/api/v1/public/vacancies/", secure=True).status_code
        for n in range(int(sys.argv[1]))
    ]
    print(json.dumps(codes))
    """
)


def start_worker(requests: int, start: float) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vokasi.settings",
        "DATABASE_URL": database_url(),
        "SECRET_KEY": "cross-process-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "testserver",
        "VOKASI_PUBLIC_RATE": "10/hour",  # no window boundary within the test
        "LOG_LEVEL": "ERROR",
    }
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(requests), str(start), f"{URL}?q=las"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_the_public_limit_counts_one_address_across_two_processes(world):
    import time

    start = time.time() + 4  # both have imported Django by then
    workers = [start_worker(8, start), start_worker(8, start)]
    codes = []
    for worker in workers:
        out, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, err
        codes += json.loads(out.strip().splitlines()[-1])
    # 16 requests from one address: exactly the limit passes.
    assert codes.count(200) == 10, codes
    assert codes.count(429) == 6, codes
