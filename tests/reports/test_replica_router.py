"""``REPORTS_DATABASE_URL``: the reports read from a replica. Here the ``reports`` alias
mirrors the test database (Django's TEST MIRROR), so the rows are the same and the test
can see which connection each query took: the reports' reads go to the replica; logins,
sessions, the access log, jobs and every write stay on the primary."""

from __future__ import annotations

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from placements.models import Vacancy
from reports.db import REPORTS, ReportsRouter, report_reads
from reports.ipk import as_json, ipk_tables
from reports.scope import scope_for
from tests.reports.test_ipk_tables import MARCH, office  # noqa: F401  (the hand-built March)
from trainees.models import JobSeeker
from vokasi.models import AccessLog, User

pytestmark = [
    pytest.mark.django_db(transaction=True, databases=["default", REPORTS]),
    pytest.mark.usefixtures("office"),
]

IPK = {"kind": "month", "year": "2026", "month": "3"}


@pytest.fixture
def replica(settings):
    settings.VOKASI_REPORTS_DATABASE = REPORTS


def tables_read(queries) -> str:
    return " ".join(query["sql"] for query in queries.captured_queries)


def test_the_router_sends_marked_reads_of_counted_records_to_the_replica(replica):
    router = ReportsRouter()
    assert router.db_for_read(JobSeeker) is None  # not inside a report
    with report_reads():
        assert router.db_for_read(JobSeeker) == REPORTS
        assert router.db_for_read(Vacancy) == REPORTS
        for primary_only in (User, AccessLog):
            assert router.db_for_read(primary_only) is None
        assert router.db_for_write(JobSeeker) == "default"
    assert router.allow_migrate(REPORTS, "trainees") is False
    assert router.allow_migrate("default", "trainees") is None


def test_without_a_replica_nothing_is_routed(settings):
    settings.VOKASI_REPORTS_DATABASE = None
    with report_reads():
        assert ReportsRouter().db_for_read(JobSeeker) is None


def test_the_ipk_page_reads_the_replica_and_logs_in_on_the_primary(
    client,
    world,
    replica,
):
    client.force_login(world.officer_a)
    with (
        CaptureQueriesContext(connections[REPORTS]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get("/reports/ipk/", IPK)
    assert response.status_code == 200
    assert "trainees_jobseeker" in tables_read(on_replica)
    assert "placements_vacancy" in tables_read(on_replica)
    assert "trainees_jobseeker" not in tables_read(on_primary)
    assert "django_session" in tables_read(on_primary)
    assert "django_session" not in tables_read(on_replica)


def test_the_numbers_are_the_same_from_the_replica(world, settings):
    scope = scope_for(world.officer_a)
    settings.VOKASI_REPORTS_DATABASE = None
    primary = as_json(MARCH, ipk_tables(MARCH, scope))
    settings.VOKASI_REPORTS_DATABASE = REPORTS
    with CaptureQueriesContext(connections[REPORTS]) as on_replica:
        replica = as_json(MARCH, ipk_tables(MARCH, scope))
    assert on_replica.captured_queries
    assert replica == primary


def test_the_api_report_reads_the_replica(api, world, replica):
    client = api.as_user(world.officer_a)
    with CaptureQueriesContext(connections[REPORTS]) as on_replica:
        response = client.get("/api/v1/reports/outcomes/", {"by": "programme"})
    assert response.status_code == 200
    assert "trainees_enrollment" in tables_read(on_replica)
    assert not any(q["sql"].startswith("INSERT") for q in on_replica.captured_queries)


def test_a_drill_down_reads_the_replica_and_logs_the_access_on_the_primary(
    client,
    world,
    replica,
):
    client.force_login(world.officer_a)
    with CaptureQueriesContext(connections[REPORTS]) as on_replica:
        response = client.get(
            "/reports/funnel/", {"from": "2026-01-01", "to": "2026-06-30", "stage": "registered"}
        )
    assert response.status_code == 200
    assert "trainees_jobseeker" in tables_read(on_replica)
    assert "vokasi_accesslog" not in tables_read(on_replica)
    assert AccessLog.objects.filter(user=world.officer_a).exists()


def test_a_report_export_job_reads_the_replica_too(client, world, replica):
    from tests.vokasi.test_jobs import work
    from vokasi.jobs.models import Job

    client.force_login(world.officer_a)
    response = client.get("/reports/ipk/", {"kind": "year", "year": "2026", "format": "xlsx"})
    assert response.status_code == 302  # the yearly workbook: always a worker's
    with CaptureQueriesContext(connections[REPORTS]) as on_replica:
        work()
    assert Job.objects.get().status == "done"
    assert "trainees_jobseeker" in tables_read(on_replica)
    assert "vokasi_job" not in tables_read(on_replica)
