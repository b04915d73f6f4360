"""Liveness of what the service depends on, for /healthz and orchestration."""

import redis
from django.conf import settings
from django.db import DatabaseError, connection

OK = "ok"
UNAVAILABLE = "unavailable"
NOT_CONFIGURED = "not configured"


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return UNAVAILABLE
    return OK


def broker_status() -> str:
    """Ping Redis when it is configured; the embedded default has no broker."""
    if not settings.REDIS_URL:
        return NOT_CONFIGURED
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        client.ping()
    except redis.RedisError:
        return UNAVAILABLE
    return OK


def service_health() -> dict[str, str]:
    return {"database": database_status(), "broker": broker_status()}
