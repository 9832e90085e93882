"""A realistic Kota Cilegon demo data set: the last two years up to today.

``seed_demo_data`` plans everything in memory (deterministic for a seed, a scale and a
"today") and saves it with ``bulk_create``; ``delete_demo_data`` removes it again. The
``seed_demo`` management command wraps both in one transaction.
"""

from __future__ import annotations

import datetime
import gc
import random
from contextlib import contextmanager

from django.contrib.auth.hashers import make_password
from django.test.utils import override_settings
from django.utils import timezone

from placements.models import (
    Apprenticeship,
    FollowUp,
    Placement,
    Referral,
    ReferralDecision,
    Vacancy,
    VacancySkill,
)
from trainees.models import (
    Cohort,
    CompetencyAssessment,
    Enrollment,
    JobSeeker,
    JobSeekerSkill,
    Programme,
    ReportBack,
    TrainingResult,
)
from vokasi.models import Company, LabourOffice, TrainingProvider, User

from .common import Demo, add_months
from .demand import build_vacancies
from .organisations import DEMO_USERNAMES, DEMO_USERS, build_organisations, load_reference
from .people import build_people
from .pipeline import build_pipeline
from .store import close_registrations, close_vacancies, write
from .training import build_training

__all__ = [
    "DEMO_USERNAMES",
    "DEMO_USERS",
    "MODELS",
    "add_months",
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
)


def seed_demo_data(
    *,
    scale: float = 1.0,
    seed: int = 2026,
    password: str = "vokasi-demo",
    today: datetime.date | None = None,
) -> Demo:
    """Plan and save the demo data set. Call inside a transaction."""
    demo = Demo(
        rng=random.Random(seed),
        scale=scale,
        today=today or timezone.localdate(),
        password_hash=make_password(password),
    )
    # Hundreds of thousands of long-lived objects: the cyclic collector would otherwise
    # rescan them over and over while they are being built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        load_reference(demo)
        build_organisations(demo)
        build_people(demo)
        build_training(demo)
        build_vacancies(demo)
        build_pipeline(demo)
        close_registrations(demo)
        close_vacancies(demo)
        with quiet_queries():
            write(demo)
    finally:
        if collecting:
            gc.enable()
    return demo


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


def delete_demo_data() -> None:
    """Delete the seeded data (all rows of the demo's tables), children first.

    Reference data (regions, skills, occupations, …) loaded by migrations is kept.
    """
    # Demo rows carry no history (they are seeded in bulk); deleting them writes none.
    with quiet_queries(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        _delete_all()


def _delete_all() -> None:
    for queryset in (
        FollowUp.objects.all(),
        Placement.objects.all(),
        Apprenticeship.objects.all(),
        ReferralDecision.objects.all(),
        Referral.objects.only("pk"),
        VacancySkill.objects.all(),
        Vacancy.objects.all(),
        CompetencyAssessment.objects.all(),
        TrainingResult.objects.all(),
        JobSeekerSkill.objects.all(),
        Enrollment.objects.all(),
        Cohort.objects.all(),
        Programme.skills.through.objects.all(),
        Programme.objects.all(),
        ReportBack.objects.all(),
        JobSeeker.objects.only("pk"),
        User.objects.all(),
        Company.objects.all(),
        TrainingProvider.objects.all(),
        LabourOffice.objects.all(),
    ):
        queryset.delete()


def model_counts() -> list[tuple[str, int]]:
    return [(model.__name__, model.objects.count()) for model in MODELS]
