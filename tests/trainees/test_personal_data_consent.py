"""Contact goes to employers only with consent; a withdrawal counts from the next answer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from trainees.models import JobSeeker


@pytest.fixture
def referred(world):
    person = factories.job_seeker(
        world.office_a, phone="081234567890", email="siti@example.id", consent_share_contact=True
    )
    vacancy = factories.vacancy(world.company_a)
    factories.referral(vacancy, person)
    return person, vacancy


def employer_sees_contact(api, world, vacancy) -> bool:
    answer = api.as_user(world.employer_a).get(f"/api/v1/vacancies/{vacancy.pk}/referrals/")
    return "081234567890" in answer.content.decode()


def employer_page_shows_contact(client, world, vacancy) -> bool:
    client.force_login(world.employer_a)
    page = client.get(reverse("placements:vacancy-detail", args=[vacancy.pk]))
    return "081234567890" in page.content.decode()


def test_the_officer_withdraws_consent_on_the_persons_page_and_employers_stop_seeing_it(
    world, api, client, referred
):
    person, vacancy = referred
    assert employer_sees_contact(api, world, vacancy)
    assert employer_page_shows_contact(client, world, vacancy)

    client.force_login(world.officer_a)
    page = client.get(reverse("trainees:job-seeker-detail", args=[person.pk])).content.decode()
    assert 'data-testid="withdraw-consent"' in page
    response = client.post(
        reverse("trainees:job-seeker-consent", args=[person.pk]), {"consent": "no"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.consent_share_contact is False
    assert person.consent_changed_at is not None

    assert not employer_sees_contact(api, world, vacancy)
    assert not employer_page_shows_contact(client, world, vacancy)


def test_consent_can_be_given_again_on_the_page(world, api, client, referred):
    person, vacancy = referred
    JobSeeker.objects.filter(pk=person.pk).update(consent_share_contact=False)
    client.force_login(world.officer_a)
    client.post(reverse("trainees:job-seeker-consent", args=[person.pk]), {"consent": "yes"})
    assert JobSeeker.objects.get(pk=person.pk).consent_share_contact is True
    assert employer_sees_contact(api, world, vacancy)


def test_consent_is_withdrawn_through_the_api_with_immediate_effect(world, api, referred):
    person, vacancy = referred
    response = api.as_user(world.officer_a).patch(
        f"/api/v1/job-seekers/{person.pk}/", {"consent_share_contact": False}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["consent_share_contact"] is False
    assert not employer_sees_contact(api, world, vacancy)


@pytest.mark.parametrize(("role", "status"), [("officer_b", 404), ("trainer_a", 403)])
def test_only_the_owning_office_changes_consent(world, client, referred, role, status):
    person, _vacancy = referred
    client.force_login(getattr(world, role))
    response = client.post(
        reverse("trainees:job-seeker-consent", args=[person.pk]), {"consent": "no"}
    )
    assert response.status_code == status
    assert JobSeeker.objects.get(pk=person.pk).consent_share_contact is True
