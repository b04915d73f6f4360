"""Tests: PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set, else embedded."""

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

# Tests use their own Redis database (15 unless TEST_REDIS_URL says otherwise) so
# they never touch a developer's or a running worker's queues.
if REDIS_URL:
    REDIS_URL = env("TEST_REDIS_URL", default=REDIS_URL.rsplit("/", 1)[0] + "/15")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Eager unless a test is about Celery: those start a real worker (tests/conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
# The cache gets its own Redis database (14), so clearing it between tests never
# touches the broker's queues (15).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL.rsplit("/", 1)[0] + "/14"}
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
