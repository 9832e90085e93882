"""Repeated wrong passwords lock that username out for a while (django-axes)."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_username_is_locked_after_repeated_failures_even_with_the_right_password(
    client, world, lockout
):
    name = world.officer_a.username
    for _ in range(2):
        assert attempt(client, name, "wrong").status_code == 200  # the form again
    assert attempt(client, name, "wrong").status_code == 429
    locked = attempt(client, name, PASSWORD)
    assert locked.status_code == 429
    assert b"locked-out" in locked.content


def test_other_users_are_not_locked_by_someone_elses_failures(client, world, lockout):
    for _ in range(3):
        attempt(client, world.officer_a.username, "wrong")
    response = attempt(client, world.officer_b.username, PASSWORD)
    assert response.status_code == 302


def test_a_successful_login_resets_the_count(client, world, lockout):
    name = world.officer_a.username
    attempt(client, name, "wrong")
    attempt(client, name, "wrong")
    assert attempt(client, name, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    attempt(client, name, "wrong")
    assert attempt(client, name, PASSWORD).status_code == 302
