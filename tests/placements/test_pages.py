"""The company pages: vacancies, the vacancy form, candidates with decisions, API keys."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.models import Placement, Referral, Vacancy
from tests import factories
from vokasi.models import ApiKey

TODAY = timezone.localdate()


@pytest.fixture
def employer_client(client, world):
    client.force_login(world.employer_a)
    return client


def test_the_vacancy_list_shows_the_companys_vacancies(employer_client, world, vacancy_a):
    factories.vacancy(world.company_b, title="Operator forklift lain")
    response = employer_client.get(reverse("placements:vacancy-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Welder SMAW" in html
    assert "Operator forklift lain" not in html
    assert 'data-testid="new-vacancy"' in html


def test_the_vacancy_list_filters_and_reads_in_bounded_queries(
    employer_client, world, django_assert_max_num_queries
):
    for _ in range(30):
        factories.vacancy(world.company_a)
    factories.vacancy(world.company_a, title="Closed one", status="closed", close_reason="expired")
    with django_assert_max_num_queries(12):
        response = employer_client.get(reverse("placements:vacancy-list") + "?status=closed")
    html = response.content.decode()
    assert "Closed one" in html and "Welder SMAW" not in html


def test_an_officer_reads_vacancies_but_cannot_post_one(client, world, vacancy_a):
    client.force_login(world.officer_a)
    assert client.get(reverse("placements:vacancy-list")).status_code == 200
    assert client.get(reverse("placements:vacancy-create")).status_code == 403


def test_trainers_have_no_vacancy_pages_and_anonymous_people_log_in(client, world):
    client.force_login(world.trainer_a)
    assert client.get(reverse("placements:vacancy-list")).status_code == 403
    client.logout()
    response = client.get(reverse("placements:vacancy-list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_posting_a_vacancy_through_the_form(employer_client, world):
    response = employer_client.post(
        reverse("placements:vacancy-create"),
        {
            "title": "Teknisi listrik",
            "kind": "job",
            "occupation": "7411",
            "required_skills": ["LAS-SMAW"],
            "openings": 2,
            "region": "36.72.02",
            "employment_type": "pkwtt",
            "wage_min": 5_500_000,
            "wage_max": 7_000_000,
            "opens_on": TODAY.isoformat(),
            "closes_on": (TODAY + datetime.timedelta(days=20)).isoformat(),
        },
    )
    vacancy = Vacancy.objects.get(title="Teknisi listrik")
    assert response.status_code == 302
    assert response["Location"] == reverse("placements:vacancy-detail", args=[vacancy.pk])
    assert vacancy.company == world.company_a
    assert vacancy.required_skill_codes == ["LAS-SMAW"]


def test_the_form_shows_the_services_errors_on_the_fields(employer_client):
    response = employer_client.post(
        reverse("placements:vacancy-create"),
        {
            "title": "Magang",
            "kind": "apprenticeship",
            "occupation": "7212",
            "openings": 2,
            "region": "36.72.02",
            "employment_type": "magang",
            "opens_on": TODAY.isoformat(),
            "closes_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 400
    assert "duration_months" in response.context["form"].errors
    assert not Vacancy.objects.exists()


def test_editing_a_vacancy_starts_from_its_values(employer_client, vacancy_a):
    url = reverse("placements:vacancy-update", args=[vacancy_a.pk])
    form = employer_client.get(url).context["form"]
    assert form.initial["title"] == "Welder SMAW"
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        openings=5,
        occupation="7212",
        region="36.72.04",
        education_min="smk",
        required_skills=["LAS-SMAW"],
        preferred_skills=[],
    )
    response = employer_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    vacancy_a.refresh_from_db()
    assert vacancy_a.openings == 5


def test_another_company_cannot_open_the_vacancy(client, world, vacancy_a):
    client.force_login(world.employer_b)
    assert client.get(reverse("placements:vacancy-detail", args=[vacancy_a.pk])).status_code == 404
    assert client.get(reverse("placements:vacancy-update", args=[vacancy_a.pk])).status_code == 404


def test_the_candidates_are_listed_with_decision_buttons(employer_client, vacancy_a, referral_a):
    response = employer_client.get(reverse("placements:vacancy-detail", args=[vacancy_a.pk]))
    html = response.content.decode()
    assert "Siti Nuraini" in html
    assert f'data-testid="decide-{referral_a.pk}"' in html
    assert referral_a.job_seeker.nik not in html
    assert "081234567890" in html  # she consented


def test_hiring_from_the_page(employer_client, vacancy_a, referral_a):
    response = employer_client.post(
        reverse("placements:referral-decide", args=[referral_a.pk]),
        {"decision": "hired", "start_date": TODAY.isoformat(), "wage": 5_300_000},
    )
    assert response.status_code == 302
    assert Referral.objects.get(pk=referral_a.pk).status == "hired"
    assert Placement.objects.get(referral=referral_a).wage == 5_300_000


def test_a_refused_decision_is_explained_on_the_page(employer_client, vacancy_a, referral_a):
    response = employer_client.post(
        reverse("placements:referral-decide", args=[referral_a.pk]),
        {"decision": "hired"},
        follow=True,
    )
    assert Referral.objects.get(pk=referral_a.pk).status == "referred"
    assert list(response.context["messages"])


def test_the_decision_needs_the_csrf_token(client, world, referral_a):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.employer_a)
    response = browser.post(
        reverse("placements:referral-decide", args=[referral_a.pk]), {"decision": "rejected"}
    )
    assert response.status_code == 403
    assert Referral.objects.get(pk=referral_a.pk).status == "referred"


def test_closing_from_the_page(employer_client, vacancy_a):
    employer_client.post(
        reverse("placements:vacancy-close", args=[vacancy_a.pk]), {"reason": "cancelled"}
    )
    vacancy_a.refresh_from_db()
    assert (vacancy_a.status, vacancy_a.close_reason) == ("closed", "cancelled")


def test_a_key_is_shown_once_when_issued_and_can_be_revoked(employer_client, world):
    url = reverse("placements:apikey-list")
    response = employer_client.post(url, {"name": "SAP HR", "days": 90})
    assert response.status_code == 200
    raw = response.context["new_key"]
    assert raw.startswith("vk_") and raw in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    key = ApiKey.objects.get(user=world.employer_a)
    assert key.name == "SAP HR" and key.expires_at is not None
    again = employer_client.get(url).content.decode()
    assert raw not in again and key.prefix in again
    employer_client.post(reverse("placements:apikey-revoke", args=[key.pk]))
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_a_user_cannot_revoke_someone_elses_key(client, world):
    from vokasi.auth import api_key_issue

    key, _raw = api_key_issue(user=world.employer_b)
    client.force_login(world.employer_a)
    assert client.post(reverse("placements:apikey-revoke", args=[key.pk])).status_code == 404
    key.refresh_from_db()
    assert key.revoked_at is None


def test_only_company_users_have_the_key_page(client, world):
    client.force_login(world.officer_a)
    assert client.get(reverse("placements:apikey-list")).status_code == 403


def test_the_placement_list(employer_client, world, vacancy_a, person_a):
    factories.placement(vacancy_a, person_a, wage=5_100_000)
    html = employer_client.get(reverse("placements:placement-list")).content.decode()
    assert "Siti Nuraini" in html
    assert "Rp 5.100.000" in html


def test_the_home_page_counts_candidates_awaiting_a_decision(employer_client, referral_a):
    response = employer_client.get("/")
    assert "kandidat pengantar kerja menunggu keputusan Anda" in response.content.decode()
    task = next(t for t in response.context["tasks"] if t.count == 1)
    assert task.url == reverse("placements:candidates-awaiting-decision")


def test_a_new_vacancy_opens_today_by_default(employer_client):
    form = employer_client.get(reverse("placements:vacancy-create")).context["form"]
    assert form.initial["opens_on"] == TODAY
