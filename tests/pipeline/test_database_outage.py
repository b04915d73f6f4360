"""Tasks ride out a database outage: they retry, then complete, and write nothing partial.

A real `celery worker` process reaches PostgreSQL through a TCP relay this test can cut:
while it is cut every connection is dropped, as when the database restarts or fails over.
"""

import contextlib
import socket
import threading

import pytest
import redis
from django.conf import settings
from django.db import connection

from pipeline import tasks
from pipeline.models import Match, MatchRun
from tests.helpers import wait_for
from tests.pipeline.matching_scenarios import candidate, open_vacancy
from tests.pipeline.test_matching_crash import start_worker, stop

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


class Relay:
    """Forwards TCP connections to PostgreSQL while up; drops them at once while down."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target, self.up = target, False
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.refused = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                self.refused += 1
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.listener.close()


def test_a_task_retries_through_a_database_outage_and_completes_once(reference_data_loaded,
                                                                     tasks_via_broker):
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("needs PostgreSQL and Redis (CI has both)")
    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    vacancy = open_vacancy()
    trainees = [candidate() for _ in range(3)]

    db = connection.settings_dict
    relay = Relay((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    worker = start_worker("outage", f"postgres://{auth}@127.0.0.1:{relay.port}/{db['NAME']}")
    try:
        tasks.match_vacancy.apply_async((vacancy.pk,))
        assert wait_for(lambda: relay.refused >= 2, 60), "the worker never retried against the outage"
        assert not Match.objects.exists() and not MatchRun.objects.exists(), "nothing half-written"
        relay.up = True  # the database is back
        assert wait_for(lambda: MatchRun.objects.filter(status="succeeded").exists(), 90), \
            "the task did not complete once the database was back"
    finally:
        stop(worker)
        relay.close()

    rows = sorted(Match.objects.filter(vacancy=vacancy).values_list("trainee_id", flat=True))
    assert rows == sorted(t.pk for t in trainees)
    assert MatchRun.objects.count() == 1
