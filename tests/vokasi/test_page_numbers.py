"""Any ?page= a URL can carry answers a page or 404, never a 500 (pages and API)."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

PAGES = ["99999999999999999999", "9223372036854775808", "100000000", "-5", "0", "1e3", "abc"]

PAGE_LISTS = {
    "officer_a": ["/job-seekers/", "/cohorts/", "/programmes/", "/vacancies/", "/placements/",
                  "/follow-ups/due/"],
    "employer_a": ["/vacancies/", "/placements/"],
    "admin": ["/audit/", "/job-seekers/"],
}  # fmt: skip
API_LISTS = [
    "/api/v1/skills/",
    "/api/v1/regions/",
    "/api/v1/job-seekers/",
    "/api/v1/vacancies/",
    "/api/v1/referrals/",
    "/api/v1/placements/",
    "/api/v1/apprenticeships/",
    "/api/v1/programmes/",
    "/api/v1/cohorts/",
]


@pytest.fixture
def some_people(world):
    for _ in range(3):
        factories.job_seeker(world.office_a)


@pytest.mark.parametrize("page", PAGES)
def test_list_pages_answer_a_page_or_404(client, world, some_people, page):
    for role, urls in PAGE_LISTS.items():
        client.force_login(getattr(world, role))
        for url in urls:
            response = client.get(url, {"page": page})
            assert response.status_code in (200, 404), (role, url, response.status_code)


@pytest.mark.parametrize("page", PAGES)
def test_api_lists_answer_a_page_or_404(api, world, some_people, page):
    client = api.as_user(world.admin)
    for url in API_LISTS:
        response = client.get(url, {"page": page, "page_size": page})
        assert response.status_code in (200, 404), (url, response.status_code)


def test_a_page_past_the_end_of_the_job_seeker_list_is_not_a_server_error(client, world):
    factories.job_seeker(world.office_a)
    client.force_login(world.officer_a)
    assert client.get("/job-seekers/", {"page": "99999999999999999999"}).status_code == 404
    assert client.get("/job-seekers/", {"page": "3"}).status_code in (200, 404)
    assert client.get("/job-seekers/", {"page": "1"}).status_code == 200
