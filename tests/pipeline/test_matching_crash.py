"""A matching task whose worker is killed part-way is redelivered and completes once.

Runs real `celery worker` processes against the test database and Redis: the first
is SIGKILLed while its task waits inside its transaction; a second worker gets the
message again (late acknowledgement) and leaves exactly the right rows.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg2
import pytest
import redis
from django.conf import settings
from django.db import connection

from pipeline import tasks
from pipeline.models import Match, MatchRun
from tests.helpers import wait_for
from tests.pipeline.matching_scenarios import candidate, open_vacancy

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
VISIBILITY_TIMEOUT = 2


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(name: str, db_url: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base",
           "DATABASE_URL": db_url or database_url(), "REDIS_URL": settings.REDIS_URL,
           "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "matching", "--pool",
         "solo", "-l", "warning", "--without-gossip", "--without-mingle", "-n", f"{name}@%h"],
        cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )



class RowLock:
    """Another session holding a vacancy's row lock keeps a task waiting mid-way."""

    def __init__(self) -> None:
        db = connection.settings_dict
        self.holder = psycopg2.connect(dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"],
                                       host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432)

    def lock(self, vacancy_id: int) -> None:
        self.holder.cursor().execute("SELECT 1 FROM pipeline_vacancy WHERE id = %s FOR UPDATE",
                                     [vacancy_id])

    def release(self) -> None:
        self.holder.rollback()

    def close(self) -> None:
        self.holder.rollback()
        self.holder.close()


def kill(worker: subprocess.Popen) -> None:
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)


def stop(worker: subprocess.Popen) -> None:
    os.killpg(worker.pid, signal.SIGTERM)
    worker.wait(timeout=30)


def test_a_worker_killed_mid_task_loses_nothing_and_duplicates_nothing(reference_data_loaded,
                                                                      tasks_via_broker):
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("needs PostgreSQL and Redis (CI has both)")
    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    vacancy = open_vacancy()
    trainees = [candidate() for _ in range(3)]
    stale = candidate(grade="F1")  # no longer eligible: its old row must go
    Match.objects.create(trainee=stale, vacancy=vacancy, score=1.0, computed_at=vacancy.created_at)

    row_lock = RowLock()
    try:
        row_lock.lock(vacancy.pk)
        doomed = start_worker("doomed")
        try:
            tasks.match_vacancy.apply_async((vacancy.pk,))
            assert wait_for(lambda: MatchRun.objects.filter(status="running").exists(), 60), \
                "the first worker never started the task"
            time.sleep(1)  # now blocked on the row lock, inside the job's transaction
        finally:
            kill(doomed)
        row_lock.release()
        assert not MatchRun.objects.filter(status="succeeded").exists()
        assert list(Match.objects.values_list("trainee_id", flat=True)) == [stale.pk]

        second = start_worker("second")
        try:
            assert wait_for(lambda: MatchRun.objects.filter(status="succeeded").exists(), 60), \
                "the task was not redelivered to the second worker"
        finally:
            stop(second)
    finally:
        row_lock.close()

    rows = list(Match.objects.filter(vacancy=vacancy).values_list("trainee_id", flat=True))
    assert sorted(rows) == sorted(t.pk for t in trainees)  # no duplicates, no stale row
    assert MatchRun.objects.filter(status="succeeded").count() == 1
