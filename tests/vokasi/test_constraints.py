"""The database itself refuses what the rules forbid, whatever code path writes."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from placements.models import Vacancy
from tests import factories
from trainees.models import JobSeeker, JobSeekerSkill
from vokasi.models import Role, User


def refused(fn) -> bool:
    try:
        with transaction.atomic():
            fn()
    except IntegrityError:
        return True
    return False


def test_the_same_nik_twice_is_refused_by_the_database(world):
    person = factories.job_seeker(world.office_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.job_seeker(world.office_b, nik=person.nik)


def test_a_nik_must_be_sixteen_digits(world):
    assert refused(lambda: factories.job_seeker(world.office_a, nik="367204140398000"))
    assert refused(lambda: factories.job_seeker(world.office_a, nik="36720414039800A1"))


def test_an_aki_number_is_unique_within_its_office_only(world):
    person = factories.job_seeker(world.office_a)
    assert refused(
        lambda: factories.job_seeker(world.office_a, registration_number=person.registration_number)
    )
    other = factories.job_seeker(world.office_b, registration_number=person.registration_number)
    assert other.pk


def test_an_active_registration_has_no_end_and_an_ended_one_has_a_reason(world):
    person = factories.job_seeker(world.office_a)
    person.status = JobSeeker.Status.PLACED
    assert refused(person.save)  # no end date, no reason
    person.ended_on = person.registered_on + datetime.timedelta(days=10)
    person.end_reason = JobSeeker.EndReason.PLACED
    person.save()
    person.status = JobSeeker.Status.ACTIVE
    assert refused(person.save)


def test_a_registration_cannot_end_before_it_began(world):
    person = factories.job_seeker(world.office_a)
    person.status = JobSeeker.Status.REMOVED
    person.end_reason = JobSeeker.EndReason.DATA_ERROR
    person.ended_on = person.registered_on - datetime.timedelta(days=1)
    assert refused(person.save)


def test_a_person_holds_a_skill_once(world):
    person = factories.job_seeker(world.office_a)
    factories.give_skill(person, "LAS-SMAW")
    assert refused(lambda: factories.give_skill(person, "LAS-SMAW"))
    assert JobSeekerSkill.objects.filter(job_seeker=person).count() == 1


def test_a_vacancy_can_never_be_filled_beyond_its_openings(world):
    vacancy = factories.vacancy(world.company_a, openings=2)
    Vacancy.objects.filter(pk=vacancy.pk).update(filled=2)
    assert refused(lambda: Vacancy.objects.filter(pk=vacancy.pk).update(filled=3))


@pytest.mark.parametrize(
    "fields",
    [
        {"openings": 0},
        {"openings": 1001},
        {"wage_min": 7_000_000, "wage_max": 6_000_000},
        {"closes_on": datetime.date(2020, 1, 1), "opens_on": datetime.date(2020, 2, 1)},
        {"kind": "apprenticeship", "employment_type": "magang", "duration_months": None},
        {"kind": "apprenticeship", "employment_type": "magang", "duration_months": 13},
        {"kind": "job", "duration_months": 6},
    ],
)
def test_a_vacancy_in_an_invalid_state_is_refused(world, fields):
    assert refused(lambda: factories.vacancy(world.company_a, **fields))


def test_an_external_ref_is_unique_per_company_but_may_repeat_across_companies(world):
    factories.vacancy(world.company_a, external_ref="HR-1")
    assert refused(lambda: factories.vacancy(world.company_a, external_ref="HR-1"))
    assert factories.vacancy(world.company_b, external_ref="HR-1").pk
    # Many vacancies without a reference are fine.
    factories.vacancy(world.company_a)
    factories.vacancy(world.company_a)


def test_a_cohort_quota_and_dates_are_checked(world):
    prog = factories.programme(world.provider_a)
    assert refused(lambda: factories.cohort(prog, quota=0))
    start = datetime.date(2026, 3, 1)
    assert refused(
        lambda: factories.cohort(prog, start_date=start, end_date=start - datetime.timedelta(1))
    )


def test_a_person_enrolls_in_a_cohort_once(world):
    prog = factories.programme(world.provider_a)
    cohort = factories.cohort(prog)
    person = factories.job_seeker(world.office_a)
    factories.enrollment(cohort, person)
    assert refused(lambda: factories.enrollment(cohort, person))


@pytest.mark.parametrize(
    ("role", "org"),
    [
        (Role.OFFICER, None),
        (Role.TRAINER, "office"),
        (Role.EMPLOYER, "provider"),
        (Role.ADMIN, "company"),
    ],
)
def test_a_user_belongs_to_exactly_the_organisation_of_its_role(world, role, org):
    orgs = {"office": world.office_a, "provider": world.provider_a, "company": world.company_a}
    kwargs = {org: orgs[org]} if org else {}
    assert refused(lambda: User.objects.create_user(f"x-{role}", role=role, **kwargs))


def test_reference_data_is_loaded_by_the_migrations(db):
    from vokasi.models import EducationLevel, Occupation, Region, Sector, Skill, Vocation

    assert list(EducationLevel.objects.values_list("code", flat=True)) == [
        "none", "sd", "smp", "sma", "smk", "d1", "d2", "d3", "d4", "s1", "s2", "s3",
    ]  # fmt: skip
    cilegon = Region.objects.filter(code__startswith="36.72.", level="district")
    assert set(cilegon.values_list("name", flat=True)) == {
        "Cibeber", "Cilegon", "Pulomerak", "Ciwandan", "Jombang", "Grogol", "Purwakarta",
        "Citangkil",
    }  # fmt: skip
    assert Vocation.objects.count() >= 12
    for vocation in Vocation.objects.all():
        assert 4 <= vocation.skills.count() <= 10, vocation
    assert Skill.objects.filter(code="LAS-SMAW").exists()
    assert set("0123456789") <= set(Occupation.objects.values_list("code", flat=True))
    assert Sector.objects.filter(code__in=list("ABCDEFGHIJKLMNOPQRSTU")).count() == 21
    assert Sector.objects.get(code="24").category == "C"
