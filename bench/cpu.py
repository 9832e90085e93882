"""CPU per request of the load test's mix, in-process: where a load test's time goes.

    DATABASE_URL=postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_load \\
        PYTHONPATH=. python -m bench.cpu [--repeat 30] [paths...]

``bench.load`` measures the whole server under 50 clients, where every figure is a queue;
this times each request of the same mix (``bench.load.mix_for``: the same URLs, the demo
employer's and officer's keys, the officer's session) through ``django.test.Client`` in one
process, in CPU time (``time.process_time``, which leaves out waiting for PostgreSQL), and
counts its SQL statements. Run it on the load test's database (seeded by ``bench.load``),
with the server's settings there (``bench.load.server_env``: ``DEBUG=0``, the static files
it collected), before and after a change, and compare the lowest of a few runs: the figures
drift by ±15 % on a shared machine. Every request is read-only or a dry run, except that
the queued upload leaves a job for a worker.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vokasi.settings")


def _settings() -> None:
    """The load test server's environment (production settings), for the test client."""
    from bench.load import server_env

    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to the load test's PostgreSQL database.")
    os.environ.update({**server_env(database_url, 0), "ALLOWED_HOSTS": "testserver"})


def _credentials() -> dict:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from placements.models import Vacancy
    from vokasi.auth import api_key_issue
    from vokasi.models import User

    officer = User.objects.get(username="officer")
    session = SessionStore()
    session[SESSION_KEY] = str(officer.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = officer.get_session_auth_hash()
    session.create()
    vacancy = (
        Vacancy.objects.filter(company__users__username="employer", status="open")
        .order_by("pk")
        .first()
    )
    return {
        "vacancy": vacancy.pk,
        "employer_key": api_key_issue(user=User.objects.get(username="employer"))[1],
        "officer_key": api_key_issue(user=officer)[1],
        "session": session.session_key,
    }


def _send(client, method: str, path: str, headers: dict, body: str | None):
    headers = dict(headers)
    content_type = headers.pop("Content-Type", "application/octet-stream")
    if method == "GET":
        return client.get(path, headers=headers)
    return client.post(path, body, content_type=content_type, headers=headers)


class _Statements:
    """An execute wrapper that counts the SQL statements run through it."""

    count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30, help="timed calls of each request")
    parser.add_argument("names", nargs="*", help="only these paths (a substring of each)")
    args = parser.parse_args(argv)

    _settings()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from bench.load import mix_for

    credentials = _credentials()
    mix = mix_for(
        credentials.pop("vacancy"),
        **credentials,
    )
    client = Client()
    total = 0.0
    chosen = [m for m in mix if not args.names or any(n in m[1] for n in args.names)]
    print(f"{'request':<78} {'CPU ms':>7} {'SQL':>4}")
    for method, path, headers, body in chosen:
        label = f"{method} {path}" + (" (queued)" if "Prefer" in headers else "")
        for _ in range(2):  # warm: templates compiled, connections open
            response = _send(client, method, path, headers, body)
        if response.status_code >= 300:
            sys.exit(f"{label} answered {response.status_code}: {response.content[:200]!r}")
        counter = _Statements()  # not the query log: each request clears that log
        with connection.execute_wrapper(counter):
            _send(client, method, path, headers, body)
        started = time.process_time()
        for _ in range(args.repeat):
            _send(client, method, path, headers, body)
        cpu = (time.process_time() - started) / args.repeat * 1000
        total += cpu
        print(f"{label[:78]:<78} {cpu:>7.1f} {counter.count:>4}")
    print(f"{'mean':<78} {total / len(chosen):>7.1f}")


if __name__ == "__main__":
    main()
