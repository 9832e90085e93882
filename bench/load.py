"""Load test: gunicorn with the production settings, many clients at once, on loopback.

    DATABASE_URL=postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_load \
        PYTHONPATH=. python -m bench.load [--workers 2] [--clients 50] [--seconds 60]

Migrates the database and seeds the demo if it is empty (``seed_demo --scale 0.25``),
issues an API key for the demo employer and an officer, then starts
``gunicorn vokasi.wsgi`` (``DEBUG=0``, the production settings; HTTPS redirect and secure
cookies off because the clients speak plain HTTP on 127.0.0.1) and runs ``--clients``
threads for ``--seconds``, each with its own keep-alive connection, cycling through a mix
of what programs and the labour office ask most: the vacancy list, one vacancy, the
officer's job-seeker list, candidates for a vacancy, reference data and /health/.
Prints requests per second, latency percentiles and every non-2xx answer by status;
bounded (loopback only, a fixed duration, the server stopped at the end).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def server_env(database_url: str, port: int) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        # The throttle runs (a shared-cache read and write per request) but never refuses.
        "VOKASI_API_RATE": "100000000/minute",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": os.path.join(tempfile.gettempdir(), "vokasi-load-static"),
        "PYTHONPATH": str(ROOT),
    }


SESSION = (
    "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY;"
    "from django.contrib.sessions.backends.db import SessionStore;"
    "from vokasi.models import User; u = User.objects.get(username='officer');"
    "s = SessionStore(); s[SESSION_KEY] = str(u.pk);"
    "s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend';"
    "s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s.create(); print(s.session_key)"
)
#: A small job-fair list, checked (dry run): nothing is saved, so it can be sent again.
UPLOAD = json.dumps(
    {
        "rows": [
            {"NIK": "3672044508950001", "Nama": "Siti Beban", "Tempat Lahir": "Cilegon",
             "Tanggal Lahir": "05-08-1995", "Jenis Kelamin": "P", "Alamat": "Jl. Uji 1",
             "Kecamatan": "36.72.04", "Pendidikan": "SMK"},
            {"NIK": "3672040703930002", "Nama": "Budi Beban", "Tempat Lahir": "Cilegon",
             "Tanggal Lahir": "07-03-1993", "Jenis Kelamin": "L", "Alamat": "Jl. Uji 2",
             "Kecamatan": "36.72.04", "Pendidikan": "SMA"},
        ]
    }
)  # fmt: skip


def requests_for(env: dict) -> list[tuple[str, str, dict, str | None]]:
    """The mix (``mix_for``) with the demo's vacancy, two keys and a session, made through
    ``manage.py`` in the server's environment."""
    code = (
        "from placements.models import Vacancy; from trainees.models import JobSeeker;"
        "v = Vacancy.objects.filter(company__users__username='employer', status='open')"
        ".order_by('pk').first(); print(v.pk)"
    )
    vacancy = manage(env, "shell", "-c", code).splitlines()[-1]
    employer = manage(env, "issue_token", "employer").split()[-1]
    officer = manage(env, "issue_token", "officer").split()[-1]
    session = manage(env, "shell", "-c", SESSION).splitlines()[-1]
    return mix_for(vacancy, employer_key=employer, officer_key=officer, session=session)


def mix_for(
    vacancy, *, employer_key: str, officer_key: str, session: str
) -> list[tuple[str, str, dict, str | None]]:
    """(method, path, headers, body) the clients cycle through: the API (vacancies, a
    vacancy's candidates, a report, an upload checked now and one queued for the worker),
    and the officer's pages (home, a search). ``bench.cpu`` times the same mix."""
    employer = {"Authorization": "Token " + employer_key}
    officer = {"Authorization": "Token " + officer_key}
    page = {"Cookie": "sessionid=" + session}
    upload = {**officer, "Content-Type": "application/json"}
    return [
        ("GET", "/api/v1/vacancies/?status=open", employer, None),
        ("GET", f"/api/v1/vacancies/{vacancy}/", employer, None),
        ("GET", "/api/v1/job-seekers/?page_size=50", officer, None),
        ("GET", f"/api/v1/vacancies/{vacancy}/matches/?page_size=20", officer, None),
        ("GET", "/api/v1/reports/link-and-match/?from=2026-01-01&to=2026-06-30&by=skill", officer,
         None),
        ("GET", "/job-seekers/?q=rahmawati", page, None),
        ("GET", "/", page, None),
        ("POST", "/api/v1/job-seekers/import/?dry_run=true", upload, UPLOAD),
        ("POST", "/api/v1/job-seekers/import/?dry_run=true", {**upload, "Prefer": "respond-async"},
         UPLOAD),
        ("GET", "/api/v1/skills/", employer, None),
        ("GET", "/health/", {}, None),
    ]  # fmt: skip


def client(port, mix, offset, stop_at, latencies, statuses, lock):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    mine: list[float] = []
    seen: Counter = Counter()
    i = offset
    while time.perf_counter() < stop_at:
        method, path, headers, body = mix[i % len(mix)]
        i += 1
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            seen[response.status] += 1
        except (OSError, http.client.HTTPException) as error:
            seen[type(error).__name__] += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine.append(time.perf_counter() - started)
    connection.close()
    with lock:
        latencies.extend(mine)
        statuses.update(seen)


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it served")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/health/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer /health/")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, choices=range(1, 5))
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (gunicorn's gthread when > 1)"
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--scale", default="0.25", help="seed_demo scale when the db is empty")
    args = parser.parse_args(argv)
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (it is seeded if empty).")
    port = free_port()
    env = server_env(database_url, port)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")  # the pages' manifest, as a deployment has it
    manage({**env, "DEBUG": "1"}, "seed_demo", "--if-empty", "--scale", args.scale)
    mix = requests_for(env)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "vokasi.wsgi", "--workers", str(args.workers),
         "--threads", str(args.threads),
         "--bind", f"127.0.0.1:{port}", "--keep-alive", "75", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_up(port, server)
        latencies: list[float] = []
        statuses: Counter = Counter()
        lock = threading.Lock()
        started = time.perf_counter()
        stop_at = started + args.seconds
        threads = [
            threading.Thread(target=client, args=(port, mix, n, stop_at, latencies, statuses, lock))
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        worker.terminate()
        server.wait(30)
        worker.wait(30)
    cuts = statistics.quantiles(latencies, n=100)
    errors = {k: v for k, v in statuses.items() if not (isinstance(k, int) and k < 400)}
    setup = f"workers {args.workers}, threads {args.threads}, clients {args.clients}"
    print(f"{setup}, {elapsed:.0f} s")
    print(f"requests {len(latencies)}, {len(latencies) / elapsed:.1f} req/s")
    print(
        f"latency p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms, "
        f"p99 {cuts[98] * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )
    print(f"statuses {dict(sorted(statuses.items(), key=str))}; errors {errors or 'none'}")


if __name__ == "__main__":
    main()
