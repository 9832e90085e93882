"""The reverse match: the open vacancies that fit one job seeker, explained like the
candidate list."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from placements.matching import explain_pair, vacancies_for
from placements.models import Referral
from tests import factories
from trainees.models import JobSeekerSkill

Source = JobSeekerSkill.Source
TODAY = timezone.localdate()


@pytest.fixture
def welder(world):
    someone = factories.job_seeker(world.office_a, occupation_id="7212", region_id="36.72.04")
    factories.give_skill(someone, "LAS-SMAW", Source.CERTIFIED)
    trained = factories.give_skill(someone, "K3-UMUM", Source.TRAINED)
    trained.acquired_on = TODAY - datetime.timedelta(days=30)
    trained.save()
    return someone


def test_vacancies_are_ranked_by_score_then_closing_date_and_scored_like_explain_pair(
    world, welder
):
    both = factories.vacancy(world.company_a, required_skills=["LAS-SMAW", "K3-UMUM"])
    one_of_two = factories.vacancy(world.company_a, required_skills=["LAS-SMAW", "LAS-GTAW"])
    far_later = factories.vacancy(
        world.company_b,
        required_skills=["LAS-SMAW", "LAS-GTAW"],
        region_id="36.73.01",
        occupation_id="8344",
        preferred_skills=["K3-UMUM"],
        closes_on=TODAY + datetime.timedelta(days=40),
    )
    same_score_sooner = factories.vacancy(
        world.company_b,
        required_skills=["LAS-SMAW", "LAS-GTAW"],
        closes_on=TODAY + datetime.timedelta(days=5),
    )
    matches = vacancies_for(welder)
    assert [m.vacancy for m in matches][:3] == [both, same_score_sooner, one_of_two]
    assert {m.vacancy for m in matches} == {both, one_of_two, far_later, same_score_sooner}
    for match in matches:
        alone = explain_pair(welder, match.vacancy)
        assert (match.score, match.factors) == (alone.score, alone.factors)
        assert match.matching_skills == alone.matching_skills
        assert match.missing_skills == alone.missing_skills
    assert matches[0].missing_skills == []
    assert [s.source for s in matches[0].matching_skills] == ["trained", "certified"]


def test_vacancies_the_person_cannot_take_are_left_out(world, welder):
    fits = factories.vacancy(world.company_a, required_skills=["LAS-SMAW"])
    referred = factories.vacancy(world.company_a, required_skills=["LAS-SMAW"])
    Referral.objects.create(vacancy=referred, job_seeker=welder, referred_at=timezone.now())
    factories.vacancy(world.company_a, required_skills=["LAS-SMAW"], education_min_id="s1")
    factories.vacancy(
        world.company_a,
        required_skills=["LAS-SMAW"],
        opens_on=TODAY + datetime.timedelta(days=2),
        closes_on=TODAY + datetime.timedelta(days=20),
    )
    factories.vacancy(
        world.company_a,
        required_skills=["LAS-SMAW"],
        opens_on=TODAY - datetime.timedelta(days=40),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    factories.vacancy(world.company_a, required_skills=["ABT-FORKLIFT"])
    assert [m.vacancy for m in vacancies_for(welder)] == [fits]


def test_apprenticeships_are_offered_only_from_the_apprentice_age(world):
    young = factories.job_seeker(
        world.office_a,
        birth_date=TODAY.replace(year=TODAY.year - 16),
        registered_on=TODAY - datetime.timedelta(days=5),
    )
    factories.give_skill(young, "LAS-SMAW", Source.DECLARED)
    apprenticeship = dict(kind="apprenticeship", employment_type="magang", duration_months=6)
    factories.vacancy(world.company_a, required_skills=["LAS-SMAW"], **apprenticeship)
    job = factories.vacancy(world.company_a, required_skills=["LAS-SMAW"])
    assert [m.vacancy for m in vacancies_for(young)] == [job]


def test_the_best_vacancies_are_found_however_many_fit_and_the_limit_applies(world, welder):
    for _ in range(12):
        factories.vacancy(world.company_b, required_skills=["LAS-SMAW", "LAS-GTAW", "LAS-FCAW"])
    best = factories.vacancy(world.company_a, required_skills=["LAS-SMAW", "K3-UMUM"])
    matches = vacancies_for(welder, limit=3)
    assert len(matches) == 3
    assert matches[0].vacancy == best


def test_a_person_without_skills_has_no_vacancies(world):
    assert vacancies_for(factories.job_seeker(world.office_a)) == []


def test_the_query_count_does_not_grow_with_the_number_of_vacancies_returned(world, welder):
    for _ in range(15):
        factories.vacancy(
            world.company_a, required_skills=["LAS-SMAW"], preferred_skills=["K3-UMUM"]
        )
    counts = {}
    for limit in (1, 15):
        with CaptureQueriesContext(connection) as queries:
            assert len(vacancies_for(welder, limit=limit)) == limit
        counts[limit] = len(queries)
    assert counts[1] == counts[15] <= 5


def test_every_limit_returns_the_head_of_the_full_ranking(world, welder):
    for region, occupation in [("36.72.04", "7212"), ("36.72.01", "7411"), ("36.73.01", "3113")]:
        factories.vacancy(
            world.company_a,
            required_skills=["LAS-SMAW", "LAS-GTAW"],
            preferred_skills=["K3-UMUM"],
            region_id=region,
            occupation_id=occupation,
        )
        factories.vacancy(
            world.company_b, required_skills=["K3-UMUM"], region_id=region, occupation_id=occupation
        )
    full = [m.vacancy for m in vacancies_for(welder)]
    assert len(full) == 6
    for limit in range(1, 7):
        assert [m.vacancy for m in vacancies_for(welder, limit=limit)] == full[:limit]


def test_the_reverse_follows_the_configured_weights(world, welder, settings):
    near_declared = factories.vacancy(world.company_a, required_skills=["LAS-SMAW", "LAS-GTAW"])
    far_full = factories.vacancy(
        world.company_b,
        required_skills=["LAS-SMAW"],
        region_id="36.73.01",
        occupation_id="8344",
        closes_on=TODAY + datetime.timedelta(days=40),
    )
    assert [m.vacancy for m in vacancies_for(welder)] == [far_full, near_declared]
    weights = dict(settings.VOKASI_MATCHING["WEIGHTS"], distance=300, occupation=300)
    settings.VOKASI_MATCHING = dict(settings.VOKASI_MATCHING, WEIGHTS=weights)
    assert [m.vacancy for m in vacancies_for(welder)] == [near_declared, far_full]


def test_vacancies_outside_the_persons_sex_or_age_are_left_out(world):
    from vokasi.dates import add_years

    forty = factories.job_seeker(world.office_a, sex="L", birth_date=add_years(TODAY, -40))
    factories.give_skill(forty, "LAS-SMAW", Source.DECLARED)
    limits = {"age_reason": "Program rekrutmen lulusan baru"}
    open_to_all = factories.vacancy(world.company_a)
    up_to_forty = factories.vacancy(world.company_a, age_max=40, **limits)
    from_forty = factories.vacancy(world.company_a, age_min=40, **limits)
    factories.vacancy(world.company_a, age_max=39, **limits)
    factories.vacancy(world.company_a, age_min=41, **limits)
    factories.vacancy(world.company_a, sex="P", sex_reason="Asrama khusus perempuan")
    men = factories.vacancy(world.company_a, sex="L", sex_reason="Asrama khusus laki-laki")
    assert {m.vacancy for m in vacancies_for(forty)} == {
        open_to_all,
        up_to_forty,
        from_forty,
        men,
    }
