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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Keep the serialized reference data reachable from every connection wrapper.

    Django restores it for ``serialized_rollback`` tests from an attribute of the
    connection object, but the browser tests can meet a fresh wrapper (after other tests
    ran, and with Playwright's event loop in the thread) that lacks it: the reference data
    then vanished after the first browser test on SQLite. Holding it on the wrapper class
    makes every instance see it.
    """
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            type(connections[alias])._test_serialized_contents = contents
    yield
