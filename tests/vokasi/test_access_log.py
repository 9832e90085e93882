"""Who viewed or exported personal data: one AccessLog row per request that shows people,
none for pages that do not; and the log costs one insert, not one per person."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.reports import data
from tests.reports.test_funnel import people  # noqa: F401  (the funnel's people fixture)
from trainees.models import JobSeeker
from vokasi.auth import api_key_issue
from vokasi.models import AccessLog

pytestmark = pytest.mark.django_db


def only_log() -> AccessLog:
    (row,) = AccessLog.objects.all()
    return row


def test_opening_a_persons_page_is_logged_with_who_what_and_where(client, world):
    person = factories.job_seeker(world.office_a)
    client.force_login(world.officer_a)
    url = reverse("trainees:job-seeker-detail", args=[person.pk])
    assert client.get(url, REMOTE_ADDR="10.1.2.3").status_code == 200
    row = only_log()
    assert (row.user, row.username, row.action) == (world.officer_a, "officer_a", "view")
    assert (row.target, row.object_id, row.people) == ("trainees.jobseeker", str(person.pk), 1)
    assert (row.path, row.ip, row.via_api) == (url, "10.1.2.3", False)


def test_printing_the_card_is_logged(client, world):
    person = factories.job_seeker(world.office_a)
    client.force_login(world.officer_a)
    assert client.get(reverse("trainees:job-seeker-card", args=[person.pk])).status_code == 200
    assert only_log().object_id == str(person.pk)


def test_a_person_outside_the_office_is_not_found_and_not_logged(client, world):
    other = factories.job_seeker(world.office_b)
    client.force_login(world.officer_a)
    url = reverse("trainees:job-seeker-detail", args=[other.pk])
    assert client.get(url).status_code == 404
    assert not AccessLog.objects.exists()


def test_the_api_detail_and_list_are_logged_for_the_keys_owner(api, world):
    first = factories.job_seeker(world.office_a)
    factories.job_seeker(world.office_a)
    _key, raw = api_key_issue(user=world.officer_a)
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get(f"/api/v1/job-seekers/{first.pk}/").status_code == 200
    assert api.get("/api/v1/job-seekers/", {"status": "active"}).status_code == 200
    detail, listing = AccessLog.objects.order_by("id")
    assert (detail.user, detail.action, detail.object_id, detail.via_api) == (
        world.officer_a,
        "view",
        str(first.pk),
        True,
    )
    assert (listing.action, listing.people, listing.filters) == ("list", 2, "status=active")


def test_downloading_a_cohorts_results_file_with_niks_is_logged(client, world):
    cohort = factories.cohort(factories.programme(world.provider_a))
    for _ in range(3):
        factories.enrollment(cohort, factories.job_seeker(world.office_a))
    client.force_login(world.trainer_a)
    url = reverse("trainees:cohort-results-template", args=[cohort.pk])
    assert client.get(url).status_code == 200
    row = only_log()
    assert (row.action, row.target, row.object_id, row.people) == (
        "download",
        "cohort results file",
        str(cohort.pk),
        3,
    )


def test_a_link_and_match_drill_down_showing_people_is_logged(client, world):
    market = data.build(world)
    client.force_login(market.world.officer_a)
    url = reverse("reports:link-and-match-detail", args=["skill", "LAS-SMAW"])
    assert client.get(url, {"from": "2026-01-01", "to": "2026-03-31"}).status_code == 200
    row = only_log()
    assert (row.action, row.target, row.object_id, row.people) == (
        "view",
        "link and match: people skill",
        "LAS-SMAW",
        3,
    )
    assert "from=2026-01-01" in row.filters


def test_the_same_drill_down_for_a_trainer_shows_no_people_and_is_not_logged(client, world):
    data.build(world)
    client.force_login(world.trainer_a)
    url = reverse("reports:link-and-match-detail", args=["skill", "LAS-SMAW"])
    assert client.get(url, {"from": "2026-01-01", "to": "2026-03-31"}).status_code == 200
    assert not AccessLog.objects.exists()


def test_the_funnel_drill_down_to_people_is_logged_but_the_funnel_itself_is_not(
    client,
    world,
    people,  # noqa: F811
):
    client.force_login(world.officer_a)
    url = reverse("reports:funnel") + "?from=2026-01-01&to=2026-06-30"
    assert client.get(url).status_code == 200
    assert not AccessLog.objects.exists()
    assert client.get(url + "&stage=placed").status_code == 200
    row = only_log()
    assert (row.target, row.object_id, row.people) == ("funnel: people", "placed", 1)


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "placements:vacancy-list",
        "trainees:programme-list",
        "trainees:cohort-list",
        "reports:index",
        "trainees:job-seeker-import-template",
    ],
)
def test_pages_without_personal_data_are_not_logged(client, world, name):
    client.force_login(world.officer_a)
    assert client.get(reverse(name)).status_code == 200
    assert not AccessLog.objects.exists()


def test_the_job_seeker_list_page_does_not_grow_in_queries_with_its_rows(
    client, world, django_assert_max_num_queries
):
    for _ in range(3):
        factories.job_seeker(world.office_a)
    client.force_login(world.officer_a)
    url = reverse("trainees:job-seeker-list")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(20):
        factories.job_seeker(world.office_a)
    with django_assert_max_num_queries(len(few)):
        client.get(url)


def test_the_api_list_logs_once_per_request_whatever_the_page_size(
    api, world, django_assert_max_num_queries
):
    for _ in range(3):
        factories.job_seeker(world.office_a)
    api.force_authenticate(world.officer_a)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/job-seekers/")
    for _ in range(20):
        factories.job_seeker(world.office_a)
    with django_assert_max_num_queries(len(few)):
        body = api.get("/api/v1/job-seekers/", {"page_size": 100}).json()
    assert len(body["results"]) == JobSeeker.objects.count() == 23
    assert list(AccessLog.objects.values_list("people", flat=True).order_by("id")) == [3, 23]
