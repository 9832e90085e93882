"""Matching ranks available job seekers for a vacancy and explains every score."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from placements.matching import candidates_for, vacancies_for
from placements.models import Referral
from tests import factories
from trainees.models import Cohort, Enrollment, JobSeeker, JobSeekerSkill

Source = JobSeekerSkill.Source
TODAY = timezone.localdate()


@pytest.fixture
def welding_vacancy(world):
    # Workplace in Ciwandan (36.72.04), Kota Cilegon.
    return factories.vacancy(
        world.company_a,
        title="Welder SMAW/GTAW",
        occupation_id="7212",
        region_id="36.72.04",
        required_skills=["LAS-SMAW", "LAS-GTAW"],
        preferred_skills=["K3-UMUM"],
        education_min_id="smp",
    )


def person(world, *, region="36.72.04", skills=(), occupation="7212", **kw) -> JobSeeker:
    someone = factories.job_seeker(world.office_a, region_id=region, occupation_id=occupation, **kw)
    for code, source in skills:
        row = factories.give_skill(someone, code, source)
        if source >= Source.TRAINED:
            row.acquired_on = TODAY - datetime.timedelta(days=100)
            row.save()
    return someone


def ranked(vacancy, user=None, **kw):
    return [m.job_seeker for m in candidates_for(vacancy, user=user, **kw)]


def test_a_certified_welder_nearby_ranks_above_a_self_declared_one_from_elsewhere(
    world, welding_vacancy
):
    declared_far = person(
        world,
        region="36.73.01",  # Kota Serang
        skills=[("LAS-SMAW", Source.DECLARED), ("LAS-GTAW", Source.DECLARED)],
    )
    certified_near = person(
        world, skills=[("LAS-SMAW", Source.CERTIFIED), ("LAS-GTAW", Source.CERTIFIED)]
    )
    assert ranked(welding_vacancy) == [certified_near, declared_far]


def test_each_match_explains_its_score_and_names_missing_skills(world, welding_vacancy):
    someone = person(world, skills=[("LAS-SMAW", Source.CERTIFIED)])
    [match] = candidates_for(welding_vacancy)
    assert match.job_seeker == someone
    assert [s.code for s in match.matching_skills] == ["LAS-SMAW"]
    assert match.matching_skills[0].source == "certified"
    assert [s["code"] for s in match.missing_skills] == ["LAS-GTAW"]
    assert set(match.factors) == {
        "required_skills",
        "preferred_skills",
        "occupation",
        "education",
        "distance",
        "training_recency",
    }
    # The factor points add up to the score: required 1 of 2 certified = 25 of 50 points,
    # no preferred skill, same occupation 15, education 5, same kecamatan 12, trained
    # 100 days ago 8 -> 65 of 100.
    assert match.factors["required_skills"] == 25.0
    assert match.factors["preferred_skills"] == 0.0
    assert match.factors["distance"] == 12.0
    assert match.score == 65 == round(sum(match.factors.values()))


def test_unavailable_people_are_not_candidates(world, welding_vacancy):
    skills = [("LAS-SMAW", Source.CERTIFIED)]
    available = person(world, skills=skills)
    placed = person(world, skills=skills)
    JobSeeker.objects.filter(pk=placed.pk).update(
        status="placed", ended_on=TODAY, end_reason="placed"
    )
    expired = person(world, skills=skills)
    JobSeeker.objects.filter(pk=expired.pk).update(
        status="expired", ended_on=TODAY, end_reason="expired"
    )
    in_training = person(world, skills=skills)
    running = factories.cohort(
        factories.programme(world.provider_a),
        start_date=TODAY - datetime.timedelta(days=10),
        status=Cohort.Status.RUNNING,
    )
    factories.enrollment(running, in_training, status=Enrollment.Status.ENROLLED)
    already_referred = person(world, skills=skills)
    Referral.objects.create(
        vacancy=welding_vacancy, job_seeker=already_referred, referred_at=timezone.now()
    )
    person(world, skills=skills, education_id="sd")  # below the minimum education
    assert ranked(welding_vacancy) == [available]


def test_apprenticeships_only_list_people_of_apprentice_age(world):
    vacancy = factories.vacancy(
        world.company_a,
        kind="apprenticeship",
        employment_type="magang",
        duration_months=6,
        required_skills=["LAS-SMAW"],
    )
    adult = person(world, skills=[("LAS-SMAW", Source.DECLARED)])
    sixteen = person(
        world,
        skills=[("LAS-SMAW", Source.DECLARED)],
        birth_date=TODAY.replace(year=TODAY.year - 16) - datetime.timedelta(days=1),
        registered_on=TODAY - datetime.timedelta(days=5),
    )
    assert ranked(vacancy) == [adult]
    assert sixteen.pk


def test_people_without_any_of_the_skills_are_not_listed(world, welding_vacancy):
    person(world, skills=[("ABT-FORKLIFT", Source.CERTIFIED)])
    assert ranked(welding_vacancy) == []


def test_weights_change_the_order_as_documented(world, welding_vacancy, settings):
    # A certified welder in Kota Serang against a declared one in the same kecamatan.
    certified_far = person(
        world,
        region="36.73.01",
        skills=[("LAS-SMAW", Source.CERTIFIED), ("LAS-GTAW", Source.CERTIFIED)],
    )
    declared_near = person(
        world, skills=[("LAS-SMAW", Source.DECLARED), ("LAS-GTAW", Source.DECLARED)]
    )
    assert ranked(welding_vacancy) == [certified_far, declared_near]
    weights = dict(settings.VOKASI_MATCHING["WEIGHTS"], distance=200)
    settings.VOKASI_MATCHING = dict(settings.VOKASI_MATCHING, WEIGHTS=weights)
    assert ranked(welding_vacancy) == [declared_near, certified_far]


def test_officers_only_see_candidates_of_their_own_office(world, welding_vacancy):
    mine = person(world, skills=[("LAS-SMAW", Source.CERTIFIED)])
    theirs = factories.job_seeker(world.office_b)
    factories.give_skill(theirs, "LAS-SMAW", Source.CERTIFIED)
    assert ranked(welding_vacancy, user=world.officer_a) == [mine]
    assert ranked(welding_vacancy, user=world.officer_b) == [theirs]
    assert ranked(welding_vacancy, user=world.employer_a) == []


def test_matching_runs_a_fixed_number_of_queries(
    world, welding_vacancy, django_assert_max_num_queries
):
    for _ in range(30):
        person(world, skills=[("LAS-SMAW", Source.CERTIFIED), ("K3-UMUM", Source.DECLARED)])
    with django_assert_max_num_queries(6):
        matches = candidates_for(welding_vacancy, user=world.officer_a, limit=25)
    assert len(matches) == 25


def test_the_reverse_lists_the_vacancies_that_fit_a_person(world, welding_vacancy):
    someone = person(world, skills=[("LAS-SMAW", Source.CERTIFIED)])
    forklift = factories.vacancy(world.company_b, required_skills=["ABT-FORKLIFT"])
    closed = factories.vacancy(
        world.company_b,
        required_skills=["LAS-SMAW"],
        status="closed",
        close_reason="cancelled",
    )
    matches = vacancies_for(someone)
    assert [m.vacancy for m in matches] == [welding_vacancy]
    assert matches[0].score == candidates_for(welding_vacancy)[0].score
    assert [s["code"] for s in matches[0].missing_skills] == ["LAS-GTAW"]
    assert forklift.pk and closed.pk


def test_the_query_count_does_not_grow_with_the_number_of_candidates_returned(
    world, welding_vacancy
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(30):
        person(world, skills=[("LAS-SMAW", Source.CERTIFIED), ("K3-UMUM", Source.TRAINED)])
    counts = {}
    for limit in (1, 10, 30):
        with CaptureQueriesContext(connection) as queries:
            assert len(candidates_for(welding_vacancy, user=world.officer_a, limit=limit)) == limit
        counts[limit] = len(queries)
    # The skills, the ranking and the explanation of the top rows (two queries); on
    # PostgreSQL one more sets the planner up for the ranking.
    assert counts[1] == counts[10] == counts[30] <= 5


def test_the_database_scores_each_candidate_exactly_as_explain_pair_does(world, welding_vacancy):
    from placements.matching import explain_pair

    long_ago = TODAY - datetime.timedelta(days=800)  # trained within three years: half points
    mixed = person(
        world, region="36.72.01", occupation="7411", skills=[("LAS-SMAW", Source.TRAINED)]
    )
    JobSeekerSkill.objects.filter(job_seeker=mixed).update(acquired_on=long_ago)
    person(world, region="36.73.01", occupation=None, skills=[("K3-UMUM", Source.DECLARED)])
    person(
        world,
        occupation="3113",
        skills=[
            ("LAS-SMAW", Source.CERTIFIED),
            ("LAS-GTAW", Source.DECLARED),
            ("K3-UMUM", Source.CERTIFIED),
        ],
    )
    matches = candidates_for(welding_vacancy)
    assert len(matches) == 3
    for match in matches:
        alone = explain_pair(match.job_seeker, welding_vacancy)
        assert (match.score, match.factors) == (alone.score, alone.factors)
        assert match.matching_skills == alone.matching_skills
        assert match.missing_skills == alone.missing_skills
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    by_person = {m.job_seeker: m for m in matches}
    assert by_person[mixed].factors["training_recency"] == 4.0  # half of 8
    assert by_person[mixed].factors["occupation"] == 7.5  # same KBJI major group


def test_a_vacancy_with_only_preferred_skills_ranks_on_the_factors_that_apply(world):
    vacancy = factories.vacancy(world.company_a, required_skills=[], preferred_skills=["K3-UMUM"])
    holder = person(world, skills=[("K3-UMUM", Source.CERTIFIED)])
    [match] = candidates_for(vacancy)
    assert match.job_seeker == holder
    assert "required_skills" not in match.factors
    assert match.missing_skills == []
    assert match.score == 100


def test_equal_scores_are_ordered_by_registration_id_and_the_limit_keeps_the_best(
    world, welding_vacancy
):
    same = [person(world, skills=[("LAS-SMAW", Source.DECLARED)]) for _ in range(3)]
    best = person(world, skills=[("LAS-SMAW", Source.CERTIFIED), ("LAS-GTAW", Source.CERTIFIED)])
    assert ranked(welding_vacancy) == [best, *sorted(same, key=lambda p: p.pk)]
    assert ranked(welding_vacancy, limit=2) == [best, min(same, key=lambda p: p.pk)]


def test_administrators_see_every_office_and_anonymous_callers_nobody(world, welding_vacancy):
    from django.contrib.auth.models import AnonymousUser

    mine = person(world, skills=[("LAS-SMAW", Source.CERTIFIED)])
    theirs = factories.job_seeker(world.office_b)
    factories.give_skill(theirs, "LAS-SMAW", Source.CERTIFIED)
    assert set(ranked(welding_vacancy, user=world.admin)) == {mine, theirs}
    assert ranked(welding_vacancy, user=AnonymousUser()) == []


def test_people_in_a_finished_cohort_or_who_withdrew_from_a_running_one_are_available(
    world, welding_vacancy
):
    programme = factories.programme(world.provider_a)
    finished = factories.cohort(
        programme, start_date=TODAY - datetime.timedelta(days=90), status=Cohort.Status.FINISHED
    )
    running = factories.cohort(
        programme, start_date=TODAY - datetime.timedelta(days=10), status=Cohort.Status.RUNNING
    )
    graduate = person(world, skills=[("LAS-SMAW", Source.CERTIFIED)])
    factories.enrollment(finished, graduate, status=Enrollment.Status.COMPLETED)
    dropped_out = person(world, skills=[("LAS-SMAW", Source.DECLARED)])
    factories.enrollment(running, dropped_out, status=Enrollment.Status.DROPPED)
    assert ranked(welding_vacancy) == [graduate, dropped_out]


def _both_ways(vacancy, limit):
    """The ids ranked within the pool first (as candidates_for does) and by every holder."""
    from placements import matching

    needs = matching.VacancyNeeds.of(vacancy)
    weights = matching._applicable_weights(vacancy, needs)
    people = matching.eligible_for(vacancy, today=TODAY)
    bounded = matching._ranked(vacancy, needs, weights, people, limit, TODAY)
    every = matching._ranked(vacancy, needs, weights, people, limit, TODAY, pooled=False)
    return [row[0] for row in bounded], [row[0] for row in every]


def test_the_pool_bounded_by_skill_points_gives_exactly_the_top_of_every_holder(
    world, welding_vacancy
):
    """The pool (a skill held trained or certified) decides when its last score is above
    what a declared-only holder can reach; otherwise every holder is ranked. Same answer."""
    strong = [
        person(world, skills=[("LAS-SMAW", Source.CERTIFIED), ("LAS-GTAW", Source.CERTIFIED)])
        for _ in range(3)
    ]
    weak_trained = person(world, region="36.73.01", occupation="9329",
                          skills=[("K3-UMUM", Source.TRAINED)])  # fmt: skip
    declared = [
        person(world, skills=[("LAS-SMAW", Source.DECLARED), ("LAS-GTAW", Source.DECLARED)])
        for _ in range(3)
    ]
    # The top 2 are certified welders: the pool decides (declared-only holders reach 56).
    bounded, every = _both_ways(welding_vacancy, 2)
    assert bounded == every == [p.pk for p in strong[:2]]
    # The top 5 reach past the pool (4 people): every holder is ranked, declared ones too.
    bounded, every = _both_ways(welding_vacancy, 5)
    assert bounded == every == [*(p.pk for p in strong), declared[0].pk, declared[1].pk]
    # A trained holder far away with another occupation scores below the declared welders.
    bounded, every = _both_ways(welding_vacancy, 8)
    assert bounded == every and bounded[-1] == weak_trained.pk
    assert [m.job_seeker.pk for m in candidates_for(welding_vacancy, limit=8)] == every


def test_a_vacancys_sex_and_age_limits_are_hard_requirements_counted_to_the_birthday(world):
    from vokasi.dates import add_years

    vacancy = factories.vacancy(
        world.company_a,
        required_skills=["LAS-SMAW"],
        sex="P",
        sex_reason="Asrama pekerja di lokasi hanya untuk perempuan",
        age_min=18,
        age_max=35,
        age_reason="Kerja di ketinggian, sesuai batas usia K3 perusahaan",
    )
    skills = [("LAS-SMAW", Source.CERTIFIED)]

    def woman(born):
        return person(world, skills=skills, sex="P", birth_date=born)

    eighteen_today = woman(add_years(TODAY, -18))
    thirty_five_until_tomorrow = woman(add_years(TODAY, -36) + datetime.timedelta(days=1))
    woman(add_years(TODAY, -18) + datetime.timedelta(days=1))  # 17 until tomorrow
    woman(add_years(TODAY, -36))  # 36 today
    man = person(world, skills=skills, sex="L", birth_date=add_years(TODAY, -25))

    fits = {eighteen_today, thirty_five_until_tomorrow}
    assert set(ranked(vacancy)) == fits
    # The pool of certified holders decides alone for a short list: it obeys the limits too.
    assert ranked(vacancy, limit=1)[0] in fits
    assert vacancy not in [m.vacancy for m in vacancies_for(man)]
    assert vacancy in [m.vacancy for m in vacancies_for(eighteen_today)]
    assert vacancy in [m.vacancy for m in vacancies_for(thirty_five_until_tomorrow)]
    # Without limits the same people are all candidates.
    vacancy.sex, vacancy.sex_reason, vacancy.age_min, vacancy.age_max = "any", "", None, None
    vacancy.save()
    assert len(ranked(vacancy)) == 5
