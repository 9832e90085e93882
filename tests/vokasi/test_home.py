"""Every role logs in and lands on its own home page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.factories import PASSWORD
from vokasi.jobs.models import Job


@pytest.mark.parametrize(
    ("who", "heading"),
    [
        ("officer_a", "Labour office"),
        ("trainer_a", "Training provider"),
        ("employer_a", "Company"),
        ("admin", "Administrator"),
    ],
)
def test_each_role_sees_its_home_page(client, world, who, heading):
    user = getattr(world, who)
    assert client.login(username=user.username, password=PASSWORD)
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert heading in response.text
    if user.organisation:
        assert str(user.organisation) in response.text


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_health_check_answers_without_login(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_reference_data_api_needs_a_login(api, db):
    assert api.get("/api/v1/skills/").status_code in (401, 403)


def test_reference_data_api_lists_skills_with_their_vocation(api, world):
    response = api.as_user(world.employer_a).get("/api/v1/skills/?page_size=1000")
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()["results"]}
    assert rows["LAS-SMAW"]["vocation"]
    response = api.get("/api/v1/education-levels/")
    assert [row["code"] for row in response.json()][:5] == ["none", "sd", "smp", "sma", "smk"]


def test_the_api_schema_is_published(api, world):
    response = api.as_user(world.officer_a).get("/api/schema/?format=json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def officers_home_statements(client, world) -> int:
    """The statements of the officer's home, less the planner settings PostgreSQL sets."""
    client.force_login(world.officer_a)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return len([q for q in ctx.captured_queries if "set_config" not in q["sql"]])


def test_the_officers_home_reads_a_fixed_number_of_statements(client, world):
    """Its tasks are counted in SQL and its lists are read whole: more agreements, jobs
    and people waiting add no statement (session, user and office, six counts, the
    agreements with their scopes, targets, events and evaluations, the register's two
    counts, the jobs)."""
    today = timezone.localdate()

    def more():
        factories.agreement(world.office_a, valid_to=today + datetime.timedelta(days=30))
        Job.objects.create(owner=world.officer_a, kind="job_seekers_import", status="done")
        factories.job_seeker(world.office_a, registered_on=today - datetime.timedelta(days=400))

    more()
    first = officers_home_statements(client, world)
    for _ in range(3):
        more()
    assert officers_home_statements(client, world) == first == 16
