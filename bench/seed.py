"""Benchmark: ``seed_demo --scale N`` (default 300, about a million job seekers with their
whole story) on the database of ``DATABASE_URL``; target under 15 minutes, under 2 GB.

    DATABASE_URL=postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_bench \\
        DEBUG=1 PYTHONPATH=. python -m bench.seed [--scale 300] [--chunk-people 30000]

It REPLACES the demo data of that database (``--reset``), in a child process, and prints
the child's wall time, its CPU time (on a shared machine the wall time also measures the
neighbours, and on PostgreSQL the server's own work runs in another process) and its peak
resident memory, as one ``bench.common`` result line. ``-v`` shows the seed's progress.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import Result, report  # noqa: E402

SECONDS = 900
MEGABYTES = 2048


def database_name(url: str) -> str:
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql"
    return "sqlite" if not url or url.startswith("sqlite") else url.split(":", 1)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=300)
    parser.add_argument("--chunk-people", type=int, default=None)
    parser.add_argument("-v", "--verbose", action="store_true", help="show the seed's progress")
    args = parser.parse_args(argv)

    command = [
        sys.executable,
        str(ROOT / "manage.py"),
        "seed_demo",
        "--scale",
        f"{args.scale:g}",
        "--reset",
        "--verbosity",
        "2" if args.verbose else "1",
    ]
    if args.chunk_people:
        command += ["--chunk-people", str(args.chunk_people)]
    env = {**os.environ, "DEBUG": "1", "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    done = subprocess.run(
        command,
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,  # the summary: its JobSeeker count is read below
        stderr=None if args.verbose else subprocess.PIPE,  # -v 2 progress goes here
        text=True,
    )
    wall = time.perf_counter() - started
    if args.verbose:
        sys.stdout.write(done.stdout)
    if done.returncode:
        sys.stderr.write((done.stdout or "") + (done.stderr or ""))
        return done.returncode
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = child.ru_maxrss / 1024
    people = next(
        (line.split()[-1] for line in (done.stdout or "").splitlines() if "JobSeeker " in line),
        "?",
    )
    result = report(
        Result(
            scenario=f"seed_demo --scale {args.scale:g}",
            database=database_name(os.environ.get("DATABASE_URL", "")),
            ours=wall,
            unit="s",
            target=f"< {SECONDS} s and < {MEGABYTES} MB",
            met=wall < SECONDS and peak < MEGABYTES,
            peak_rss_mb=peak,
            notes=f"CPU {child.ru_utime + child.ru_stime:.0f} s in the seed; {people} job seekers",
        )
    )
    print(f"  {result.notes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
