"""The benchmark suite: every scenario on SQLite and PostgreSQL, one table of ratios.

    make bench                       # = python -m bench (installs the "bench" extra first)
    python -m bench --quick          # small sizes, a few minutes: to try it out
    python -m bench --scale 300      # the real thing (seed_demo --scale 300: ~1M job seekers)
    python -m bench --databases sqlite --only import,api

Each scenario script runs in its own process with ``DATABASE_URL`` and ``BENCH_JSON``
set; every script appends one JSON line per result (``bench.common.report``), and this
runner prints them as one table at the end, also written to ``bench/results/latest.md``
(and the raw lines to ``bench/results/latest.jsonl``).

Databases: SQLite is a temporary file. PostgreSQL is ``BENCH_POSTGRES_URL`` (default
postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_bench): the runner creates that database
when it is missing and migrates it; ``seed_demo --reset`` refills it. The import script
makes its own throw-away database next to it. When PostgreSQL cannot be reached the runner
says so and runs SQLite only.

Scenarios, per database: ``import`` (bench.import_job_seekers: import, re-import and the
baselines), ``seed`` (bench.seed if present, else ``manage.py seed_demo --scale N`` timed
here), ``api`` (bench.api_vacancies), ``match`` (bench.match), ``reports``
(bench.reports --only link), ``search`` (bench.desk_search: the officer's search by a last
name and the likely-duplicates page); once: ``read`` (bench.read_results, a file, no database)
and ``growth`` (bench.growth: every report and both matchings on a small-scale PostgreSQL
database, ``--growth-small`` or ``BENCH_GROWTH_SMALL_URL``, e.g. ``seed_demo --scale 30``,
and on the PostgreSQL one, with the growth exponent between the two).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_POSTGRES = "postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_bench"
SCENARIOS = ("import", "read", "seed", "api", "match", "reports", "search", "board", "growth")
DATABASE_SCENARIOS = ("seed", "api", "match", "reports", "search", "board")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.split("\n\n")[0].strip()
    )
    parser.add_argument("--scale", type=float, default=300, help="seed_demo --scale (300)")
    parser.add_argument("--rows", type=int, default=50_000, help="job seekers to import")
    parser.add_argument(
        "--default-rows",
        type=int,
        default=None,
        help="rows for django-import-export's (slow) default options; default: --rows",
    )
    parser.add_argument("--xlsx-rows", type=int, default=100_000, help="rows of the .xlsx")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--only", default=",".join(SCENARIOS), help="comma-separated")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small sizes to try the suite (scale 1, 2,000 rows, 10,000-row .xlsx)",
    )
    parser.add_argument(
        "--growth-small",
        default=os.environ.get("BENCH_GROWTH_SMALL_URL"),
        help="PostgreSQL URL of a small-scale copy (seed_demo --scale 30) for the growth "
        "exponents against the PostgreSQL database",
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.md")
    parser.add_argument(
        "--keep-others",
        action="store_true",
        help="keep the previous run's lines (from the output's .jsonl) for the scenarios "
        "this run does not measure, e.g. after re-running one scenario",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.scale, args.rows, args.xlsx_rows = 1, 2_000, 10_000
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(only) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")

    work = Path(tempfile.mkdtemp(prefix="vokasi-bench-"))
    json_path = work / "results.jsonl"
    json_path.touch()
    failures: list[str] = []
    notes: list[str] = []
    started = time.perf_counter()
    try:
        databases = {}
        for name in [d.strip() for d in args.databases.split(",") if d.strip()]:
            if name == "sqlite":
                databases["sqlite"] = f"sqlite:///{work / 'bench.sqlite3'}"
            elif name == "postgres":
                url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
                problem = ensure_postgres(url)
                if problem:
                    message = f"PostgreSQL not reachable at {redact(url)} ({problem}): SQLite only"
                    print(message, flush=True)
                    notes.append(message)
                else:
                    databases["postgresql"] = url
            else:
                parser.error(f"unknown database {name!r} (sqlite, postgres)")

        def run(label: str, command: list[str], url: str) -> None:
            before = len(json_path.read_text().splitlines())
            ok = run_script(label, command, url, json_path, work)
            if not ok:
                failures.append(label)
            elif len(json_path.read_text().splitlines()) == before:
                notes.append(
                    f"{label} ({' '.join(command[1:])}) ran but reported no result line "
                    "through bench.common: its own output is above"
                )

        for vendor, url in databases.items():
            print(f"\n=== {vendor} ===", flush=True)
            if "import" in only:
                command = ["-m", "bench.import_job_seekers", "--rows", str(args.rows)]
                if args.default_rows:
                    command += ["--default-rows", str(args.default_rows)]
                run(f"{vendor}: import", command, url)
            if not set(DATABASE_SCENARIOS) & set(only):
                continue
            if not run_script(
                f"{vendor}: migrate", ["manage.py", "migrate", "--noinput", "-v0"], url,
                json_path, work,
            ):  # fmt: skip
                failures.append(f"{vendor}: migrate")
                continue
            if "seed" in only or not has_demo_data(url, work):
                seed(vendor, url, args.scale, json_path, work, failures)
            if "api" in only:
                run(f"{vendor}: api", ["-m", "bench.api_vacancies"], url)
            if "match" in only:
                run(f"{vendor}: match", ["-m", "bench.match"], url)
            if "reports" in only:
                run(f"{vendor}: reports", ["-m", "bench.reports", "--only", "link"], url)
            if "search" in only:
                run(f"{vendor}: search", ["-m", "bench.desk_search"], url)
            if "board" in only:
                run(f"{vendor}: board", ["-m", "bench.public_board"], url)
        if "growth" in only:
            if args.growth_small and "postgresql" in databases:
                print("\n=== growth ===", flush=True)
                command = ["-m", "bench.growth", "--small", args.growth_small]
                run("growth", [*command, "--large", databases["postgresql"]], args.growth_small)
            else:
                notes.append("growth not measured: give --growth-small and PostgreSQL")
        if "read" in only:
            print("\n=== file ===", flush=True)
            run(
                "read .xlsx",
                ["-m", "bench.read_results", "--rows", str(args.xlsx_rows)],
                f"sqlite:///{work / 'read.sqlite3'}",
            )

        results = [json.loads(line) for line in json_path.read_text().splitlines() if line]
        previous = args.output.with_suffix(".jsonl")
        if args.keep_others and previous.exists():
            key = ("database", "scenario", "baseline_name")
            measured = {tuple(r[k] for k in key) for r in results}
            kept = [
                json.loads(line)
                for line in previous.read_text().splitlines()
                if line and tuple(json.loads(line)[k] for k in key) not in measured
            ]
            if kept:
                notes.append(f"{len(kept)} lines kept from the previous run (--keep-others)")
            results = kept + results
        rank = {"sqlite": 0, "postgresql": 1, "file": 2}
        results.sort(key=lambda r: rank.get(r["database"], 3))
        elapsed = time.perf_counter() - started
        context = {
            "when": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
            "elapsed": elapsed,
            "sizes": ", ".join(
                size
                for size, used in (
                    (f"scale {args.scale:g}", set(DATABASE_SCENARIOS) & set(only)),
                    (f"import {args.rows:,} rows", "import" in only),
                    (f".xlsx {args.xlsx_rows:,} rows", "read" in only),
                )
                if used
            ),
            "machine": machine(databases.get("postgresql")),
            "failures": failures,
            "notes": notes,
        }
        table = render(results, context)
        print("\n" + table, flush=True)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(table + "\n", encoding="utf-8")
        args.output.with_suffix(".jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in results), encoding="utf-8"
        )
        print(f"(written to {args.output})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


# ----------------------------------------------------------------------- databases


def redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def ensure_postgres(url: str) -> str | None:
    """Create the database when it is missing; answers the problem, or None when usable."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return "psycopg is not installed"
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    try:
        with psycopg.connect(url, connect_timeout=5):
            return None
    except psycopg.OperationalError as error:
        if f'database "{name}" does not exist' not in str(error):
            return str(error).strip().splitlines()[0]
    try:
        maintenance = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(maintenance, connect_timeout=5, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        print(f"created database {name}", flush=True)
        return None
    except psycopg.Error as error:
        return f"cannot create database {name}: {str(error).strip().splitlines()[0]}"


def environment(url: str, json_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "BENCH_JSON": str(json_path),
        "DEBUG": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "LOG_LEVEL": "WARNING",
    }
    env.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
    return env


def run_script(label: str, command: list[str], url: str, json_path: Path, work: Path) -> bool:
    """Run ``python <command>`` with the database, streaming its output; True when it
    succeeded."""
    print(f"--- {label}: python {' '.join(command)}", flush=True)
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=environment(url, json_path), check=False
    )
    elapsed = time.perf_counter() - started
    if completed.returncode:
        print(f"--- {label}: FAILED (exit {completed.returncode}), {elapsed:.0f} s", flush=True)
        return False
    print(f"--- {label}: done in {elapsed:.0f} s", flush=True)
    return True


def has_demo_data(url: str, work: Path) -> bool:
    command = [
        sys.executable, "manage.py", "shell", "-c",
        "from demo.dataset import demo_data_exists as e; import sys; sys.exit(0 if e() else 3)",
    ]  # fmt: skip
    env = environment(url, work / "ignored.jsonl")
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode == 0


def seed(vendor: str, url: str, scale: float, json_path: Path, work: Path, failures) -> None:
    """``bench.seed`` when it exists (it reports itself); else time seed_demo here."""
    label = f"{vendor}: seed_demo --scale {scale:g}"
    if (ROOT / "bench" / "seed.py").exists():
        if not run_script(label, ["-m", "bench.seed", "--scale", f"{scale:g}"], url,
                          json_path, work):  # fmt: skip
            failures.append(label)
        return
    command = [sys.executable, "manage.py", "seed_demo", "--scale", f"{scale:g}", "--reset"]
    print(f"--- {label}", flush=True)
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, env=environment(url, json_path),
                             stdout=subprocess.DEVNULL)  # fmt: skip
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if child.returncode:
        print(f"--- {label}: FAILED (exit {child.returncode})", flush=True)
        failures.append(label)
        return
    peak = usage.ru_maxrss / 1024
    row = {
        "scenario": f"seed_demo --scale {scale:g}",
        "database": vendor,
        "ours": elapsed,
        "unit": "s",
        "baseline": None,
        "baseline_name": "",
        "target": "< 15 min, < 2 GB",
        "met": elapsed < 15 * 60 and peak < 2048,
        "peak_rss_mb": peak,
        "notes": f"CPU {usage.ru_utime + usage.ru_stime:.0f} s in the seeding process",
        "ratio": None,
    }
    with json_path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(row) + "\n")
    print(f"--- {label}: {elapsed:.0f} s, peak RSS {peak:.0f} MB", flush=True)


# ------------------------------------------------------------------------- the table


def machine(postgres_url: str | None) -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
    except OSError:
        pass
    parts = [f"{os.cpu_count()} CPUs ({cpu})", ram, f"Python {platform.python_version()}"]
    if postgres_url:
        try:
            import psycopg

            with psycopg.connect(postgres_url, connect_timeout=5) as connection:
                version = connection.execute("SHOW server_version").fetchone()[0]
            parts.append(f"PostgreSQL {version}")
        except Exception:  # the version is a nicety
            pass
    import sqlite3

    parts.append(f"SQLite {sqlite3.sqlite_version}")
    load = os.getloadavg()
    parts.append(f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the end")
    return ", ".join(p for p in parts if p)


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"
    return f"{text} {unit}".strip()


def render(results: list[dict], context: dict) -> str:
    lines = [
        f"Benchmarks: {context['when']}, {context['sizes']}; "
        f"{context['elapsed'] / 60:.0f} min in all.",
        f"Machine: {context['machine']}.",
        f"Command: `{context['command'].strip()}`",
        "",
        "| database | scenario | ours | baseline (same run, same data) | ratio | target "
        "| verdict | peak RSS |",
        "|---|---|---:|---|---:|---|---|---:|",
    ]
    for r in results:
        ratio = f"{r['ratio']:.2f}×" if r.get("ratio") is not None else "–"
        baseline = (
            f"{r['baseline_name']}: {number(r['baseline'], r['unit'])}"
            if r.get("baseline") is not None
            else r.get("baseline_name") or "–"
        )
        verdict = {True: "met", False: "**NOT MET**", None: ""}[r.get("met")]
        lines.append(
            f"| {r['database']} | {r['scenario']} | {number(r['ours'], r['unit'])} | {baseline} "
            f"| {ratio} | {r.get('target', '')} | {verdict} | {r['peak_rss_mb']:,.0f} MB |"
        )
    if not results:
        lines.append("| – | no results | | | | | | |")
    details = [f"- {r['database']}, {r['scenario']}: {r['notes']}" for r in results if r["notes"]]
    if details:
        lines += ["", "Details:", "", *details]
    for failure in context["failures"]:
        lines.append(f"- FAILED: {failure} (its output is above)")
    for note in context["notes"]:
        lines.append(f"- {note}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
