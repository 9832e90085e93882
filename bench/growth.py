"""How each thing a user waits for grows with the data: the same scenario at two scales.

    PYTHONPATH=. python -m bench.growth \\
        --small postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_speed30 \\
        --large postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_scale300 --repeat 3

Each database (seeded by ``seed_demo --scale 30`` and ``--scale 300``, say) is measured in
its own process: every report of ``bench.reports`` for the year of the last vacancy, the
candidates for the busiest open vacancy and the vacancies for a person holding the
commonest skills (``bench.match``), each the median of ``--repeat`` runs after one to warm
the caches. Then, per scenario, the growth exponent between the two scales::

    exponent = ln(time at large / time at small) / ln(job seekers at large / at small)

1 is linear (ten times the people, ten times the time), 0 is flat. The target is that
nothing grows faster than linearly (exponent <= 1). One ``bench.common.report`` line per
scenario: ours is the exponent, the notes give both times. Both databases are only read.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(repeat: int) -> dict:
    """{scenario: median seconds} and the number of job seekers, in this database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vokasi.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from bench.match import busiest_job_seekers, busiest_vacancies
    from placements.matching import candidates_for, vacancies_for
    from placements.models import Vacancy
    from reports import funnel, ipk, outcomes, recommendation
    from reports import link_and_match as lm
    from reports.periods import Period, add_months, month_end
    from reports.scope import Scope
    from trainees.models import JobSeeker
    from vokasi.models import Role, User

    admin = User(username="bench", role=Role.ADMIN, is_superuser=True, is_active=True)
    everyone = Scope(user=admin, office=None, provider=None)
    last = Vacancy.objects.order_by("-opens_on").values_list("opens_on", flat=True).first()
    start = add_months(last.replace(day=1), -11)
    end = month_end(last.year, last.month)
    scenarios = {}
    for by in lm.GROUPINGS:
        scenarios[f"link-and-match by {by}"] = lambda by=by: lm.link_and_match(
            lm.Params(start, end, by), everyone
        )
    scenarios["training recommendation by skill"] = lambda: recommendation.recommendation(
        lm.Params(start, end, "skill"), everyone
    )
    for by in ("programme", "sex"):
        scenarios[f"outcomes by {by}"] = lambda by=by: outcomes.outcomes(
            outcomes.Params(add_months(start, -12), end, by), everyone
        )
    scenarios["IPK III/1-III/8, one year"] = lambda: ipk.ipk_tables(
        Period("year", last.year), everyone
    )
    scenarios["funnel, one year"] = lambda: funnel.funnel(
        JobSeeker.objects.all(), funnel.Filters(start, end)
    )
    vacancy = Vacancy.objects.get(pk=busiest_vacancies(1)[0])
    scenarios["candidates, busiest vacancy"] = lambda: candidates_for(vacancy, limit=50)
    person = JobSeeker.objects.get(pk=busiest_job_seekers(1)[0])
    scenarios["vacancies for one job seeker"] = lambda: vacancies_for(person, limit=50)

    out = {}
    for name, run in scenarios.items():
        run()  # warm the caches
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            run()
            timings.append(time.perf_counter() - started)
        out[name] = statistics.median(timings)
        print(f"  {name}: {out[name]:.3f} s", file=sys.stderr, flush=True)
    return {"people": JobSeeker.objects.count(), "times": out}


def run_in(url: str, repeat: int) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
        "DEBUG": "1",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("BENCH_JSON", None)
    done = subprocess.run(
        [sys.executable, "-m", "bench.growth", "--measure", "--repeat", str(repeat)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", help="DATABASE_URL of the small scale")
    parser.add_argument("--large", help="DATABASE_URL of the large scale")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.repeat)))
        return 0
    if not (args.small and args.large):
        parser.error("--small and --large are both needed")

    from bench.common import Result, report

    print(f"small: {args.small.rsplit('/', 1)[-1]}", file=sys.stderr, flush=True)
    small = run_in(args.small, args.repeat)
    print(f"large: {args.large.rsplit('/', 1)[-1]}", file=sys.stderr, flush=True)
    large = run_in(args.large, args.repeat)
    scale = large["people"] / small["people"]
    for name, at_small in small["times"].items():
        at_large = large["times"][name]
        exponent = math.log(at_large / at_small) / math.log(scale)
        report(
            Result(
                scenario=f"growth: {name}",
                database="postgresql",
                ours=exponent,
                unit="",
                target="<= 1 (linear)",
                met=exponent <= 1,
                notes=f"{at_small:.3f} s at {small['people']:,} job seekers, {at_large:.3f} s "
                f"at {large['people']:,} ({scale:.0f}x the people, "
                f"{at_large / at_small:.1f}x the time)",
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
