"""The published schema is valid OpenAPI 3, documents the employer API, and the API keeps
its promises under a property-based fuzz (schemathesis) with an employer's key."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from openapi_spec_validator import validate
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories
from vokasi.auth import api_key_issue

EMPLOYER_PATHS = r"^/api/v1/(vacancies|referrals|placements|apprenticeships|company)/"


@pytest.fixture
def published_schema(client, db) -> dict:
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_published_schema_is_valid_openapi_3(published_schema):
    assert published_schema["openapi"].startswith("3.")
    validate(published_schema)


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/api/v1/company/", "get"),
        ("/api/v1/company/", "patch"),
        ("/api/v1/vacancies/", "get"),
        ("/api/v1/vacancies/", "post"),
        ("/api/v1/vacancies/{id}/", "get"),
        ("/api/v1/vacancies/{id}/", "patch"),
        ("/api/v1/vacancies/{id}/close/", "post"),
        ("/api/v1/vacancies/{id}/referrals/", "get"),
        ("/api/v1/referrals/{id}/decision/", "post"),
        ("/api/v1/placements/", "get"),
        ("/api/v1/placements/{id}/", "get"),
        ("/api/v1/placements/{id}/follow-ups/", "post"),
        ("/api/v1/apprenticeships/", "get"),
        ("/api/v1/apprenticeships/{id}/", "get"),
        ("/api/v1/apprenticeships/{id}/finish/", "post"),
    ],
)
def test_every_employer_endpoint_is_documented_with_its_errors(published_schema, path, method):
    operation = published_schema["paths"][path][method]
    assert operation.get("summary")
    assert {"200", "401", "429"} & set(operation["responses"])
    assert "401" in operation["responses"]
    if method != "get":
        assert "400" in operation["responses"]
    if "{id}" in path:
        assert "404" in operation["responses"]


def test_the_schema_documents_enums_and_the_key_scheme(published_schema):
    components = published_schema["components"]
    assert set(components["schemas"]["DecisionEnum"]["enum"]) == {
        "interview",
        "hired",
        "rejected",
        "no_show",
    }
    assert set(components["schemas"]["KindEnum"]["enum"]) == {"job", "apprenticeship"}
    assert components["securitySchemes"]["tokenAuth"]["type"] == "apiKey"
    vacancy_post = published_schema["paths"]["/api/v1/vacancies/"]["post"]
    examples = vacancy_post["requestBody"]["content"]["application/json"]["examples"]
    assert examples


def test_the_interactive_docs_are_served_without_a_cdn(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "drf_spectacular_sidecar" in html
    assert "cdn" not in html.lower()


@pytest.fixture
def fuzz_schema(published_schema):
    # Matching is the labour office's; an employer key only ever gets 403 there.
    schema = (
        schemathesis.openapi.from_dict(published_schema)
        .include(path_regex=EMPLOYER_PATHS)
        .exclude(path_regex=r"/matches/$")
    )
    schema.app = WSGIHandler()
    return schema


@pytest.fixture
def employer_headers(world):
    vacancy = factories.vacancy(world.company_a)
    person = factories.job_seeker(world.office_a)
    factories.referral(vacancy, person)
    factories.placement(vacancy, person)
    factories.apprenticeship(vacancy, factories.job_seeker(world.office_a))
    _key, raw = api_key_issue(user=world.employer_a, name="fuzz")
    return {"Authorization": f"Token {raw}"}


@pytest.fixture
def same_connection():
    # Requests go through the real WSGI handler, which would close the test's connection
    # (and its transaction) at each request; the test client avoids that the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


CHECKS = [content_type_conformance, status_code_conformance, response_schema_conformance]


@override_settings(VOKASI_API_RATE="100000/minute")
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_fuzz_the_employer_api_with_an_employer_key(
    fuzz_schema, employer_headers, same_connection, mode
):
    """Bounded examples per operation: no 5xx, every answer as documented."""
    operations = [result.ok() for result in fuzz_schema.get_all_operations()]
    # 16 employer operations (the company's reporting ledger among them) and 7 of the
    # labour office (an employer key gets 403 there: matching, referring, approving,
    # recording a placement, verifying, taking down).
    assert len(operations) == 23

    exercised = 0
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=10,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            case.call_and_validate(headers=employer_headers, checks=CHECKS)

        try:
            run()
        except Unsatisfiable:
            # Nothing in this operation can be made invalid (e.g. GET /company/).
            assert mode == GenerationMode.NEGATIVE, operation.label
            continue
        exercised += 1
    assert exercised >= 10
