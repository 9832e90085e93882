"""A realistic Kota Cilegon demo data set: the last two years up to today.

``seed_demo_data`` plans the organisations, programmes, cohorts and vacancies, then the
people in chunks of at most ``CHUNK_PEOPLE``, each with its whole story, written and
dropped before the next (deterministic for a seed, a scale and a "today"); memory follows
the chunk, not the scale. ``delete_demo_data`` removes it again. The ``seed_demo``
management command wraps both in one transaction, so a failed or interrupted seed leaves
the database as it was.

Each chunk is a town of its own: its people fill a share of the cohorts and are referred
to a share of the vacancies (every ``k``-th of them), while organisations, programmes,
certificate and agreement numbers, NIK serials, AK/I numbers and the companies'
apprenticeship quotas span the whole population.
"""

from __future__ import annotations

import datetime
import gc
import itertools
import random
import time
from collections.abc import Callable
from contextlib import contextmanager, nullcontext

from django.contrib.auth.hashers import make_password
from django.db import DatabaseError, connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from placements.models import (
    Apprenticeship,
    FollowUp,
    Hire,
    Placement,
    Referral,
    ReferralDecision,
    Vacancy,
    VacancySkill,
)
from trainees.models import (
    Cohort,
    CompetencyAssessment,
    CsrCommitment,
    Enrollment,
    FundingLine,
    GraduateStatus,
    JobSeeker,
    JobSeekerSkill,
    Programme,
    ReportBack,
    TrainingResult,
)
from vokasi.models import Company, LabourOffice, TrainingProvider, User

from . import agreements, hires, register, warnings
from .common import Demo
from .demand import build_vacancies
from .funding import build_funding
from .organisations import DEMO_USERNAMES, DEMO_USERS, build_organisations, load_reference
from .people import build_people, plan_registrations
from .pipeline import build_pipeline
from .store import (
    close_registrations,
    close_vacancies,
    number_vacancies,
    write_chunk,
    write_organisations,
    write_training_offer,
    write_vacancies,
)
from .training import build_cohorts, build_programmes, train
from .writer import PostgresLoad, RowWriter, SqliteLoad

__all__ = [
    "CHUNK_PEOPLE",
    "DEMO_USERNAMES",
    "DEMO_USERS",
    "MODELS",
    "chunks",
    "delete_demo_data",
    "demo_data_exists",
    "model_counts",
    "seed_demo_data",
]

#: Every model the demo fills, in foreign-key order (delete in reverse).
MODELS = (
    LabourOffice,
    TrainingProvider,
    Company,
    User,
    JobSeeker,
    ReportBack,
    JobSeekerSkill,
    Programme,
    Cohort,
    Enrollment,
    TrainingResult,
    CompetencyAssessment,
    Vacancy,
    VacancySkill,
    Referral,
    ReferralDecision,
    Apprenticeship,
    Placement,
    FollowUp,
    Hire,
    *reversed(agreements.MODELS),
)


#: People planned and written at a time (scale 10 is one chunk): a few hundred MB.
CHUNK_PEOPLE = 30_000


def chunks(total: int, size: int) -> list[tuple[int, int]]:
    """``total`` people cut into equal runs of at most ``size``."""
    count = max(1, -(-total // size))
    return [(total * k // count, total * (k + 1) // count) for k in range(count)]


def seed_demo_data(
    *,
    scale: float = 1.0,
    seed: int = 2026,
    password: str = "vokasi-demo",
    today: datetime.date | None = None,
    chunk_people: int = CHUNK_PEOPLE,
    log: Callable[[str], None] | None = None,
) -> Demo:
    """Plan and save the demo data set, all or nothing. ``log`` hears how far it got (a
    line per chunk, with the CPU time and peak memory so far)."""
    progress = _make_progress(log)
    demo = Demo(
        rng=random.Random(seed),
        scale=scale,
        today=today or timezone.localdate(),
        password_hash=make_password(password),  # once: every demo user shares it
    )
    writer = RowWriter(connection, now=timezone.now())
    # Hundreds of thousands of long-lived objects: the cyclic collector would otherwise
    # rescan them over and over while they are being built. Each chunk is collected
    # once it is written (its instances refer to each other, e.g. a placement and its
    # referral).
    collecting = gc.isenabled()
    gc.disable()
    try:
        # Its own transaction (a savepoint inside the command's): the PostgreSQL load
        # drops indexes and foreign keys, which must come back or not be dropped at all.
        with quiet_queries(), transaction.atomic():
            if connection.vendor == "sqlite":
                # A bigger page cache for this one big transaction (256 MB; default 2 MB).
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA cache_size = -262144")
            _plan_whole_run(demo)
            with bulk_load(BIG_MODELS):
                write_people(demo, writer, chunk_people, progress)
            progress("indexes and foreign keys in place")
            _seed_from_database(demo, seed, progress)
    finally:
        if collecting:
            gc.enable()
    return demo


def _make_progress(log: Callable[[str], None] | None) -> Callable[[str], None]:
    """What ``progress(message)`` calls: ``log`` the message with the wall and CPU time
    since now and the peak memory so far (nothing without a ``log``)."""
    started, cpu = time.monotonic(), time.process_time()

    def progress(message: str) -> None:
        if log:
            wall, used = time.monotonic() - started, time.process_time() - cpu
            log(f"{wall:7.1f} s (CPU {used:6.1f} s, peak {peak_rss_mb():5.0f} MB)  {message}")

    return progress


def _plan_whole_run(demo: Demo) -> None:
    """Plan what spans every chunk of people (organisations, users, programmes, cohorts,
    vacancies) and write the organisations and the training offer."""
    load_reference(demo)
    build_organisations(demo)
    demo.company_workforce_weights = list(itertools.accumulate(c.workforce for c in demo.companies))
    write_organisations(demo)
    build_programmes(demo)
    build_cohorts(demo)
    write_training_offer(demo)
    build_vacancies(demo)


def _seed_from_database(demo: Demo, seed: int, progress: Callable[[str], None]) -> None:
    """What is added after the people, from what the database then holds: agreements,
    funding lines, the rest of the company register, hire reports and written warnings."""
    agreements.seed_agreements(today=demo.today, seed=seed, scale=demo.scale)
    progress("partnership agreements")
    build_funding(demo)
    progress("funding lines and tracer statuses")
    register.seed_register(demo, seed=seed)
    progress("the rest of the company register")
    reported = hires.seed_hires(demo, seed)
    progress(f"{reported:,} hire reports")
    warnings.date_vacancy_reports(today=demo.today)
    warned = warnings.seed_warnings(today=demo.today, seed=seed)
    progress(f"{warned} written warnings")


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_people(demo: Demo, writer: RowWriter, chunk_people: int, progress) -> None:
    number_vacancies(demo, writer)
    progress(
        f"{len(demo.companies):,} companies, {len(demo.cohorts):,} cohorts, "
        f"{len(demo.vacancies):,} vacancies"
    )
    plan_registrations(demo)
    parts = chunks(demo.total_people, chunk_people)
    self_placed = demo.n(150)
    for k, (start, stop) in enumerate(parts):
        build_people(demo, start, stop)
        train(demo, demo.cohorts[k :: len(parts)])
        share = round(self_placed * stop / demo.total_people) - round(
            self_placed * start / demo.total_people
        )
        build_pipeline(demo, demo.vacancies[k :: len(parts)], share)
        close_registrations(demo)
        planned = time.monotonic()
        write_chunk(demo, writer)
        demo.clear_chunk()
        gc.collect()
        progress(
            f"people {stop:,} of {demo.total_people:,} "
            f"(chunk {k + 1}/{len(parts)}, written in {time.monotonic() - planned:.1f} s)"
        )
    close_vacancies(demo)
    write_vacancies(demo, writer)
    writer.finish()
    progress("vacancies closed and written; rebuilding indexes and foreign keys")


@contextmanager
def bulk_load(models_):
    """Build the big tables' indexes once, after the load, rather than row by row."""
    load = {"postgresql": PostgresLoad, "sqlite": SqliteLoad}.get(connection.vendor)
    if load is None:
        yield
        return
    with load(connection, models_):
        yield


@contextmanager
def quiet_queries():
    """Don't log every INSERT in ``connection.queries`` as DEBUG would: on SQLite that
    re-quotes every parameter and costs a fifth of the time."""
    with override_settings(DEBUG=False):
        yield


def demo_data_exists() -> bool:
    return (
        User.objects.filter(username__in=DEMO_USERNAMES).exists()
        or LabourOffice.objects.filter(code__in=("3672", "3673")).exists()
        or TrainingProvider.objects.filter(code__in=("BBPVP-SRG", "BLK-CLG")).exists()
    )


#: The tables written row by row (with ``RowWriter``): at scale 300, millions of rows.
BIG_MODELS = (
    JobSeeker,
    ReportBack,
    JobSeekerSkill,
    Enrollment,
    TrainingResult,
    CompetencyAssessment,
    Vacancy,
    VacancySkill,
    Referral,
    ReferralDecision,
    Apprenticeship,
    Placement,
    FollowUp,
)


def delete_demo_data() -> None:
    """Delete the seeded data (all rows of the demo's tables), children first.

    Reference data (regions, skills, occupations, …) loaded by migrations is kept.
    """
    # Demo rows carry no history (they are seeded in bulk); deleting them writes none.
    with quiet_queries(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        _delete_all()


#: The tables the demo fills, children first.
DELETE_ORDER = (
    Hire,
    FollowUp,
    Placement,
    Apprenticeship,
    ReferralDecision,
    Referral,
    VacancySkill,
    Vacancy,
    CompetencyAssessment,
    TrainingResult,
    JobSeekerSkill,
    GraduateStatus,
    FundingLine,
    CsrCommitment,
    Enrollment,
    Cohort,
    Programme.skills.through,
    Programme,
    *agreements.MODELS,
    *warnings.MODELS,
    ReportBack,
    JobSeeker,
    User,
    Company,
    TrainingProvider,
    LabourOffice,
)


def referrers(model) -> set:
    """Every model with a foreign key (or one-to-one) to ``model``, hidden ones too."""
    return {
        field.related_model
        for field in model._meta.get_fields(include_hidden=True)
        if field.auto_created and not field.concrete and (field.one_to_many or field.one_to_one)
    }


def _delete_all() -> None:
    """Tables that nothing else refers to (or only empty tables do) are emptied in SQL:
    the ORM's delete would load every key (a million job seekers) to cascade. The others
    (users, say, when the admin log refers to them) go through the ORM, whose
    ``on_delete`` rules then apply."""
    plain = set(DELETE_ORDER)
    changed = True
    while changed:
        changed = False
        for model in list(plain):
            outside = referrers(model) - plain
            if any(other._base_manager.exists() for other in outside):
                plain.discard(model)
                changed = True
    truncated = set()
    if connection.vendor == "postgresql":
        # Fastest, but PostgreSQL refuses if any table outside the list refers to one in
        # it, however empty; then DELETE below does it.
        closed = {m for m in plain if referrers(m) <= plain}
        changed = True
        while changed:
            changed = False
            for model in list(closed):
                if not referrers(model) <= closed:
                    closed.discard(model)
                    changed = True
        if closed:
            names = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in closed)
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(f"TRUNCATE {names}")
                truncated = closed
            except DatabaseError:
                pass
    # SQLite updates every index for each row it deletes: drop the plain ones meanwhile.
    emptied = [m for m in DELETE_ORDER if m in plain and m not in truncated]
    dropping = SqliteLoad(connection, emptied) if connection.vendor == "sqlite" else nullcontext()
    with dropping:
        for model in DELETE_ORDER:
            if model in truncated:
                continue
            if model in plain:
                with connection.cursor() as cursor:
                    table = connection.ops.quote_name(model._meta.db_table)
                    cursor.execute(f"DELETE FROM {table}")
            else:
                model._base_manager.all().delete()


def model_counts() -> list[tuple[str, int]]:
    return [(model.__name__, model.objects.count()) for model in MODELS]
