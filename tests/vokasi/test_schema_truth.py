"""The published schema describes the answers the API really gives."""

from __future__ import annotations

import json

import pytest
from openapi_schema_validator import OAS30Validator

from tests import factories
from tests.trainees.results_files import running_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client) -> dict:
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    return json.loads(response.content)


def validate(schema: dict, path: str, method: str, status: int, body) -> None:
    answer = schema["paths"][path][method]["responses"][str(status)]
    shape = answer["content"]["application/json"]["schema"]
    OAS30Validator({**shape, "components": schema["components"]}).validate(body)


def test_the_candidates_of_a_vacancy_answer_the_paginated_shape_the_schema_declares(
    api, world, schema
):
    vacancy = factories.vacancy(world.company_a)
    factories.job_seeker(world.office_a)
    response = api.as_user(world.officer_a).get(f"/api/v1/vacancies/{vacancy.pk}/matches/")
    assert response.status_code == 200
    assert set(response.json()) == {"count", "next", "previous", "results"}
    validate(schema, "/api/v1/vacancies/{id}/matches/", "get", 200, response.json())


def test_the_vacancies_for_a_person_answer_the_paginated_shape_too(api, world, schema):
    person = factories.job_seeker(world.office_a)
    factories.vacancy(world.company_a)
    response = api.as_user(world.officer_a).get(f"/api/v1/job-seekers/{person.pk}/vacancies/")
    assert response.status_code == 200
    validate(schema, "/api/v1/job-seekers/{id}/vacancies/", "get", 200, response.json())


@pytest.mark.parametrize("body", [{}, {"rows": "abc"}, {"rows": [{"nik": "1"}]}])
def test_every_400_of_the_results_upload_has_the_documented_shape(api, world, schema, body):
    cohort = running_cohort(world, trainees=1)
    response = api.as_user(world.trainer_a).post(
        f"/api/v1/cohorts/{cohort.pk}/results/", body, format="json"
    )
    assert response.status_code == 400
    validate(schema, "/api/v1/cohorts/{id}/results/", "post", 400, response.json())
