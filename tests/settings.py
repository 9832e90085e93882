"""Test settings: the production module with test-only relaxations.

The environment decides the database (``DATABASE_URL``), exactly as in production.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

from vokasi.settings import *  # noqa: F403

# Tests speak plain HTTP to the test client and the live server.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["*"]
# A fast hasher: password hashing is not what these tests measure.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Login lockout is tested on its own (tests/vokasi/test_login_lockout.py); elsewhere the
# test client's login() has no request for it to count.
AXES_ENABLED = False
# One process runs the tests: its memory is the shared cache, and tests clear it without a
# database. tests/vokasi/test_shared_cache.py checks the production cache across processes.
PRODUCTION_CACHES = CACHES  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A second alias for the reports' replica, mirroring the test database (Django's
# TEST MIRROR): tests/reports/test_replica_router.py turns the routing on with
# VOKASI_REPORTS_DATABASE="reports"; elsewhere report reads stay on the default alias,
# inside each test's transaction.
DATABASES["reports"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
VOKASI_REPORTS_DATABASE = None
