"""The person's page lists the open vacancies that fit them (the reverse match) with a
"refer" button each; referring goes through the one referral service."""

from __future__ import annotations

import pytest
from django.urls import reverse

from placements.models import Referral, ReferralDecision
from tests import factories
from trainees.services.registration import job_seeker_end

pytestmark = pytest.mark.django_db


@pytest.fixture
def welder(world):
    person = factories.job_seeker(world.office_a, name="Siti Nuraini", sex="P")
    factories.give_skill(person, "LAS-SMAW", source=3)
    return person


@pytest.fixture
def vacancy(world):
    return factories.vacancy(world.company_a, title="Welder SMAW Cilegon")


def person_page(client, person):
    return client.get(reverse("trainees:job-seeker-detail", args=[person.pk]))


def refer(client, person, vacancy_id):
    return client.post(
        reverse("placements:job-seeker-refer", args=[person.pk]), {"vacancy": vacancy_id}
    )


def test_the_persons_page_lists_fitting_vacancies_with_a_refer_button(
    client, world, welder, vacancy
):
    factories.vacancy(world.company_b, title="Forklift", required_skills=["ABT-FORKLIFT"])
    client.force_login(world.officer_a)
    response = person_page(client, welder)
    html = response.content.decode()
    assert 'data-testid="fitting-vacancies"' in html
    assert "Welder SMAW Cilegon" in html and "Forklift" not in html
    assert f'data-testid="refer-{vacancy.pk}"' in html


def test_the_fitting_vacancies_cost_a_fixed_number_of_queries(
    client, world, welder, django_assert_max_num_queries
):
    client.force_login(world.officer_a)
    person_page(client, welder)  # warm up (sessions, content types)
    for _ in range(5):
        factories.vacancy(world.company_a)
    with django_assert_max_num_queries(40) as few:
        person_page(client, welder)
    for _ in range(20):
        factories.vacancy(world.company_b)
    with django_assert_max_num_queries(len(few.captured_queries)):
        person_page(client, welder)


def test_an_officer_refers_and_the_vacancy_leaves_the_list(client, world, welder, vacancy):
    client.force_login(world.officer_a)
    response = refer(client, welder, vacancy.pk)
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("trainees:job-seeker-detail", args=[welder.pk]) + "#vacancies"
    )
    referral = Referral.objects.get(vacancy=vacancy, job_seeker=welder)
    assert referral.referred_by == world.officer_a and referral.match_score is not None
    assert ReferralDecision.objects.filter(referral=referral, decision="referred").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Welder SMAW Cilegon" in page  # the success message names it
    assert f'data-testid="refer-{vacancy.pk}"' not in page


def test_referring_twice_is_a_message_not_an_error(client, world, welder, vacancy):
    factories.referral(vacancy, welder)
    client.force_login(world.officer_a)
    response = refer(client, welder, vacancy.pk)
    assert response.status_code == 302
    assert Referral.objects.filter(vacancy=vacancy, job_seeker=welder).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert 'class="warning"' in page and "sudah diberi pengantar kerja" in page


def test_a_closed_vacancy_is_refused_with_the_services_message(client, world, welder):
    closed = factories.vacancy(world.company_a, status="closed", close_reason="cancelled")
    client.force_login(world.officer_a)
    response = refer(client, welder, closed.pk)
    assert response.status_code == 302
    assert not Referral.objects.exists()
    assert 'class="error"' in client.get(response["Location"]).content.decode()


def test_a_person_whose_registration_ended_shows_no_vacancies_and_cannot_be_referred(
    client, world, welder, vacancy
):
    job_seeker_end(job_seeker=welder, reason="moved")
    client.force_login(world.officer_a)
    assert b'data-testid="fitting-vacancies"' not in person_page(client, welder).content
    refer(client, welder, vacancy.pk)
    assert not Referral.objects.exists()


@pytest.mark.parametrize("value", ["abc", "2.421", "", "99999999999999999999", "-1"])
def test_tampered_vacancy_ids_redirect_with_a_message_and_write_nothing(
    client, world, welder, vacancy, value
):
    client.force_login(world.officer_a)
    response = refer(client, welder, value)
    assert response.status_code == 302
    assert not Referral.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert 'class="error"' in page


def test_another_companys_vacancy_id_is_fine_for_an_officer_who_sees_all_demand(
    client, world, welder
):
    other = factories.vacancy(world.company_b)
    client.force_login(world.officer_a)
    refer(client, welder, other.pk)
    assert Referral.objects.filter(vacancy=other).exists()


def test_another_offices_person_is_not_found(client, world, welder, vacancy):
    client.force_login(world.officer_b)
    assert refer(client, welder, vacancy.pk).status_code == 404
    assert not Referral.objects.exists()


@pytest.mark.parametrize("who", ["trainer_a", "employer_a"])
def test_trainers_and_companies_may_not_refer(client, world, welder, vacancy, who):
    client.force_login(getattr(world, who))
    assert refer(client, welder, vacancy.pk).status_code == 403
    assert not Referral.objects.exists()


def test_referring_is_a_post(client, world, welder):
    client.force_login(world.officer_a)
    response = client.get(reverse("placements:job-seeker-refer", args=[welder.pk]))
    assert response.status_code == 405
