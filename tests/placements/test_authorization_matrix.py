"""Every employer endpoint x every role x read/write, with the exact status.

Roles: anonymous, the employer of the company (employer_a), an employer of another
company (employer_b), an officer of the person's labour office (officer_a), an officer of
another office (officer_b), a trainer and an admin. Out of scope -> 404; a role that may
never do it -> 403; no credentials -> 401. Admins read everything but write nothing
here: vacancies and decisions belong to the company.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests import factories

TODAY = timezone.localdate()
ROLES = ["anonymous", "employer_a", "employer_b", "officer_a", "officer_b", "trainer_a", "admin"]

VACANCY = {
    "title": "Welder",
    "occupation": "7212",
    "openings": 2,
    "region": "36.72.04",
    "employment_type": "pkwt",
    "closes_on": (TODAY + datetime.timedelta(days=10)).isoformat(),
}

# (method, url template, body, expected status per role in ROLES order)
MATRIX = [
    ("get", "/api/v1/vacancies/", None, [401, 200, 200, 200, 200, 200, 200]),
    ("post", "/api/v1/vacancies/", VACANCY, [401, 201, 201, 403, 403, 403, 403]),
    ("get", "/api/v1/vacancies/{vacancy}/", None, [401, 200, 404, 200, 200, 200, 200]),
    (
        "patch",
        "/api/v1/vacancies/{vacancy}/",
        {"title": "Welder 3G"},
        [401, 200, 404, 403, 403, 403, 403],
    ),
    (
        "post",
        "/api/v1/vacancies/{vacancy}/close/",
        {"reason": "cancelled"},
        [401, 200, 404, 403, 403, 403, 403],
    ),
    ("get", "/api/v1/vacancies/{vacancy}/referrals/", None, [401, 200, 404, 200, 200, 403, 200]),
    (
        "post",
        "/api/v1/referrals/{referral}/decision/",
        {"decision": "interview"},
        [401, 200, 404, 403, 403, 403, 403],
    ),
    ("get", "/api/v1/placements/", None, [401, 200, 200, 200, 200, 403, 200]),
    ("get", "/api/v1/placements/{placement}/", None, [401, 200, 404, 200, 404, 403, 200]),
    (
        "post",
        "/api/v1/placements/{placement}/follow-ups/",
        {"checked_on": TODAY.isoformat(), "employed": True},
        [401, 201, 404, 201, 404, 403, 403],
    ),
    ("get", "/api/v1/apprenticeships/", None, [401, 200, 200, 200, 200, 403, 200]),
    (
        "get",
        "/api/v1/apprenticeships/{apprenticeship}/",
        None,
        [401, 200, 404, 200, 404, 403, 200],
    ),
    (
        "post",
        "/api/v1/apprenticeships/{apprenticeship}/finish/",
        {"outcome": "dropped", "hired": False, "finished_on": TODAY.isoformat()},
        [401, 200, 404, 403, 403, 403, 403],
    ),
    ("get", "/api/v1/company/", None, [401, 200, 200, 403, 403, 403, 403]),
    (
        "patch",
        "/api/v1/company/",
        {"contact_name": "Ibu Ratna"},
        [401, 200, 200, 403, 403, 403, 403],
    ),
]

CASES = [
    pytest.param(method, url, body, role, expected[i], id=f"{method} {url} as {role}")
    for method, url, body, expected in MATRIX
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("method", "url", "body", "role", "expected"), CASES)
def test_authorization_matrix(world, api, vacancy_a, referral_a, method, url, body, role, expected):
    person = referral_a.job_seeker
    placement = factories.placement(vacancy_a, person)
    apprenticeship = factories.apprenticeship(vacancy_a, factories.job_seeker(world.office_a))
    user = None if role == "anonymous" else getattr(world, role)
    client = api.as_user(user)
    path = url.format(
        vacancy=vacancy_a.pk,
        referral=referral_a.pk,
        placement=placement.pk,
        apprenticeship=apprenticeship.pk,
    )
    response = getattr(client, method)(path, body, format="json")
    assert response.status_code == expected, response.content


def test_an_officer_of_another_office_sees_no_referrals_of_this_office(
    world, api, vacancy_a, referral_a
):
    body = api.as_user(world.officer_b).get(f"/api/v1/vacancies/{vacancy_a.pk}/referrals/").json()
    assert body["count"] == 0


def test_lists_are_scoped_to_the_callers_company(world, api, vacancy_a, vacancy_b, person_a):
    factories.placement(vacancy_b, person_a)
    factories.apprenticeship(vacancy_b, factories.job_seeker(world.office_a))
    client = api.as_user(world.employer_a)
    for url in ("/api/v1/vacancies/", "/api/v1/placements/", "/api/v1/apprenticeships/"):
        for item in client.get(url).json()["results"]:
            assert item["company"]["id"] == world.company_a.pk, url
