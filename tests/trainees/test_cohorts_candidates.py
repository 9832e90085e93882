"""cohort_candidates: eligible job seekers ranked by fit, each factor explained."""

from __future__ import annotations

import datetime

import pytest

from tests import factories
from tests.trainees.language import english  # noqa: F401
from trainees.models import JobSeekerSkill
from trainees.selectors.candidates import FIT_POINTS, cohort_candidates, explain_candidates
from vokasi.models import EducationLevel, Skill

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


def test_people_holding_the_programmes_skills_rank_first(world, cohort):
    units = sorted(cohort.programme.skills.values_list("code", flat=True))
    factories.job_seeker(world.office_b, name="Next door, no skills", region_id="36.73.01")
    some = factories.job_seeker(world.office_a, name="Holds one unit", region_id="36.73.01")
    factories.give_skill(some, units[0])
    most = factories.job_seeker(world.office_a, name="Holds most units", region_id="36.73.01")
    for code in units[:2]:
        factories.give_skill(most, code, JobSeekerSkill.Source.TRAINED)
    related = factories.job_seeker(world.office_a, name="Related skill", region_id="36.73.01")
    other_las = (
        Skill.objects.filter(vocation_id="LAS").exclude(code__in=units).order_by("code").first()
    )
    factories.give_skill(related, other_las.code)
    ranked = list(cohort_candidates(cohort, world.trainer_a))
    assert [p.name for p in ranked] == [
        "Holds most units",
        "Holds one unit",
        "Related skill",
        "Next door, no skills",
    ]
    assert ranked[0].fit_skills == FIT_POINTS["skills"]
    assert ranked[1].fit_skills == FIT_POINTS["skills"] * 2 // 3
    assert ranked[2].fit_skills == FIT_POINTS["skills"] // 3
    assert ranked[3].fit_kecamatan == FIT_POINTS["kecamatan"]


def test_someone_certified_in_every_unit_has_nothing_left_to_learn(world, cohort):
    done = factories.job_seeker(world.office_a, name="Certified welder")
    for code in cohort.programme.skills.values_list("code", flat=True):
        factories.give_skill(done, code, JobSeekerSkill.Source.CERTIFIED)
    newcomer = factories.job_seeker(world.office_a, name="Declared one")
    factories.give_skill(newcomer, cohort.programme.skills.first().code)
    ranked = list(cohort_candidates(cohort, world.trainer_a))
    assert [p.name for p in ranked] == ["Declared one", "Certified welder"]
    explain_candidates(cohort, ranked)
    assert ranked[1].reasons[0] == ("already certified in every unit of the programme", 0)


def test_seeking_an_occupation_the_units_lead_to_counts(world, cohort):
    unit = cohort.programme.skills.first().code
    factories.vacancy(world.company_a, occupation_id="7212", required_skills=[unit])
    factories.job_seeker(world.office_a, name="Wants office work", occupation_id="4110")
    factories.job_seeker(world.office_a, name="Wants to weld", occupation_id="7212")
    ranked = list(cohort_candidates(cohort, world.trainer_a))
    assert [p.name for p in ranked] == ["Wants to weld", "Wants office work"]
    assert ranked[0].fit_occupation == FIT_POINTS["occupation"]
    assert ranked[1].fit_occupation == 0


def test_every_candidate_is_explained(world, cohort):
    unit = cohort.programme.skills.order_by("code").first()
    factories.vacancy(world.company_a, occupation_id="7212", required_skills=[unit.code])
    person = factories.job_seeker(
        world.office_b, name="Explained", occupation_id="7212", region_id="36.73.01"
    )
    factories.give_skill(person, unit.code)
    (candidate,) = cohort_candidates(cohort, world.trainer_a)
    explain_candidates(cohort, [candidate])
    sentences = [text for text, _points in candidate.reasons]
    assert sentences[0] == f"holds 1 of the programme's 3 units: {unit.name}"
    assert sentences[1].startswith("seeks work as Tukang las")
    assert sentences[2] == "SMK meets the requirement (SMA or equivalent)"
    assert sentences[3].endswith("the provider's kecamatan")
    assert sum(points for _text, points in candidate.reasons) == candidate.fit == 85


def test_candidates_are_searched_by_name_nik_and_aki_number(world, cohort):
    siti = factories.job_seeker(world.office_a, name="Siti Rahmawati", sex="P")
    budi = factories.job_seeker(world.office_b, name="Budi Santoso")
    assert [p.name for p in cohort_candidates(cohort, world.trainer_a, "rahmawati")] == [siti.name]
    assert [p.name for p in cohort_candidates(cohort, world.trainer_a, budi.nik)] == [budi.name]
    number = budi.registration_number
    assert [p.name for p in cohort_candidates(cohort, world.trainer_a, number)] == [budi.name]
    # A provider sees NIKs masked: a fragment of one finds nobody, the whole NIK does.
    assert list(cohort_candidates(cohort, world.trainer_a, budi.nik[:10])) == []
    assert [p.name for p in cohort_candidates(cohort, world.officer_b, budi.nik[:10])] == [
        budi.name
    ]
    # An officer searches their own office's people only.
    assert list(cohort_candidates(cohort, world.officer_a, "santoso")) == []


def test_an_officer_sees_candidates_of_their_own_office_only(world, cohort):
    factories.job_seeker(world.office_a, name="Cilegon")
    factories.job_seeker(world.office_b, name="Serang")
    assert names(cohort, world.officer_a) == ["Cilegon"]
    assert sorted(names(cohort, world.trainer_a)) == ["Cilegon", "Serang"]
    assert names(cohort, world.employer_a) == []


def test_a_programme_teaching_every_skill_of_its_vocation_still_ranks(world):
    every = Skill.objects.filter(vocation_id="K3")
    cohort = factories.cohort(factories.programme(world.provider_a, "K3", skills=every))
    holder = factories.job_seeker(world.office_a, name="Knows K3")
    factories.give_skill(holder, every.first().code)
    factories.job_seeker(world.office_a, name="Knows nothing")
    assert names(cohort, world.trainer_a) == ["Knows K3", "Knows nothing"]
