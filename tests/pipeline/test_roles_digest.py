"""The weekly email to trainees of roles newly matched to them, and opting out of it."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from config.celery_app import app
from notifications.models import Notification
from notifications.services import notification_send
from pipeline.digests import send_roles_digest
from pipeline.models import Match
from tests import factories
from trainees.models import Preferences

pytestmark = pytest.mark.django_db


def findable(trainee, **fields) -> Preferences:
    return factories.PreferencesFactory(trainee=trainee, discoverable=True,
                                        discoverable_consent_at=timezone.now(), **fields)


def matched(trainee, title: str, days_ago: int = 1, status: str = "open") -> Match:
    vacancy = factories.VacancyFactory(title=title, status=status)
    match = factories.MatchFactory(trainee=trainee, vacancy=vacancy)
    Match.objects.filter(pk=match.pk).update(created_at=timezone.now() - dt.timedelta(days=days_ago))
    return match


def test_a_trainee_hears_once_a_week_of_open_roles_newly_matched(cast):
    findable(cast.trainee)
    matched(cast.trainee, "Flow lead")
    matched(cast.trainee, "Last month's role", days_ago=10)
    matched(cast.trainee, "Closed role", status="closed")
    assert send_roles_digest() == 1
    email = Notification.objects.get(template="roles_digest")
    assert email.subject == "1 new leadership role matches you"
    assert [r["title"] for r in email.context["roles"]] == ["Flow lead"]
    assert send_roles_digest() == 0  # claimed for the week
    mail.outbox.clear()
    notification_send(notification_id=email.pk)
    assert "Flow lead" in mail.outbox[0].body and "/preferences/" in mail.outbox[0].body


def test_no_email_for_a_trainee_who_said_no_or_cannot_be_found(cast):
    findable(cast.trainee, weekly_roles_email=False)
    matched(cast.trainee, "Flow lead")
    factories.PreferencesFactory(trainee=cast.other_trainee, discoverable=False)
    matched(cast.other_trainee, "Hidden")
    assert send_roles_digest() == 0


def test_the_trainee_says_no_in_their_preferences(client, cast):
    findable(cast.trainee)
    client.force_login(cast.trainee_user)
    page = client.get(reverse("trainees:preferences")).content.decode()
    assert "Do you want a weekly email of roles newly matched to you?" in page
    client.post(reverse("trainees:preferences"), {"sessions_per_week": "2", "discoverable": "yes",
                                                  "weekly_roles_email": "no"})
    assert Preferences.objects.get(trainee=cast.trainee).weekly_roles_email is False


def test_the_digest_is_on_the_beat_schedule():
    assert app.conf.beat_schedule["weekly-roles-digest"]["task"] == "pipeline.tasks.send_roles_digest"
