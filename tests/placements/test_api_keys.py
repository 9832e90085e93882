"""API keys: shown once, stored hashed, revocable, expiring, marked when used; rate limited."""

from __future__ import annotations

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from vokasi.auth import api_key_issue, api_key_revoke
from vokasi.models import ApiKey

URL = "/api/v1/vacancies/"


def test_a_key_is_stored_only_as_its_sha256(world):
    key, raw = api_key_issue(user=world.employer_a, name="HRIS")
    stored = ApiKey.objects.get(pk=key.pk)
    assert raw.startswith("vk_") and len(raw) > 40
    assert stored.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(ApiKey.objects.filter(pk=key.pk).values().get())
    assert stored.prefix == raw[:10]


def test_a_program_calls_the_api_with_its_key(world, key_client, vacancy_a):
    response = key_client(world.employer_a).get(URL)
    assert response.status_code == 200
    assert [v["id"] for v in response.json()["results"]] == [vacancy_a.pk]


@pytest.mark.parametrize(
    "header", ["Token vk_wrong", "Token", "Token a b", "Token " + "x" * 200, "Token vk_\u00e9"]
)
def test_a_wrong_key_is_401(world, api, header):
    response = api.get(URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_anonymous_is_401(api, db):
    assert api.get(URL).status_code == 401


def test_a_revoked_key_stops_working(world, api):
    key, raw = api_key_issue(user=world.employer_a)
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get(URL).status_code == 200
    api_key_revoke(key=key)
    assert api.get(URL).status_code == 401


def test_an_expired_key_stops_working(world, api):
    _key, raw = api_key_issue(
        user=world.employer_a, expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get(URL).status_code == 401


def test_the_key_of_a_deactivated_user_stops_working(world, api):
    _key, raw = api_key_issue(user=world.employer_a)
    world.employer_a.is_active = False
    world.employer_a.save()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get(URL).status_code == 401


def test_last_use_is_recorded_at_most_once_a_minute(world, api):
    key, raw = api_key_issue(user=world.employer_a)
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    api.get(URL)
    key.refresh_from_db()
    first_use = key.last_used_at
    assert first_use is not None
    api.get(URL)
    key.refresh_from_db()
    assert key.last_used_at == first_use
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=first_use - datetime.timedelta(minutes=2))
    api.get(URL)
    key.refresh_from_db()
    assert key.last_used_at > first_use - datetime.timedelta(minutes=2)


def test_issue_token_prints_a_working_key(world, api):
    out = StringIO()
    call_command("issue_token", "employer_a", "--days", "30", stdout=out)
    raw = out.getvalue().strip()
    key = ApiKey.objects.get(user=world.employer_a)
    assert key.expires_at is not None
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get(URL).status_code == 200


def test_issue_token_refuses_an_unknown_user(db):
    with pytest.raises(CommandError):
        call_command("issue_token", "nobody", stdout=StringIO())


@override_settings(VOKASI_API_RATE="3/minute")
def test_each_key_is_rate_limited_with_retry_after(world, api):
    _key, raw = api_key_issue(user=world.employer_a)
    _other, other_raw = api_key_issue(user=world.employer_a)
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert [api.get(URL).status_code for _ in range(3)] == [200, 200, 200]
    response = api.get(URL)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    # Another key has its own allowance.
    api.credentials(HTTP_AUTHORIZATION=f"Token {other_raw}")
    assert api.get(URL).status_code == 200
