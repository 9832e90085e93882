"""The login lockout keys on the client's address, behind the proxy and directly."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import PASSWORD
from vokasi.auth import client_ip

pytestmark = pytest.mark.django_db
PROXY = "127.0.0.1"


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def attempt(client, username, password, *, client_address, proxied):
    meta = {"REMOTE_ADDR": PROXY if proxied else client_address}
    if proxied:
        meta["HTTP_X_FORWARDED_FOR"] = client_address
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def test_behind_the_proxy_one_clients_failures_do_not_lock_out_another(
    client, world, lockout, settings
):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    name = world.officer_a.username
    for _ in range(3):
        attempt(client, name, "wrong", client_address="203.0.113.7", proxied=True)
    locked = attempt(client, name, PASSWORD, client_address="203.0.113.7", proxied=True)
    assert locked.status_code == 429
    # The same user from another address, through the same proxy, still gets in.
    other = attempt(client, name, PASSWORD, client_address="198.51.100.20", proxied=True)
    assert other.status_code == 302


def test_directly_a_forged_forwarded_for_does_not_escape_the_lockout(client, world, lockout):
    name = world.officer_a.username
    for n in range(3):
        client.post(
            reverse("login"),
            {"username": name, "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    forged = client.post(
        reverse("login"),
        {"username": name, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="10.9.9.9",
    )
    assert forged.status_code == 429


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.7", PROXY),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "10.0.0.1, 203.0.113.7", "203.0.113.7"),  # the left entry is the client's claim
        (2, "203.0.113.7, 192.0.2.1", "203.0.113.7"),
        (2, "203.0.113.7", PROXY),  # fewer entries than proxies: not vouched for
        (1, "not-an-address", PROXY),
        (1, "", PROXY),
    ],
)
def test_the_client_address_is_read_from_our_proxies_only(settings, count, forwarded, expected):
    settings.AXES_IPWARE_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
