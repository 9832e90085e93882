"""NUL characters answer 400 (or 404), never a 500 from PostgreSQL: path, query, form, JSON."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.models import Vacancy
from trainees.models import JobSeeker

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/skills/%00/",
        "/api/v1/regions/36.72%00/",
        "/api/v1/skills/?vocation=%00",
        "/api/v1/job-seekers/?nik=%00",
        "/api/v1/vacancies/?status=open%00",
        "/api/v1/skills/?%00=1",
    ],
)
def test_nul_in_an_api_path_or_query_answers_400(api, world, url):
    response = api.as_user(world.officer_a).get(url)
    assert response.status_code in (400, 404)
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "url", ["/job-seekers/?q=%00", "/job-seekers/?region=36.72%00", "/vacancies/%00/", "/x%00/"]
)
def test_nul_in_a_page_url_answers_400(client, world, url):
    client.force_login(world.officer_a)
    assert client.get(url).status_code in (400, 404)


def test_nul_in_a_page_form_answers_400_and_saves_nothing(client, world):
    client.force_login(world.employer_a)
    today = timezone.localdate()
    response = client.post(
        reverse("placements:vacancy-create"),
        {
            "title": "Teknisi",
            "kind": "job",
            "occupation": "7411\x00",
            "openings": 1,
            "region": "36.72.02",
            "employment_type": "pkwtt",
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert not Vacancy.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"name": "Siti\u0000"},
        {"region": "36.72.04\u0000"},
        {"skills": ["LAS-SMAW\u0000"]},
        {"education": "smk\u0000"},
        {"name\u0000": "x"},
    ],
)
def test_nul_in_a_json_string_answers_400(api, world, payload):
    from tests import factories

    body = {**factories.job_seeker_payload(), **payload}
    response = api.as_user(world.officer_a).post("/api/v1/job-seekers/", body, format="json")
    assert response.status_code == 400
    assert not JobSeeker.objects.exists()


def test_nul_in_a_vacancy_json_answers_400(api, world):
    today = timezone.localdate()
    body = {
        "kind": "job",
        "title": "Welder",
        "occupation": "7212\u0000",
        "openings": 1,
        "region": "36.72.04",
        "employment_type": "pkwt",
        "required_skills": ["LAS-SMAW\u0000"],
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=10)).isoformat(),
    }
    response = api.as_user(world.employer_a).post("/api/v1/vacancies/", body, format="json")
    assert response.status_code == 400
