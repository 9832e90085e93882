"""cohort_candidates: eligible job seekers ranked by fit, each factor explained."""

from __future__ import annotations

import datetime

import pytest

from tests import factories
from tests.trainees.language import english  # noqa: F401
from trainees.models import Enrollment, JobSeekerSkill
from trainees.selectors_training import FIT_POINTS, cohort_candidates
from vokasi.models import EducationLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(world):
    # BBPVP Serang sits in kecamatan 36.73.01; the cohort wants SMA/SMK, aged 18 to 35.
    programme = factories.programme(
        world.provider_a,
        "LAS",
        education_min=EducationLevel.objects.get(code="sma"),
        age_min=18,
        age_max=35,
    )
    return factories.cohort(programme, start_date=datetime.date(2027, 1, 11))


def names(cohort, user):
    return [person.name for person in cohort_candidates(cohort, user)]


def test_ineligible_people_are_not_candidates(world, cohort):
    factories.job_seeker(world.office_a, name="Eligible")
    factories.job_seeker(
        world.office_a, name="Too little school", education=EducationLevel.objects.get(code="sd")
    )
    factories.job_seeker(world.office_a, name="Too old", birth_date=datetime.date(1980, 1, 1))
    factories.enrollment(cohort, factories.job_seeker(world.office_a, name="Already in"))
    busy = factories.job_seeker(world.office_a, name="Busy elsewhere")
    factories.enrollment(factories.cohort(factories.programme(world.provider_b)), busy)
    assert names(cohort, world.trainer_a) == ["Eligible"]


def test_a_local_person_new_to_the_vocation_ranks_first(world, cohort):
    trained = factories.job_seeker(world.office_b, name="Trained welder", region_id="36.73.01")
    factories.give_skill(trained, "LAS-GTAW", JobSeekerSkill.Source.TRAINED)
    factories.job_seeker(world.office_a, name="From Cilegon", region_id="36.72.04")
    factories.job_seeker(world.office_b, name="Next door", region_id="36.73.01")
    factories.job_seeker(world.office_b, name="Same city", region_id="36.73.02")
    ranked = list(cohort_candidates(cohort, world.trainer_a))
    assert [p.name for p in ranked] == ["Next door", "Same city", "From Cilegon", "Trained welder"]
    best = ranked[0]
    assert best.fit_not_trained == FIT_POINTS["not_trained"]
    assert best.fit_kecamatan == FIT_POINTS["kecamatan"]
    assert ranked[1].fit_kecamatan == FIT_POINTS["kecamatan"] // 2
    assert ranked[3].trained_in_vocation is True
    assert ranked[3].fit_not_trained == 0


def test_a_completed_cohort_in_the_vocation_counts_as_trained(world, cohort):
    person = factories.job_seeker(world.office_a, name="Alumni")
    past = factories.cohort(
        factories.programme(world.provider_b, "LAS"), start_date=datetime.date(2025, 1, 6)
    )
    factories.enrollment(past, person, status=Enrollment.Status.COMPLETED)
    (candidate,) = cohort_candidates(cohort, world.officer_a)
    assert candidate.trained_in_vocation is True


def test_an_officer_sees_candidates_of_their_own_office_only(world, cohort):
    factories.job_seeker(world.office_a, name="Cilegon")
    factories.job_seeker(world.office_b, name="Serang")
    assert names(cohort, world.officer_a) == ["Cilegon"]
    assert sorted(names(cohort, world.trainer_a)) == ["Cilegon", "Serang"]
    assert names(cohort, world.employer_a) == []
