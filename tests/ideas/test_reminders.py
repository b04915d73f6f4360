"""Unanswered ideas: reminded to the lead, then escalated to the medical directors, each once,
by a daily job that is safe to run again (ideas/reminders.py)."""

import datetime as dt

import pytest
from django.core import mail
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import Role
from config.celery_app import app
from ideas import services
from ideas.models import Idea, IdeaReminder
from ideas.reminders import send_idea_reminders
from ideas.tasks import send_idea_reminders as reminders_task
from notifications.models import Notification
from tests import factories
from tests.clock import TODAY
from tests.helpers import wait_for
from tests.ideas.helpers import invite, share

NONE = {"reminders": 0, "escalations": 0}

pytestmark = pytest.mark.usefixtures("same_day")


def shared_days_ago(cast, n: int, **changes) -> Idea:
    idea = share(invite(cast.trainee, cast.trust_a), **changes)
    submitted = timezone.now() - dt.timedelta(days=n)
    Idea.objects.filter(pk=idea.pk).update(submitted_at=submitted,
                                           due_on=timezone.localdate(submitted) + dt.timedelta(days=30))
    return Idea.objects.get(pk=idea.pk)


def told(template: str) -> list:
    return list(Notification.objects.filter(template=template).values_list("recipient", flat=True))


@pytest.mark.django_db
def test_nothing_is_sent_before_the_reminder_day(cast):
    shared_days_ago(cast, 20)
    assert send_idea_reminders() == NONE


@pytest.mark.django_db
def test_the_lead_is_reminded_once(cast):
    deputy = factories.UserFactory(role=Role.MEDICAL_DIRECTOR, trust=cast.trust_a)
    services.lead_name(trust=cast.trust_a, user=deputy, by=cast.director_a)
    shared_days_ago(cast, 21)
    assert send_idea_reminders() == {"reminders": 1, "escalations": 0}
    assert told("idea_reminder") == [deputy.pk]
    assert send_idea_reminders() == NONE  # claimed: never twice


@pytest.mark.django_db
def test_an_overdue_idea_is_escalated_to_every_medical_director_once(cast):
    deputy = factories.UserFactory(role=Role.MEDICAL_DIRECTOR, trust=cast.trust_a)
    services.lead_name(trust=cast.trust_a, user=deputy, by=cast.director_a)
    shared_days_ago(cast, 31, anonymous=True)
    assert send_idea_reminders() == {"reminders": 0, "escalations": 2}  # too late to remind: escalated
    assert sorted(told("idea_escalated")) == sorted([cast.director_a.pk, deputy.pk])
    assert not any("Alice" in str(n.context) for n in Notification.objects.filter(template="idea_escalated"))
    assert send_idea_reminders() == NONE


@pytest.mark.django_db
def test_an_answered_idea_is_neither_reminded_nor_escalated(cast):
    idea = shared_days_ago(cast, 40)
    services.idea_answer(idea=idea, status="acknowledged", answer="", by=cast.director_a)
    assert send_idea_reminders() == NONE


@pytest.mark.django_db
@override_settings(IDEAS_ANSWER_DAYS=10, IDEAS_REMIND_DAYS=5)
def test_the_timings_are_settings(cast):
    idea = share(invite(cast.trainee, cast.trust_a))
    assert idea.due_on == TODAY + dt.timedelta(days=10)
    Idea.objects.filter(pk=idea.pk).update(submitted_at=timezone.now() - dt.timedelta(days=5))
    assert send_idea_reminders()["reminders"] == 1


def test_the_daily_jobs_are_on_the_beat_schedule():
    schedule = app.conf.beat_schedule
    assert schedule["daily-idea-reminders"]["task"] == "ideas.tasks.send_idea_reminders"
    assert schedule["daily-idea-invitations"]["task"] == "ideas.tasks.invite_new_starters"


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_two_beats_in_a_real_worker_send_each_reminder_once(live_worker, live_cast):
    shared_days_ago(live_cast, 22)
    mail.outbox.clear()
    beats = [reminders_task.delay(), reminders_task.delay()]  # two beats at once
    results = [beat.get(timeout=30) for beat in beats]
    assert sum(r["reminders"] for r in results) == 1
    assert IdeaReminder.objects.count() == 1
    # The idea's own email ("A new idea for ...") went when it was shared; the reminder once.
    reminders = lambda: [(m.to, m.subject) for m in mail.outbox if "waiting" in m.subject]  # noqa: E731
    assert wait_for(lambda: len(reminders()) >= 1)
    assert reminders() == [
        ([live_cast.director_a.email], "An idea for Alderbrook Hospitals NHS Trust is waiting for an answer")]
    assert reminders_task.delay().get(timeout=30) == NONE
