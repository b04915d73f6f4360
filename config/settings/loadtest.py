"""Production settings over plain HTTP on loopback, for the load test only."""

from .production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# One client address makes every simulated user look alike to the lockout.
AXES_ENABLED = False
