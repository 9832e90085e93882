"""Schemathesis over the whole published schema, with a key of each role.

A bounded number of generated requests per operation and role: none may answer 5xx, every
answer must match the schema (status documented, body shape, content type), and no answer
to one organisation may carry another's data. Organisation B's objects carry markers that
organisation A's users must never see; employers never see a NIK at all.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories
from vokasi.auth import api_key_issue

pytestmark = pytest.mark.django_db

#: Examples per operation, role and generation mode: enough to reach the branches
#: (filters, bodies, ids) while the whole fuzz stays well under two minutes.
MAX_EXAMPLES = 4
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ROLES = ["officer_a", "trainer_a", "employer_a", "admin"]

#: Markers on B's objects; A's users must never receive them.
COMPANY_B = "ZQB-COMPANY-MARK"
OFFICE_B = "Zqbofficemark"
PROVIDER_B = "ZQB-PROVIDER-MARK"


@pytest.fixture
def published_schema(client) -> dict:
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.fixture
def same_connection():
    # Requests go through the real WSGI handler, which would close the test's connection
    # (and its transaction) at each request; the test client avoids that the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def two_of_everything(world):
    """A's pipeline and B's, B's objects marked so a leak is visible in any response."""
    for office, company, provider, mark in (
        (world.office_a, world.company_a, world.provider_a, ""),
        (world.office_b, world.company_b, world.provider_b, "B"),
    ):
        region = office.region_id + ".01"
        person = factories.job_seeker(
            office,
            region_id=region,
            name=f"{OFFICE_B} Satu" if mark else "Siti Nuraini",
            address=f"Jl. {OFFICE_B}" if mark else "Jl. Anyer",
            consent_share_contact=True,
        )
        programme = factories.programme(provider, name=f"{PROVIDER_B} Las" if mark else "Juru Las")
        cohort = factories.cohort(programme, name=f"{PROVIDER_B} 1" if mark else "Angkatan 1")
        factories.enrollment(cohort, person)
        vacancy = factories.vacancy(
            company,
            title=f"{COMPANY_B} Welder" if mark else "Welder",
            external_ref=f"{COMPANY_B}-1" if mark else "HR-A-1",
        )
        other = factories.job_seeker(office, region_id=region)
        factories.referral(vacancy, other)
        factories.placement(vacancy, factories.job_seeker(office, region_id=region))
        factories.apprenticeship(vacancy, factories.job_seeker(office, region_id=region))
    world.company_b.contact_name = f"{COMPANY_B} HR"
    world.company_b.save()
    from trainees.models import JobSeeker

    niks = list(JobSeeker.objects.values_list("nik", flat=True))
    b_niks = list(JobSeeker.objects.filter(office=world.office_b).values_list("nik", flat=True))
    return {
        "officer_a": [OFFICE_B, *b_niks],
        "trainer_a": [OFFICE_B, PROVIDER_B, *b_niks],
        "employer_a": [COMPANY_B, OFFICE_B, PROVIDER_B, *niks],
        "admin": [],
    }


#: The public board shows every company's open vacancies, its name and titles included,
#: to anyone: there a leak is what is never public (a company's own reference, contact).
PUBLIC = "/api/v1/public/"
NEVER_PUBLIC = [f"{COMPANY_B}-1", f"{COMPANY_B} HR", "HR-A-1"]


def no_leak(forbidden: list[str]):
    def check(ctx, response, case):
        body = response.content  # bytes: exports are binary
        markers = forbidden
        if case.formatted_path.startswith(PUBLIC):
            markers = [m for m in forbidden if m != COMPANY_B] + NEVER_PUBLIC
        for marker in markers:
            assert marker.encode() not in body, f"{case.method} {case.formatted_path}: {marker}"
        return None

    check.__name__ = "no_leak"
    return check


@pytest.fixture
def fuzz_schema(published_schema):
    schema = schemathesis.openapi.from_dict(published_schema)
    schema.app = WSGIHandler()
    return schema


@override_settings(VOKASI_API_RATE="1000000/minute")
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("role", ROLES)
def test_fuzz_the_whole_api_with_each_roles_key(
    world, fuzz_schema, two_of_everything, same_connection, role, mode
):
    """Every operation of the published schema, a bounded number of examples each."""
    _key, raw = api_key_issue(user=getattr(world, role), name="fuzz")
    headers = {"Authorization": f"Token {raw}"}
    checks = [*CHECKS, no_leak(two_of_everything[role])]
    operations = [result.ok() for result in fuzz_schema.get_all_operations()]
    assert len(operations) >= 45, "the whole schema, not a part of it"

    cases = 0
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],  # report, do not shrink: stays fast
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            nonlocal cases
            cache.clear()
            cases += 1
            case.call_and_validate(headers=headers, checks=checks)

        try:
            run()
        except Unsatisfiable:
            # Nothing in this operation can be made invalid (e.g. a GET without parameters).
            if mode != GenerationMode.NEGATIVE:
                failures.append(f"{operation.label}: no valid example")
        except (Exception, BaseExceptionGroup) as error:  # every failure, not only the first
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
    print(f"api fuzz {role} {mode.value}: {len(operations)} operations, {cases} cases")
    assert cases >= len(operations)


# What the fuzz found, pinned so it stays fixed whatever the generator draws next time.


def test_a_programme_filter_beyond_the_database_integer_answers_400(api, world):
    response = api.as_user(world.officer_a).get(
        "/api/v1/cohorts/", {"programme": "-1.7976931348623155e+308"}
    )
    assert response.status_code == 400
    assert "programme" in response.json()


def test_a_refused_report_export_answers_in_json(api, world):
    response = api.as_user(world.employer_a).get("/api/v1/reports/outcomes/", {"format": "csv"})
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_a_region_is_found_by_its_dotted_code(api, world):
    response = api.as_user(world.officer_a).get("/api/v1/regions/36.72.04/")
    assert response.status_code == 200
    assert response.json()["code"] == "36.72.04"


def test_an_active_registration_has_an_empty_end_reason_in_the_schema(published_schema):
    field = published_schema["components"]["schemas"]["JobSeeker"]["properties"]["end_reason"]
    assert {"$ref": "#/components/schemas/BlankEnum"} in field["oneOf"]
