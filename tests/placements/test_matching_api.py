"""GET /api/v1/vacancies/{id}/matches/, the reverse, and referring from the match page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.models import Referral, ReferralDecision
from placements.services.referrals import AlreadyReferred, referral_create
from tests import factories
from tests.factories import PASSWORD
from trainees.models import JobSeeker, JobSeekerSkill

CERTIFIED = JobSeekerSkill.Source.CERTIFIED


@pytest.fixture
def setup(world):
    vacancy = factories.vacancy(world.company_a, required_skills=["LAS-SMAW", "LAS-GTAW"])
    welder = factories.job_seeker(world.office_a, occupation_id="7212")
    factories.give_skill(welder, "LAS-SMAW", CERTIFIED)
    return vacancy, welder


def test_officers_get_ranked_explained_candidates(api, world, setup):
    vacancy, welder = setup
    response = api.as_user(world.officer_a).get(f"/api/v1/vacancies/{vacancy.pk}/matches/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [row] = body["results"]
    assert row["job_seeker"] == {
        "id": welder.pk,
        "name": welder.name,
        "sex": "L",
        "age": welder.age_on(timezone.localdate()),
        "education": "smk",
        "region": "36.72.04",
    }
    assert 0 <= row["score"] <= 100
    assert round(sum(row["factors"].values())) == row["score"]
    assert row["matching_skills"] == [
        {"code": "LAS-SMAW", "name": row["matching_skills"][0]["name"], "source": "certified"}
    ]
    assert [s["code"] for s in row["missing_skills"]] == ["LAS-GTAW"]
    assert "nik" not in str(body).lower()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("employer_a", 403),
        ("employer_b", 403),
        ("trainer_a", 403),
        ("officer_b", 200),
        ("admin", 200),
    ],
)
def test_only_the_labour_office_may_match(api, world, setup, who, status):
    vacancy, _ = setup
    response = api.as_user(getattr(world, who)).get(f"/api/v1/vacancies/{vacancy.pk}/matches/")
    assert response.status_code == status


def test_anonymous_callers_are_asked_to_authenticate(api, setup):
    vacancy, _ = setup
    response = api.get(f"/api/v1/vacancies/{vacancy.pk}/matches/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_an_unknown_vacancy_is_404(api, world):
    assert api.as_user(world.officer_a).get("/api/v1/vacancies/999999/matches/").status_code == 404


def test_the_reverse_lists_vacancies_for_a_job_seeker_of_the_officers_office(api, world, setup):
    vacancy, welder = setup
    response = api.as_user(world.officer_a).get(f"/api/v1/job-seekers/{welder.pk}/vacancies/")
    assert response.status_code == 200
    assert [r["vacancy"]["id"] for r in response.json()["results"]] == [vacancy.pk]
    # Another office's officer does not learn that the person exists.
    other = api.as_user(world.officer_b).get(f"/api/v1/job-seekers/{welder.pk}/vacancies/")
    assert other.status_code == 404


def test_a_referral_records_its_match_score_and_a_first_decision(world, setup):
    vacancy, welder = setup
    referral = referral_create(vacancy=vacancy, job_seeker=welder, referred_by=world.officer_a)
    assert referral.status == Referral.Status.REFERRED
    assert referral.match_score and referral.match_score > 0
    assert ReferralDecision.objects.get(referral=referral).decision == "referred"
    with pytest.raises(AlreadyReferred) as caught:
        referral_create(vacancy=vacancy, job_seeker=welder, referred_by=world.officer_a)
    assert caught.value.referral == referral


def test_an_expired_job_seeker_cannot_be_referred(world, setup):
    from django.core.exceptions import ValidationError

    vacancy, welder = setup
    JobSeeker.objects.filter(pk=welder.pk).update(
        status="expired", ended_on=welder.registered_on.replace(year=2099), end_reason="expired"
    )
    welder.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        referral_create(vacancy=vacancy, job_seeker=welder, referred_by=world.officer_a)
    assert "job_seeker" in caught.value.message_dict


def test_the_match_page_lists_and_refers_candidates(client, world, setup):
    vacancy, welder = setup
    client.login(username=world.officer_a.username, password=PASSWORD)
    url = reverse("placements:vacancy-matches", args=[vacancy.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert welder.name in page.text
    response = client.post(url, {"job_seeker": [welder.pk]}, follow=True)
    assert response.status_code == 200
    assert Referral.objects.filter(vacancy=vacancy, job_seeker=welder).exists()
    # Once referred, the person leaves the candidate list.
    assert welder.name not in client.get(url).text


def test_employers_cannot_open_the_match_page(client, world, setup):
    vacancy, _ = setup
    client.login(username=world.employer_a.username, password=PASSWORD)
    assert client.get(reverse("placements:vacancy-matches", args=[vacancy.pk])).status_code == 403


def _many_candidates(world, vacancy, count=12):
    for i in range(count):
        person = factories.job_seeker(
            world.office_a,
            occupation_id="7212" if i % 2 else None,
            sex="P" if i % 3 else "L",
            region_id="36.72.01" if i % 5 else "36.72.04",
        )
        source = CERTIFIED if i % 3 else JobSeekerSkill.Source.DECLARED
        factories.give_skill(person, "LAS-SMAW", source)
        if i % 4 == 0:
            factories.give_skill(person, "LAS-GTAW", JobSeekerSkill.Source.TRAINED)


def test_a_match_is_written_with_the_declared_fields_shape(world, setup):
    from rest_framework import serializers

    from placements.api.matching import MatchSerializer
    from placements.matching import candidates_for

    vacancy, _welder = setup
    vacancy.education_min_id = None
    vacancy.save(update_fields=["education_min"])
    _many_candidates(world, vacancy)
    matches = candidates_for(vacancy, user=world.officer_a, limit=50)
    assert len(matches) == 13
    for match in matches:
        generic = serializers.Serializer.to_representation(MatchSerializer(), match)
        assert MatchSerializer(match).data == generic


def test_the_candidates_of_a_vacancy_cost_the_same_queries_for_one_or_many(
    api, world, setup, django_assert_max_num_queries
):
    vacancy, _welder = setup
    client = api.as_user(world.officer_a)
    url = f"/api/v1/vacancies/{vacancy.pk}/matches/"
    # The vacancy, its skills, the ranking (pool, then every holder) in its transaction,
    # the listed people and their skills: none per candidate.
    with django_assert_max_num_queries(10) as one:
        assert client.get(url).json()["count"] == 1
    _many_candidates(world, vacancy)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(url).json()["count"] > 5
