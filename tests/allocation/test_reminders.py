"""Reminders before a round's deadlines: due ones sent once, to those who still have to act."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from allocation import services
from allocation.models import AllocationRound
from allocation.reminders import send_round_reminders
from allocation.tasks import send_round_reminders as reminders_task
from config.celery_app import app
from notifications.models import Notification
from tests import factories
from tests.helpers import wait_for


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def round_closing(cast, trainee_in: int, director_in: int):
    round = factories.RoundFactory(region=cast.region_a, trainee_deadline=days(trainee_in),
                                   director_deadline=days(director_in))
    post = factories.RoundPostFactory(round=round, vacancy=factories.VacancyFactory(
        trust=cast.trust_a, title="Ward flow lead"))
    return round, post


def told(template: str) -> set[int]:
    return set(Notification.objects.filter(template=template).values_list("recipient", flat=True))


@pytest.mark.django_db
def test_trainees_who_have_not_ranked_are_reminded_once(cast):
    round, post = round_closing(cast, trainee_in=2, director_in=9)
    ranked = factories.TraineeFactory(region=cast.region_a, user=factories.UserFactory())
    services.choices_save(round=round, trainee=ranked, posts=[post])
    assert send_round_reminders() == {"trainees": 1, "directors": 0}
    assert told("round_reminder") == {cast.trainee_user.pk}  # not who ranked, not region B
    assert send_round_reminders() == {"trainees": 0, "directors": 0}  # claimed: never twice
    round.refresh_from_db()
    assert round.trainee_reminder_sent_on == timezone.localdate()


@pytest.mark.django_db
def test_nothing_is_sent_before_it_is_due(cast):
    round_closing(cast, trainee_in=5, director_in=12)
    assert send_round_reminders() == {"trainees": 0, "directors": 0}


@pytest.mark.django_db
def test_directors_with_an_unranked_post_are_reminded_of_it(cast):
    round, post = round_closing(cast, trainee_in=2, director_in=9)
    ranked_post = factories.RoundPostFactory(round=round, vacancy=factories.VacancyFactory(
        trust=cast.trust_b, title="Ranked already"))
    services.choices_save(round=round, trainee=cast.trainee, posts=[post])
    AllocationRound.objects.filter(pk=round.pk).update(trainee_deadline=days(-1), director_deadline=days(2))
    round.refresh_from_db()
    services.applicants_rank(post=ranked_post, by=cast.director_b, ranks={})
    assert send_round_reminders()["directors"] == 1
    assert told("round_reminder_director") == {cast.director_a.pk}
    notification = Notification.objects.get(template="round_reminder_director")
    assert notification.context["posts"] == ["Ward flow lead"]


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_the_daily_job_runs_in_a_real_worker_and_emails_go_out(live_worker, live_cast):
    mail.outbox.clear()
    round_closing(live_cast, trainee_in=1, director_in=5)
    assert reminders_task.delay().get(timeout=20) == {"trainees": 1, "directors": 0}
    assert wait_for(lambda: any(m.to == [live_cast.trainee.email] for m in mail.outbox))
    body = next(m.body for m in mail.outbox if m.to == [live_cast.trainee.email])
    assert "you have not ranked any posts" in body and "/rank/" in body
    assert reminders_task.delay().get(timeout=20) == {"trainees": 0, "directors": 0}


def test_the_reminders_are_on_the_beat_schedule():

    assert app.conf.beat_schedule["daily-round-reminders"]["task"] == "allocation.tasks.send_round_reminders"


def test_every_task_of_ours_can_be_sent_its_soft_limit_within_its_hard_limit():
    """Celery refuses to send a task whose soft time limit (the setting's, unless the task
    sets its own) exceeds its hard one: the weekly digest had exactly this fault."""

    app.loader.import_default_modules()
    ours = [task for name, task in app.tasks.items() if not name.startswith("celery.")]
    assert ours
    for task in ours:
        soft, hard = task.soft_time_limit, task.time_limit
        assert not (soft and hard and soft > hard), task.name
