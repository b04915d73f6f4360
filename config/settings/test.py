"""Tests: PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set, else embedded."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, env

DEBUG = False
SECRET_KEY = "test-only-secret-key"
# Argon2 is deliberately slow; tests hash many passwords.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Live-server tests run with DEBUG=False and no collectstatic manifest.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
ALLOWED_HOSTS = ["*"]

# Tests use their own Redis databases, so they never touch a developer's or a running
# worker's queues: the broker on 15 (or TEST_REDIS_URL's number), the cache on the one
# below. Each pytest-xdist worker (gw0, gw1, ...) takes the next pair down, so parallel
# workers never flush each other's queues or cache.
if REDIS_URL:
    _test_redis = env("TEST_REDIS_URL", default=REDIS_URL.rsplit("/", 1)[0] + "/15")
    _redis_server, _first_db = _test_redis.rsplit("/", 1)
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    _broker_db = int(_first_db) - 2 * _worker
    if _broker_db < 1:
        raise ImproperlyConfigured("Too many test workers for the Redis databases: use fewer.")
    REDIS_URL = f"{_redis_server}/{_broker_db}"
    _CACHE_URL = f"{_redis_server}/{_broker_db - 1}"
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Eager unless a test is about Celery: those start a real worker (tests/conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
# The cache's own Redis database: clearing it between tests never touches the queues.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": _CACHE_URL}
    if REDIS_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Two-factor sign-in is required of no role unless a test says so (tests/accounts/test_two_factor.py).
MFA_REQUIRED_ROLES = []

# One single sign-on provider, so its pages exist; tests/browser/test_single_sign_on.py points it
# at a real OpenID provider it starts (tests/oidc/). Nothing listens at this address.
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [{
    "provider_id": "test-idp", "name": "Test identity provider", "client_id": "leadership-pipeline",
    "secret": "test-only", "settings": {"server_url": "http://127.0.0.1:9", "oauth_pkce_enabled": True},
}]}}
