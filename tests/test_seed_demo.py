"""The ``seed_demo`` command: a consistent demo data set, its users, and its safety catches.

The data set is seeded once for the module (scale 0.2, about 600 job seekers, planned and
written in four chunks of 150 people so that every check below also covers what crosses
a chunk: AK/I numbers, NIK serials, apprenticeship quotas) inside a transaction that is
rolled back at the end; each test runs in a savepoint within it.
"""

from __future__ import annotations

import datetime
import io
import itertools
import re
from collections import defaultdict

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone
from stdnum.id import nik as stdnum_nik

from demo.dataset import chunks, model_counts
from demo.writer import RowWriter
from placements.models import (
    Apprenticeship,
    FollowUp,
    Placement,
    Referral,
    ReferralDecision,
    Vacancy,
)
from tests import factories
from trainees.models import (
    Cohort,
    CompetencyAssessment,
    Enrollment,
    JobSeeker,
    JobSeekerSkill,
    ReportBack,
    TrainingResult,
)
from trainees.nik import build_nik
from vokasi.dates import add_months
from vokasi.models import LabourOffice, Role, User

PASSWORD = "vokasi-demo"
SEED = {"scale": 0.2, "seed": 7, "chunk_people": 150}


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


# --------------------------------------------------------------------------- chunks


def test_chunks_cut_the_people_into_equal_runs_that_cover_everyone():
    assert chunks(600, 150) == [(0, 150), (150, 300), (300, 450), (450, 600)]
    assert chunks(100, 30_000) == [(0, 100)]
    parts = chunks(900_000, 30_000)
    assert len(parts) == 30 and parts[0][0] == 0 and parts[-1][1] == 900_000
    assert all(stop == start for (_a, stop), (start, _b) in itertools.pairwise(parts))
    assert {stop - start for start, stop in chunks(1001, 300)} <= {250, 251}


def counts() -> dict[str, int]:
    return dict(model_counts())


def test_one_chunk_and_many_chunks_plan_the_same_world_in_the_same_amounts(seeded):
    chunked = counts()
    seed(reset=True, chunk_people=30_000)
    whole = counts()
    # What does not depend on who meets whom is the same to the row.
    for name in ("JobSeeker", "Company", "User", "Programme", "Cohort", "Vacancy"):
        assert chunked[name] == whole[name], name
    assert chunked["JobSeeker"] == 600
    # The story of each person differs (other people in their town), its volume does not.
    for name in ("JobSeekerSkill", "ReportBack", "Enrollment", "Referral", "Placement"):
        assert 0.75 * whole[name] <= chunked[name] <= 1.25 * whole[name], name


def test_the_summary_counts_are_the_rows_written(seeded):
    for name, count in counts().items():
        assert f"{name}" in seeded
        assert re.search(rf"{name}\s+{count:,}\b", seeded), name


def test_a_sample_of_every_table_passes_the_models_own_validation(seeded):
    for model in (
        JobSeeker,
        JobSeekerSkill,
        ReportBack,
        Enrollment,
        TrainingResult,
        CompetencyAssessment,
        Vacancy,
        Referral,
        ReferralDecision,
        Apprenticeship,
        Placement,
        FollowUp,
    ):
        sample = list(model.objects.order_by("?")[:25])
        assert sample, model.__name__
        for obj in sample:
            obj.full_clean()


def test_keys_continue_after_the_seed(seeded):
    """Keys are given out by the seed: the database's own sequence must carry on after
    them, or the next registration would collide."""
    office = LabourOffice.objects.get(code="3672")
    largest = JobSeeker.objects.order_by("-pk").values_list("pk", flat=True).first()
    person = JobSeeker.objects.create(
        office=office,
        registration_number="3672-2026-999999",
        nik=build_nik("36.72.01", datetime.date(2000, 1, 2), "L", 9999),
        name="Orang Sesudah Seed",
        birth_place="Cilegon",
        birth_date=datetime.date(2000, 1, 2),
        sex="L",
        address="Jl. Contoh",
        region_id="36.72.01",
        education_id="smk",
        registered_on=datetime.date(2026, 1, 5),
        expires_on=datetime.date(2028, 1, 5),
    )
    assert person.pk > largest


def test_reset_deletes_through_the_orm_what_other_tables_still_refer_to(seeded):
    """The admin log refers to the demo users: a reset must cascade to it rather than fail
    the foreign key at the commit."""
    officer = User.objects.get(username="officer")
    entry = LogEntry.objects.create(
        user=officer, object_repr="x", action_flag=ADDITION, change_message="seeded"
    )
    with transaction.atomic():
        seed(reset=True)
    assert not LogEntry.objects.filter(pk=entry.pk).exists()
    assert User.objects.filter(username="officer").exists()


def schema_catalogue() -> list:
    """Every index and constraint definition the database holds."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                """
                SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index
                UNION ALL
                SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                ORDER BY 1, 2
                """
            )
        else:
            cursor.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        return cursor.fetchall()


def test_every_index_and_constraint_is_back_after_a_seed(seeded):
    """The load drops the big tables' plain indexes (and, on PostgreSQL, their foreign
    keys) and builds them again at the end: nothing may go missing or change."""
    before = schema_catalogue()
    assert any("js_name_prefix" in str(row) for row in before)
    seed(reset=True)
    assert schema_catalogue() == before


# --------------------------------------------------------------------------- writer


def test_the_row_writer_stores_each_value_as_bulk_create_would(seeded):
    office = LabourOffice.objects.get(code="3672")
    officer = User.objects.get(username="officer")
    writer = RowWriter(connection, now=timezone.now())
    person = JobSeeker(
        office=office,
        registration_number="3672-2026-999997",
        nik=build_nik("36.72.04", datetime.date(1999, 2, 28), "P", 12),
        name="Siti Aminah",
        name_normalised="SITI AMINAH",
        birth_place="Cilegon",
        birth_date=datetime.date(1999, 2, 28),
        sex="P",
        address="Jl. Contoh No. 1",
        region_id="36.72.04",
        education_id="smk",
        consent_share_contact=True,
        consent_changed_at=datetime.datetime(2026, 3, 2, 2, 15, tzinfo=datetime.UTC),
        registered_on=datetime.date(2026, 3, 2),
        expires_on=datetime.date(2028, 3, 2),
        registered_by=officer,
    )
    # The report refers to the person before the person has a key.
    report = ReportBack(job_seeker=person, reported_on=datetime.date(2026, 9, 1))
    writer.number(JobSeeker, [person])
    writer.number(ReportBack, [report])
    writer.write(ReportBack, [report])
    writer.write(JobSeeker, [person])
    writer.finish()

    saved = JobSeeker.objects.get(pk=person.pk)
    for field in JobSeeker._meta.concrete_fields:
        if field.name not in ("created_at", "updated_at"):
            assert getattr(saved, field.attname) == getattr(person, field.attname), field.name
    assert saved.created_at == saved.updated_at == writer.now
    assert saved.occupation_id is None and saved.registered_by == officer
    assert ReportBack.objects.get(pk=report.pk).job_seeker_id == person.pk
    assert writer.written == {ReportBack: 1, JobSeeker: 1}
    after = factories.job_seeker(office, registration_number="3672-2026-999998")
    assert after.pk > person.pk


def test_the_overdue_rule_in_sql_and_in_the_reports_frame_agree_on_the_demo(seeded):
    from reports import compliance
    from vokasi.models import Company

    companies = Company.objects.all()
    frame = compliance.vacancy_frame(companies)
    today = timezone.localdate()
    days = [today - datetime.timedelta(days=n) for n in range(0, 730, 15)]
    overdue = 0
    for day in days:
        in_frame = set(frame.loc[compliance.overdue_at(frame, day), "vacancy_id"])
        in_sql = set(compliance.overdue_vacancies_at(companies, day).values_list("pk", flat=True))
        assert in_sql == in_frame, day
        overdue += len(in_sql)
    assert overdue  # the demo has overdue vacancies to compare
