"""A real in-process Celery worker consuming the real Redis broker, for tests."""

import celery.contrib.testing.tasks  # noqa: F401  (registers celery.ping, for the ping check)
import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from config.celery_app import app
from core.tasks import QUEUES


def require_broker() -> None:
    if not settings.REDIS_URL:
        pytest.skip("needs Redis: set REDIS_URL (CI always does)")


@pytest.fixture(scope="module")
def live_worker(django_db_blocker):
    """Start a solo-pool worker thread; tasks stop running eagerly while it lives."""
    require_broker()
    # A previous run's leftover messages would otherwise be handed to this worker.
    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    app.conf.update(task_always_eager=False, broker_url=settings.REDIS_URL,
                    result_backend=settings.REDIS_URL)
    try:
        with start_worker(app, pool="solo", queues=QUEUES, perform_ping_check=True,
                          shutdown_timeout=30) as worker:
            yield worker
    finally:
        app.conf.update(task_always_eager=True)


@pytest.fixture
def tasks_via_broker():
    """Send tasks to the Redis broker (for workers in other processes) in this test."""
    require_broker()
    app.conf.update(task_always_eager=False, broker_url=settings.REDIS_URL,
                    result_backend=settings.REDIS_URL)
    yield
    app.conf.update(task_always_eager=True)
