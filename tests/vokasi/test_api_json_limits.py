"""A hostile JSON body answers 400, never 500: nesting too deep, NUL in a string."""

from __future__ import annotations

import pytest

from tests import factories
from vokasi.api.parsers import MAX_DEPTH

pytestmark = pytest.mark.django_db


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize(
    ("url", "role"),
    [("/api/v1/vacancies/", "employer_a"), ("/api/v1/job-seekers/", "officer_a")],
)
def test_json_nested_fifty_thousand_levels_deep_answers_400(world, api, url, role):
    response = api.as_user(getattr(world, role)).generic(
        "POST", url, nested(50_000), content_type="application/json"
    )
    assert response.status_code == 400
    assert "detail" in response.json()


def test_json_just_too_deep_for_python_answers_400_as_well(world, api):
    body = '{"title": ' + nested(5_000) + "}"
    response = api.as_user(world.employer_a).generic(
        "POST", "/api/v1/vacancies/", body, content_type="application/json"
    )
    assert response.status_code == 400


def test_json_nested_beyond_the_limit_is_refused_before_any_view_sees_it(world, api):
    body = '{"rows": ' + nested(MAX_DEPTH + 1) + "}"
    response = api.as_user(world.officer_a).generic(
        "POST", "/api/v1/job-seekers/import/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert str(MAX_DEPTH) in response.json()["detail"]


def test_ordinary_json_still_parses(world, api):
    payload = factories.job_seeker_payload()
    response = api.as_user(world.officer_a).post("/api/v1/job-seekers/", payload, format="json")
    assert response.status_code == 201, response.json()
