"""Matching through the real Redis broker and a real Celery worker."""

import time

import pytest
from django.test.utils import override_settings

from config.celery_app import app
from core.tasks import QUEUES
from pipeline import tasks
from pipeline.matching import services
from pipeline.models import Match, MatchRun, Vacancy
from pipeline.services import vacancy_publish
from tests import factories
from tests.helpers import wait_for
from tests.pipeline.matching_scenarios import candidate, open_vacancy, rows
from trainees.services import trainee_portfolio_changed

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]



def test_publishing_a_vacancy_stores_its_matches_through_the_worker(live_worker, reference_data_loaded):
    trainees = [candidate() for _ in range(3)]
    vacancy = factories.VacancyFactory(status=Vacancy.Status.DRAFT,
                                       trust=factories.TrustFactory(region=trainees[0].region))
    vacancy_publish(vacancy=vacancy)  # queued on commit; no surrounding transaction here
    assert wait_for(lambda: MatchRun.objects.filter(
        kind="vacancy", target=str(vacancy.pk), status="succeeded").exists())
    assert set(Match.objects.filter(vacancy=vacancy).values_list("trainee_id", flat=True)) == {
        t.pk for t in trainees}


def test_running_the_same_task_twice_leaves_identical_rows(live_worker, reference_data_loaded):
    vacancy = open_vacancy()
    for i in range(3):
        candidate(project_text=f"patient flow {i}")
    tasks.match_vacancy.delay(vacancy.pk).get(timeout=20)
    first = rows()
    tasks.match_vacancy.delay(vacancy.pk).get(timeout=20)
    assert rows() == first
    assert len(first) == 3


def test_the_full_rematch_runs_as_a_group_of_chunks(live_worker, reference_data_loaded):
    vacancies = [open_vacancy() for _ in range(5)]
    for _ in range(4):
        candidate()
    with override_settings(MATCH_FULL_CHUNKS=3):
        run_id = tasks.rematch_all.delay().get(timeout=20)
    assert wait_for(lambda: MatchRun.objects.get(pk=run_id).status == "succeeded")
    chunks = MatchRun.objects.filter(kind="chunk")
    assert chunks.count() == 3
    assert Match.objects.filter(vacancy__in=vacancies).count() == 20
    through_worker = rows()
    services.rematch_all_foreground()
    assert rows() == through_worker  # the same rows as a single process computes


@override_settings(MATCH_REMATCH_DELAY_SECONDS=1)
def test_ten_portfolio_edits_in_a_burst_cause_one_rematch(live_worker, reference_data_loaded):
    open_vacancy()
    trainee = candidate()
    for _ in range(10):
        trainee_portfolio_changed(trainee=trainee)
    assert wait_for(lambda: MatchRun.objects.filter(kind="trainee").exists())
    time.sleep(2)  # anything else would have run by now
    assert MatchRun.objects.filter(kind="trainee", target=str(trainee.pk)).count() == 1
    assert Match.objects.filter(trainee=trainee).count() == 1


def test_matching_and_imports_run_on_their_own_queues_and_email_on_the_default():
    app.loader.import_default_modules()
    def queue_of(name: str) -> str:
        return app.amqp.router.route({}, name, task_type=app.tasks[name])["queue"].name

    assert queue_of("pipeline.tasks.match_vacancy") == "matching"
    assert queue_of("pipeline.tasks.rematch_all") == "matching"
    assert queue_of("imports.tasks.import_commit") == "imports"
    assert queue_of("notifications.tasks.send_notification") == "default"


def test_every_task_of_ours_declares_its_queue_and_delays_on_commit():
    app.loader.import_default_modules()
    ours = [t for name, t in app.tasks.items() if not name.startswith("celery.")]
    assert len(ours) >= 10
    for task in ours:
        assert task.runs_on in QUEUES, task.name
        assert hasattr(task, "delay_on_commit"), task.name


def test_the_nightly_rematch_is_on_the_beat_schedule():
    entry = app.conf.beat_schedule["nightly-full-rematch"]
    assert entry["task"] in app.tasks
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {30})
