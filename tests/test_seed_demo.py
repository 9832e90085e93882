"""The ``seed_demo`` command: a consistent demo data set, its users, and its safety catches.

The data set is seeded once for the module (scale 0.2, about 600 job seekers) inside a
transaction that is rolled back at the end; each test runs in a savepoint within it.
"""

from __future__ import annotations

import datetime
import io
import itertools
from collections import defaultdict

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from stdnum.id import nik as stdnum_nik

from placements.demo import add_months
from placements.models import Apprenticeship, Placement, Referral, Vacancy
from trainees.models import Cohort, Enrollment, JobSeeker, JobSeekerSkill
from vokasi.models import Role, User

PASSWORD = "vokasi-demo"
SEED = {"scale": 0.2, "seed": 7}


def seed(**options) -> str:
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=out, **{**SEED, **options})
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The summary the command printed; the data stays until the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        summary = seed()
        yield summary
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_the_six_demo_users_have_their_roles_and_organisations_and_log_in(seeded):
    users = {u.username: u for u in User.objects.select_related("office", "provider", "company")}
    expected = {
        "admin": Role.ADMIN,
        "officer": Role.OFFICER,
        "officer2": Role.OFFICER,
        "trainer": Role.TRAINER,
        "employer": Role.EMPLOYER,
        "employer2": Role.EMPLOYER,
    }
    assert {name: users[name].role for name in expected} == expected
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert not users["officer"].is_staff
    assert users["officer"].office.name == "Disnaker Kota Cilegon"
    assert users["officer2"].office.code == "3673"
    assert users["trainer"].provider.name == "BBPVP Serang"
    assert users["employer"].company_id != users["employer2"].company_id
    assert users["employer"].company.apindo_member_no
    assert users["employer2"].company.workforce >= 200
    for name in expected:
        assert authenticate(username=name, password=PASSWORD) == users[name], name


def test_the_summary_counts_every_model_and_says_how_to_log_in(seeded):
    assert "http://127.0.0.1:8000/" in seeded
    assert "JobSeeker" in seeded and "FollowUp" in seeded
    assert "officer2" in seeded and PASSWORD in seeded


def test_every_nik_is_valid_and_encodes_the_birth_date_and_sex(seeded):
    people = JobSeeker.objects.values_list("nik", "birth_date", "sex")
    assert len(people) >= 500
    for nik, birth, sex in people:
        assert stdnum_nik.validate(nik) == nik
        day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
        assert (day % 40, month, year) == (birth.day, birth.month, birth.year % 100), nik
        assert (day > 40) == (sex == "P"), nik
        decoded = stdnum_nik.get_birth_date(nik)  # 19YY first: a century off for 2000+
        assert decoded.replace(year=birth.year) == birth


def test_registration_numbers_run_per_office_and_year(seeded):
    numbers = defaultdict(list)
    for office, number, registered in JobSeeker.objects.values_list(
        "office__code", "registration_number", "registered_on"
    ).order_by("registered_on", "id"):
        assert number.startswith(f"{office}-{registered.year}-")
        numbers[office, registered.year].append(int(number.rsplit("-", 1)[1]))
    for sequence in numbers.values():
        assert sequence == list(range(1, len(sequence) + 1))


def test_every_placed_person_was_registered_and_active_until_the_start(seeded):
    placements = list(Placement.objects.select_related("job_seeker"))
    assert {p.source for p in placements} >= {"referral", "self"}
    for placement in placements:
        person = placement.job_seeker
        assert person.registered_on <= placement.start_date < person.expires_on
        assert person.status == JobSeeker.Status.PLACED
        assert person.ended_on == placement.start_date
        assert person.end_reason == JobSeeker.EndReason.PLACED
    assert JobSeeker.objects.filter(status="placed").count() == len(placements)


def test_no_vacancy_is_filled_beyond_its_openings(seeded):
    vacancies = Vacancy.objects.annotate(
        hired=Count("placements", distinct=True),
        apprentices=Count("apprenticeships", distinct=True),
    )
    assert vacancies.exists()
    for vacancy in vacancies:
        assert vacancy.filled == vacancy.hired + vacancy.apprentices <= vacancy.openings
        assert (vacancy.status == Vacancy.Status.FILLED) == (vacancy.filled == vacancy.openings)


def test_no_cohort_is_over_quota_and_nobody_is_in_two_overlapping_cohorts(seeded):
    for cohort in Cohort.objects.annotate(enrolled=Count("enrollments")):
        assert cohort.enrolled <= cohort.quota
    cohorts = defaultdict(list)
    for person, start, end in Enrollment.objects.values_list(
        "job_seeker_id", "cohort__start_date", "cohort__end_date"
    ):
        cohorts[person].append((start, end))
    for runs in cohorts.values():
        runs.sort()
        for (_s1, end), (start, _e2) in itertools.pairwise(runs):
            assert end < start


def test_every_referral_is_unique_per_vacancy_and_person(seeded):
    assert Referral.objects.exists()
    duplicates = (
        Referral.objects.values("vacancy", "job_seeker").annotate(n=Count("id")).filter(n__gt=1)
    )
    assert not duplicates.exists()


def test_certified_skills_carry_a_certificate_number(seeded):
    certified = JobSeekerSkill.objects.filter(source=JobSeekerSkill.Source.CERTIFIED)
    assert certified.exists()
    assert not certified.filter(certificate_no="").exists()
    assert not certified.filter(enrollment__isnull=True).exists()


def test_running_apprenticeships_stay_within_a_fifth_of_the_workforce(seeded):
    running = Apprenticeship.objects.filter(status=Apprenticeship.Status.RUNNING)
    for row in running.values("company__workforce").annotate(n=Count("id")):
        assert row["n"] <= row["company__workforce"] // 5


def test_seeding_again_without_reset_is_refused(seeded):
    with pytest.raises(CommandError, match="--reset"):
        seed()


def test_if_empty_leaves_existing_demo_data_alone_and_prints_the_logins(seeded):
    people = JobSeeker.objects.count()
    out = seed(if_empty=True)
    assert JobSeeker.objects.count() == people
    assert "already there" in out
    assert "officer2" in out and "Disnaker Kota Serang" in out
    assert "Password for every user: vokasi-demo" in out


def test_it_refuses_to_run_with_debug_off_unless_forced(seeded, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=io.StringIO(), **SEED)


def test_the_same_seed_gives_the_same_people_and_another_seed_does_not(seeded):
    before = sorted(JobSeeker.objects.values_list("nik", flat=True))
    seed(reset=True)
    assert sorted(JobSeeker.objects.values_list("nik", flat=True)) == before
    assert User.objects.filter(username="officer").count() == 1
    seed(reset=True, seed=8)
    assert sorted(JobSeeker.objects.values_list("nik", flat=True)) != before


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 2, 29), 24, datetime.date(2026, 2, 28)),
        (datetime.date(2025, 11, 15), 6, datetime.date(2026, 5, 15)),
        (datetime.date(2026, 3, 31), -1, datetime.date(2026, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected
