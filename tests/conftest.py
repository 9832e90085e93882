"""Shared fixtures: two of every organisation and a user of every role in each.

"a" and "b" are always different organisations, so every scoping test can ask:
does the user of A see B's things? (It must not.)
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from tests import factories
from vokasi.models import Company, LabourOffice, TrainingProvider, User


@dataclass
class World:
    office_a: LabourOffice
    office_b: LabourOffice
    provider_a: TrainingProvider
    provider_b: TrainingProvider
    company_a: Company
    company_b: Company
    officer_a: User
    officer_b: User
    trainer_a: User
    trainer_b: User
    employer_a: User
    employer_b: User
    admin: User


@pytest.fixture
def world(db) -> World:
    office_a = factories.labour_office("3672", "36.72", name="Disnaker Kota Cilegon")
    office_b = factories.labour_office("3673", "36.73", name="Disnaker Kota Serang")
    provider_a = factories.training_provider("BBPVP-SRG", name="BBPVP Serang")
    provider_b = factories.training_provider("BLK-CLG", name="UPTD BLK Cilegon", kind="blk")
    company_a = factories.company(name="PT Baja Selat Sunda")
    company_b = factories.company(name="PT Logistik Merak Utama")
    return World(
        office_a=office_a,
        office_b=office_b,
        provider_a=provider_a,
        provider_b=provider_b,
        company_a=company_a,
        company_b=company_b,
        officer_a=factories.officer(office_a, username="officer_a"),
        officer_b=factories.officer(office_b, username="officer_b"),
        trainer_a=factories.trainer(provider_a, username="trainer_a"),
        trainer_b=factories.trainer(provider_b, username="trainer_b"),
        employer_a=factories.employer(company_a, username="employer_a"),
        employer_b=factories.employer(company_b, username="employer_b"),
        admin=factories.admin(username="admin_user"),
    )


@pytest.fixture
def api():
    """An API client; ``api.as_user(user)`` authenticates it (None: anonymous)."""

    class Client(APIClient):
        def as_user(self, user: User | None) -> Client:
            self.force_authenticate(user=user)
            return self

    return Client()


@pytest.fixture(autouse=True)
def _reference_data_survives_flush(request):
    """Transactional tests (browser, threads) end by flushing every table, which also
    removes the reference data the migrations loaded. Load it again when it is gone."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    from vokasi.models import EducationLevel
    from vokasi.reference_loader import load

    if not EducationLevel.objects.exists():
        load(apps)


# Every id sequence starts high, and each table at its own height, so that an id printed
# with a thousands separator ("100.007") or taken from the wrong table breaks a test
# instead of a page in production, where ids pass 999 on the first day.
ID_SEQUENCE_START = 100_000
ID_SEQUENCE_STEP = 10_000


def start_id_sequences_high(connection) -> None:
    from django.apps import apps

    auto = {"AutoField", "BigAutoField", "SmallAutoField"}
    tables = sorted(
        {
            (model._meta.db_table, model._meta.pk.column)
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed
            and not model._meta.proxy
            and model._meta.pk.get_internal_type() in auto
        }
    )
    with connection.cursor() as cursor:
        for index, (table, column) in enumerate(tables):
            start = ID_SEQUENCE_START + index * ID_SEQUENCE_STEP
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT MAX({connection.ops.quote_name(column)}) FROM {quoted}")
            current = cursor.fetchone()[0] or 0
            start = max(start, current + 1)
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s, false)",
                    [quoted, column, start],
                )
            elif connection.vendor == "sqlite":
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, start - 1]
                )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            start_id_sequences_high(connection)
    yield
    # A thread of a test (a live server's, a concurrency test's) may still hold a connection
    # to the test database, which PostgreSQL then refuses to drop: end those sessions first.
    with django_db_blocker.unblock():
        connections.close_all()
        if connections["default"].vendor == "postgresql":
            with connections["default"].cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
