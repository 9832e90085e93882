"""API keys: issue, authenticate, revoke, and throttle per key.

A key is ``vk_`` + 32 random bytes (URL-safe base64). The database keeps only its
SHA-256, so a stolen database does not give working keys; a 256-bit random key needs
no slow hash. The lookup is by hash, then compared in constant time.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, throttling

from vokasi.models import ApiKey, User
from vokasi.ratelimit import rate_hit

KEY_PREFIX = "vk_"
PREFIX_LENGTH = 10  # "vk_" + 7 characters shown in lists
# Writing last_used_at on every request would turn every read into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_key_issue(
    *, user: User, name: str = "", expires_at: datetime.datetime | None = None
) -> tuple[ApiKey, str]:
    """Create a key for ``user``; returns the stored key and the raw key (show it once)."""
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        user=user,
        name=name[:80],
        prefix=raw[:PREFIX_LENGTH],
        key_hash=hash_key(raw),
        expires_at=expires_at,
    )
    return key, raw


@transaction.atomic
def api_key_revoke(*, key: ApiKey) -> ApiKey:
    """Revoke ``key`` from now on; revoking twice keeps the first time."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key


def api_key_authenticate(raw: str) -> ApiKey | None:
    """The usable key matching ``raw``, or None. Marks it used (at most once a minute)."""
    if not raw.startswith(KEY_PREFIX) or len(raw) > 100:
        return None
    digest = hash_key(raw)
    # The hash is unique: ``get`` reads the key and its user without the ORDER BY of
    # ``first`` (the model's ordering), the one query every API request pays.
    try:
        key = ApiKey.objects.select_related("user").get(key_hash=digest)
    except ApiKey.DoesNotExist:
        return None
    if not hmac.compare_digest(key.key_hash, digest):
        return None
    now = timezone.now()
    if not key.is_usable(now):
        return None
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <key>``; ``request.auth`` is the ApiKey."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            raw = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        key = api_key_authenticate(raw)
        if key is None or not key.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid, revoked or expired token."))
        return key.user, key

    def authenticate_header(self, request) -> str:
        return self.keyword


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "vokasi.auth.ApiKeyAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'A key issued to one user, sent as "Token <key>".',
        }


class ApiKeyRateThrottle(throttling.SimpleRateThrottle):
    """Requests per key (``settings.VOKASI_API_RATE``, e.g. "600/minute").

    Browser sessions are people clicking, so only programs (key requests) are counted.
    The count is ``vokasi.ratelimit``'s sliding window in the database, which every worker
    and machine shares, so the limit holds across processes.
    """

    scope = "api_key"

    def get_rate(self):
        return getattr(settings, "VOKASI_API_RATE", "600/minute")

    def allow_request(self, request, view):
        if not isinstance(request.auth, ApiKey):
            return True
        # The rate is a setting that tests and operators may change at run time.
        limit, duration = self.parse_rate(self.get_rate())
        verdict = rate_hit(f"api_key:{request.auth.pk}", limit=limit, duration=duration)
        self.retry_after = verdict.retry_after
        return verdict.allowed

    def wait(self):
        return self.retry_after


class PublicRateThrottle(throttling.SimpleRateThrottle):
    """Requests per client address to the public pages and API
    (``settings.VOKASI_PUBLIC_RATE``, e.g. "60/minute").

    Nobody logs in there, so the address is the caller: ``client_ip`` (the one our own
    proxies vouch for, as for the login lockout), an IPv6 address by its /64 (one
    household or phone gets a whole /64). The count is ``vokasi.ratelimit``'s window in
    the database, shared by every worker; the API and the pages share one count.
    """

    scope = "public"

    def get_rate(self):
        return getattr(settings, "VOKASI_PUBLIC_RATE", "60/minute")

    def allow_request(self, request, view=None):
        limit, duration = self.parse_rate(self.get_rate())
        key = f"public:{public_caller(request)}"
        verdict = rate_hit(key, limit=limit, duration=duration)
        self.retry_after = verdict.retry_after
        return verdict.allowed

    def wait(self):
        return self.retry_after


def public_caller(request) -> str:
    """The address a public request is counted under."""
    import ipaddress

    address = client_ip(request) or ""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if parsed.version == 6:
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def client_ip(request) -> str | None:
    """The address of the person logging in, as far as our own proxies can vouch for it.

    Behind the documented reverse proxy every connection comes from the proxy; nginx
    appends the address it saw to ``X-Forwarded-For``. With ``AXES_PROXY_COUNT`` = n
    proxies of ours in front, the client is the n-th address from the right (entries
    further left were written by the client and prove nothing). With 0 (the app serves
    directly) the header is ignored, so a client cannot choose the address it is
    locked out under. django-axes asks this (``AXES_CLIENT_IP_CALLABLE``).
    """
    import ipaddress

    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
